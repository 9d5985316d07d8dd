// A two-exit network for the pass tests. Input 1x1x4x4 (16 floats per sample), 2
// classes. For a constant image of value m, exit 0's logits are (0.5 m, -0.25 m) and the
// final exit's (relu(0.5 m), relu(0.5 - 0.25 m)): they disagree for 0 < m <= 2/3.
ee.network @net {
^bb0(%in: tensor<1x1x4x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x1x4x4xf32>):
    %w = arith.constant dense<[[[[0.5]]], [[[-0.25]]]]> : tensor<2x1x1x1xf32>
    %y = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
    ee.yield %y : tensor<1x2x4x4xf32>
  }
  %e0 = ee.exit 0 (%s0) criterion max_softmax threshold 0.8 : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x2x4x4xf32>):
    %w = arith.constant dense<[[[[1.0]], [[0.0]]], [[[0.0]], [[1.0]]]]> : tensor<2x2x1x1xf32>
    %b = arith.constant dense<[0.0, 0.5]> : tensor<2xf32>
    %y = nn.conv2d %x, %w, %b : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
    %r = nn.relu %y : tensor<1x2x4x4xf32>
    ee.yield %r : tensor<1x2x4x4xf32>
  }
  %e1 = ee.exit 1 final (%s1) : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
}
