// A two-exit network with a batch norm to fold; input of the driver tests.
ee.network @small {
^bb0(%in: tensor<1x1x4x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x1x4x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x1x1x1xf32>
    %c = arith.constant dense<1.0> : tensor<2xf32>
    %y = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
    %z = nn.batch_norm %y, %c, %c, %c, %c : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
    ee.yield %z : tensor<1x2x4x4xf32>
  }
  %e0 = ee.exit 0 (%s0) criterion max_softmax threshold 0.8 placement parallel : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x2x4x4xf32>):
    %r = nn.relu %x : tensor<1x2x4x4xf32>
    ee.yield %r : tensor<1x2x4x4xf32>
  }
  %e1 = ee.exit 1 final (%s1) : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
}
