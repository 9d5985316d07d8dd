// Round-trip of nn.conv2d: defaults elided, every attribute printed when set.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @lenet_conv
func.func @lenet_conv(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>) -> tensor<1x6x24x24xf32> {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<1x6x24x24xf32>
  %0 = nn.conv2d %x, %w, %b : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<1x6x24x24xf32>
  return %0 : tensor<1x6x24x24xf32>
}

// CHECK-LABEL: func @alexnet_conv1
func.func @alexnet_conv1(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x11x11xf32>) -> tensor<1x64x55x55xf32> {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} strides [4, 4] pads [2, 2, 2, 2] : (tensor<1x3x224x224xf32>, tensor<64x3x11x11xf32>) -> tensor<1x64x55x55xf32>
  %0 = nn.conv2d %x, %w strides [4, 4] pads [2, 2, 2, 2] : (tensor<1x3x224x224xf32>, tensor<64x3x11x11xf32>) -> tensor<1x64x55x55xf32>
  return %0 : tensor<1x64x55x55xf32>
}

// CHECK-LABEL: func @depthwise_dilated
func.func @depthwise_dilated(%x: tensor<1x8x16x16xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x12x12xf32> {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} dilations [2, 2] groups 8
  %0 = nn.conv2d %x, %w dilations [2, 2] groups 8 : (tensor<1x8x16x16xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x12x12xf32>
  return %0 : tensor<1x8x12x12xf32>
}

// CHECK-LABEL: func @grouped_asymmetric_pads
func.func @grouped_asymmetric_pads(%x: tensor<1x4x7x9xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x3x4xf32> {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} strides [2, 2] pads [1, 0, 0, 1] groups 2
  %0 = nn.conv2d %x, %w strides [2, 2] pads [1, 0, 0, 1] groups 2 : (tensor<1x4x7x9xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x3x4xf32>
  return %0 : tensor<1x6x3x4xf32>
}

// Explicit default values are accepted and printed away.
// CHECK-LABEL: func @explicit_defaults
func.func @explicit_defaults(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} : (tensor<1x1x4x4xf32>
  %0 = nn.conv2d %x, %w strides [1, 1] pads [0, 0, 0, 0] dilations [1, 1] groups 1 : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// Half precision is a float type too.
// CHECK-LABEL: func @f16
func.func @f16(%x: tensor<1x1x4x4xf16>, %w: tensor<2x1x1x1xf16>) -> tensor<1x2x4x4xf16> {
  // CHECK: nn.conv2d {{.*}} -> tensor<1x2x4x4xf16>
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x4xf16>, tensor<2x1x1x1xf16>) -> tensor<1x2x4x4xf16>
  return %0 : tensor<1x2x4x4xf16>
}
