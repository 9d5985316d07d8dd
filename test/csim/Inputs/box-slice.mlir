// A slice cut on two axes (not a Split's: the C-simulation walks it with the input's
// strides) and a Sub of two slices of the same feature map.
ee.network @box_slice {
^bb0(%input: tensor<1x4x6x6xf32>):
  %s0 = ee.stage 0 (%input) : (tensor<1x4x6x6xf32>) -> tensor<1x2x3x4xf32> {
  ^bb0(%x: tensor<1x4x6x6xf32>):
    %a = nn.slice %x offsets [0, 1, 1, 2] : tensor<1x4x6x6xf32> -> tensor<1x2x3x4xf32>
    %b = nn.slice %x offsets [0, 2, 3, 0] : tensor<1x4x6x6xf32> -> tensor<1x2x3x4xf32>
    %d = nn.sub %a, %b : (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
    ee.yield %d : tensor<1x2x3x4xf32>
  }
  %f = ee.exit 0 final (%s0) : (tensor<1x2x3x4xf32>) -> tensor<1x5xf32> {
  ^bb0(%y: tensor<1x2x3x4xf32>):
    %flat = nn.flatten %y : tensor<1x2x3x4xf32> -> tensor<1x24xf32>
    %w = arith.constant dense<[[0.5, -0.25, 0.125, 0.75, -0.5, 0.25, 0.0, 1.0, -1.0, 0.5, 0.25, -0.125, 0.5, -0.25, 0.125, 0.75, -0.5, 0.25, 0.0, 1.0, -1.0, 0.5, 0.25, -0.125], [0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25], [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0], [0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5], [-0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0, -0.5, 0.0]]> : tensor<5x24xf32>
    %l = nn.dense %flat, %w : (tensor<1x24xf32>, tensor<5x24xf32>) -> tensor<1x5xf32>
    ee.yield %l : tensor<1x5xf32>
  }
}
