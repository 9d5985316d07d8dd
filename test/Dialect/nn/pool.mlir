// Round-trip of max_pool2d, avg_pool2d and global_avg_pool, including ceil_mode.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @pools
func.func @pools(%x: tensor<1x6x24x24xf32>, %a: tensor<1x64x55x55xf32>, %r: tensor<1x64x8x8xf32>) -> (tensor<1x6x12x12xf32>, tensor<1x64x27x27xf32>, tensor<1x6x12x12xf32>, tensor<1x64x1x1xf32>) {
  // CHECK: nn.max_pool2d %{{.*}} kernel [2, 2] strides [2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  %0 = nn.max_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  // CHECK: nn.max_pool2d %{{.*}} kernel [3, 3] strides [2, 2] ceil_mode true : tensor<1x64x55x55xf32> -> tensor<1x64x27x27xf32>
  %1 = nn.max_pool2d %a kernel [3, 3] strides [2, 2] ceil_mode true : tensor<1x64x55x55xf32> -> tensor<1x64x27x27xf32>
  // CHECK: nn.avg_pool2d %{{.*}} kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] count_include_pad true : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  %2 = nn.avg_pool2d %x kernel [3, 3] strides [2, 2] pads [1, 1, 1, 1] count_include_pad true : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  // CHECK: nn.global_avg_pool %{{.*}} : tensor<1x64x8x8xf32> -> tensor<1x64x1x1xf32>
  %3 = nn.global_avg_pool %r : tensor<1x64x8x8xf32> -> tensor<1x64x1x1xf32>
  return %0, %1, %2, %3 : tensor<1x6x12x12xf32>, tensor<1x64x27x27xf32>, tensor<1x6x12x12xf32>, tensor<1x64x1x1xf32>
}

// ceil_mode drops a last window that would start in the end padding.
// CHECK-LABEL: func @ceil_mode_window_in_padding
func.func @ceil_mode_window_in_padding(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // CHECK: nn.max_pool2d %{{.*}} kernel [2, 2] strides [2, 2] pads [0, 0, 1, 1] ceil_mode true
  %0 = nn.max_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 1, 1] ceil_mode true : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// CHECK-LABEL: func @dilated_max_pool
func.func @dilated_max_pool(%x: tensor<1x2x9x9xf32>) -> tensor<1x2x5x5xf32> {
  // CHECK: nn.max_pool2d %{{.*}} kernel [3, 3] dilations [2, 2]
  %0 = nn.max_pool2d %x kernel [3, 3] dilations [2, 2] : tensor<1x2x9x9xf32> -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}
