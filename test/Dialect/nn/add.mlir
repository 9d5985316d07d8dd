// Round-trip of nn.add: equal shapes (residual) and numpy broadcasting.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @residual
func.func @residual(%a: tensor<1x16x32x32xf32>, %b: tensor<1x16x32x32xf32>, %c: tensor<16x1x1xf32>) -> tensor<1x16x32x32xf32> {
  // CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<1x16x32x32xf32>, tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  %0 = nn.add %a, %b : (tensor<1x16x32x32xf32>, tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  // CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<1x16x32x32xf32>, tensor<16x1x1xf32>) -> tensor<1x16x32x32xf32>
  %1 = nn.add %0, %c : (tensor<1x16x32x32xf32>, tensor<16x1x1xf32>) -> tensor<1x16x32x32xf32>
  return %1 : tensor<1x16x32x32xf32>
}
