// BranchyNet-LeNet skeleton: three stages, two early exits and the final exit (weights are placeholders).

ee.network @branchy_lenet {
^bb0(%input: tensor<1x1x28x28xf32>):
  %s0 = ee.stage 0 (%input) : (tensor<1x1x28x28xf32>) -> tensor<1x6x12x12xf32> {
  ^bb0(%x: tensor<1x1x28x28xf32>):
    %w = arith.constant dense<0.1> : tensor<6x1x5x5xf32>
    %c = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
    %r = nn.relu %c : tensor<1x6x24x24xf32>
    %p = nn.max_pool2d %r kernel [2, 2] strides [2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
    ee.yield %p : tensor<1x6x12x12xf32>
  }
  %e0 = ee.exit 0 (%s0) criterion entropy threshold 0.5 placement parallel : (tensor<1x6x12x12xf32>) -> tensor<1x10xf32> {
  ^bb0(%f: tensor<1x6x12x12xf32>):
    %flat = nn.flatten %f : tensor<1x6x12x12xf32> -> tensor<1x864xf32>
    %w = arith.constant dense<0.01> : tensor<10x864xf32>
    %l = nn.dense %flat, %w : (tensor<1x864xf32>, tensor<10x864xf32>) -> tensor<1x10xf32>
    ee.yield %l : tensor<1x10xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x6x12x12xf32>) -> tensor<1x16x4x4xf32> {
  ^bb0(%x: tensor<1x6x12x12xf32>):
    %w = arith.constant dense<0.1> : tensor<16x6x5x5xf32>
    %c = nn.conv2d %x, %w : (tensor<1x6x12x12xf32>, tensor<16x6x5x5xf32>) -> tensor<1x16x8x8xf32>
    %p = nn.max_pool2d %c kernel [2, 2] strides [2, 2] : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
    ee.yield %p : tensor<1x16x4x4xf32>
  }
  %e1 = ee.exit 1 (%s1) criterion max_softmax threshold 0.9 placement pipeline : (tensor<1x16x4x4xf32>) -> tensor<1x10xf32> {
  ^bb0(%f: tensor<1x16x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x16x4x4xf32> -> tensor<1x16x1x1xf32>
    %flat = nn.flatten %g : tensor<1x16x1x1xf32> -> tensor<1x16xf32>
    %w = arith.constant dense<0.01> : tensor<10x16xf32>
    %l = nn.dense %flat, %w : (tensor<1x16xf32>, tensor<10x16xf32>) -> tensor<1x10xf32>
    ee.yield %l : tensor<1x10xf32>
  }
  %s2 = ee.stage 2 (%s1) : (tensor<1x16x4x4xf32>) -> tensor<1x120xf32> {
  ^bb0(%x: tensor<1x16x4x4xf32>):
    %flat = nn.flatten %x : tensor<1x16x4x4xf32> -> tensor<1x256xf32>
    %w = arith.constant dense<0.01> : tensor<120x256xf32>
    %h = nn.dense %flat, %w : (tensor<1x256xf32>, tensor<120x256xf32>) -> tensor<1x120xf32>
    ee.yield %h : tensor<1x120xf32>
  }
  %e2 = ee.exit 2 final (%s2) : (tensor<1x120xf32>) -> tensor<1x10xf32> {
  ^bb0(%h: tensor<1x120xf32>):
    %w = arith.constant dense<0.01> : tensor<10x120xf32>
    %l = nn.dense %h, %w : (tensor<1x120xf32>, tensor<10x120xf32>) -> tensor<1x10xf32>
    ee.yield %l : tensor<1x10xf32>
  }
}
