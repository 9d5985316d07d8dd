// Round-trip of the element-wise activations: relu, leaky_relu, clip, softmax.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @activations
func.func @activations(%x: tensor<1x16x8x8xf32>, %l: tensor<1x10xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x10xf32>) {
  // CHECK: %[[R:.*]] = nn.relu %{{.*}} : tensor<1x16x8x8xf32>
  %0 = nn.relu %x : tensor<1x16x8x8xf32>
  // CHECK: %[[L:.*]] = nn.leaky_relu %[[R]] alpha 2.000000e-01 : tensor<1x16x8x8xf32>
  %1 = nn.leaky_relu %0 alpha 0.2 : tensor<1x16x8x8xf32>
  // CHECK: nn.leaky_relu %[[L]] : tensor<1x16x8x8xf32>
  %2 = nn.leaky_relu %1 : tensor<1x16x8x8xf32>
  // CHECK: nn.clip %{{.*}} min 0.000000e+00 max 6.000000e+00 : tensor<1x16x8x8xf32>
  %3 = nn.clip %2 min 0.0 max 6.0 : tensor<1x16x8x8xf32>
  // CHECK: nn.softmax %{{.*}} : tensor<1x10xf32>
  %4 = nn.softmax %l : tensor<1x10xf32>
  // CHECK: nn.softmax %{{.*}} axis 1 : tensor<1x10xf32>
  %5 = nn.softmax %4 axis 1 : tensor<1x10xf32>
  return %3, %5 : tensor<1x16x8x8xf32>, tensor<1x10xf32>
}

// min == max is a degenerate but valid clip.
// CHECK-LABEL: func @clip_point
func.func @clip_point(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: nn.clip %{{.*}} min 1.000000e+00 max 1.000000e+00
  %0 = nn.clip %x min 1.0 max 1.0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
