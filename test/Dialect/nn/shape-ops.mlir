// Round-trip of pad (every mode), flatten, reshape, concat and transpose.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @shapes
func.func @shapes(%x: tensor<1x16x5x5xf32>, %y: tensor<1x8x5x5xf32>) -> (tensor<1x16x7x9xf32>, tensor<1x400xf32>, tensor<1x400xf32>, tensor<1x24x5x5xf32>, tensor<16x25xf32>) {
  // CHECK: nn.pad %{{.*}} pads [0, 0, 1, 2, 0, 0, 1, 2] value -1.000000e+00 : tensor<1x16x5x5xf32> -> tensor<1x16x7x9xf32>
  %0 = nn.pad %x pads [0, 0, 1, 2, 0, 0, 1, 2] value -1.0 : tensor<1x16x5x5xf32> -> tensor<1x16x7x9xf32>
  // CHECK: nn.flatten %{{.*}} : tensor<1x16x5x5xf32> -> tensor<1x400xf32>
  %1 = nn.flatten %x : tensor<1x16x5x5xf32> -> tensor<1x400xf32>
  // CHECK: nn.flatten %{{.*}} axis 2 : tensor<1x16x5x5xf32> -> tensor<16x25xf32>
  %2 = nn.flatten %x axis 2 : tensor<1x16x5x5xf32> -> tensor<16x25xf32>
  // CHECK: nn.reshape %{{.*}} : tensor<1x16x5x5xf32> -> tensor<1x400xf32>
  %3 = nn.reshape %x : tensor<1x16x5x5xf32> -> tensor<1x400xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}} axis 1 : (tensor<1x16x5x5xf32>, tensor<1x8x5x5xf32>) -> tensor<1x24x5x5xf32>
  %4 = nn.concat %x, %y axis 1 : (tensor<1x16x5x5xf32>, tensor<1x8x5x5xf32>) -> tensor<1x24x5x5xf32>
  return %0, %1, %3, %4, %2 : tensor<1x16x7x9xf32>, tensor<1x400xf32>, tensor<1x400xf32>, tensor<1x24x5x5xf32>, tensor<16x25xf32>
}

// Negative pads crop; a negative concat axis counts from the back.
// CHECK-LABEL: func @crop_and_negative_axis
func.func @crop_and_negative_axis(%x: tensor<1x2x6x6xf32>) -> (tensor<1x2x4x6xf32>, tensor<1x2x6x12xf32>) {
  // CHECK: nn.pad %{{.*}} pads [0, 0, -1, 0, 0, 0, -1, 0]
  %0 = nn.pad %x pads [0, 0, -1, 0, 0, 0, -1, 0] : tensor<1x2x6x6xf32> -> tensor<1x2x4x6xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}} axis -1
  %1 = nn.concat %x, %x axis -1 : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x12xf32>
  return %0, %1 : tensor<1x2x4x6xf32>, tensor<1x2x6x12xf32>
}

// ONNX Flatten's negative axis counts from the back.
// CHECK-LABEL: func @flatten_negative_axis
func.func @flatten_negative_axis(%x: tensor<1x16x5x5xf32>) -> tensor<16x25xf32> {
  // CHECK: nn.flatten %{{.*}} axis -2 : tensor<1x16x5x5xf32> -> tensor<16x25xf32>
  %0 = nn.flatten %x axis -2 : tensor<1x16x5x5xf32> -> tensor<16x25xf32>
  return %0 : tensor<16x25xf32>
}

// Pad modes and transposes.
// CHECK-LABEL: func @modes_and_transpose
func.func @modes_and_transpose(%x: tensor<1x2x3x4xf32>) -> (tensor<1x2x5x6xf32>, tensor<1x2x4x4xf32>, tensor<4x3x2x1xf32>, tensor<1x3x4x2xf32>) {
  // CHECK: nn.pad %{{.*}} mode "reflect" pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x2x3x4xf32> -> tensor<1x2x5x6xf32>
  %0 = nn.pad %x mode "reflect" pads [0, 0, 1, 1, 0, 0, 1, 1] : tensor<1x2x3x4xf32> -> tensor<1x2x5x6xf32>
  // CHECK: nn.pad %{{.*}} mode "edge" pads [0, 0, 0, 0, 0, 0, 1, 0] : tensor<1x2x3x4xf32> -> tensor<1x2x4x4xf32>
  %1 = nn.pad %x mode "edge" pads [0, 0, 0, 0, 0, 0, 1, 0] : tensor<1x2x3x4xf32> -> tensor<1x2x4x4xf32>
  // CHECK: nn.transpose %{{.*}} perm [3, 2, 1, 0] : tensor<1x2x3x4xf32> -> tensor<4x3x2x1xf32>
  %2 = nn.transpose %x perm [3, 2, 1, 0] : tensor<1x2x3x4xf32> -> tensor<4x3x2x1xf32>
  // CHECK: nn.transpose %{{.*}} perm [0, 2, 3, 1] : tensor<1x2x3x4xf32> -> tensor<1x3x4x2xf32>
  %3 = nn.transpose %x perm [0, 2, 3, 1] : tensor<1x2x3x4xf32> -> tensor<1x3x4x2xf32>
  return %0, %1, %2, %3 : tensor<1x2x5x6xf32>, tensor<1x2x4x4xf32>, tensor<4x3x2x1xf32>, tensor<1x3x4x2xf32>
}
