// Round-trip of the ops issue #17 added: sigmoid, tanh, log_softmax, sub, mul, slice.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @export_ops
func.func @export_ops(%x: tensor<1x8x4x4xf32>, %c: tensor<1x8x1x1xf32>, %l: tensor<1x10xf32>)
    -> (tensor<1x3x4x2xf32>, tensor<1x10xf32>) {
  // CHECK: %[[S:.*]] = nn.sigmoid %{{.*}} : tensor<1x8x4x4xf32>
  %0 = nn.sigmoid %x : tensor<1x8x4x4xf32>
  // CHECK: %[[T:.*]] = nn.tanh %[[S]] : tensor<1x8x4x4xf32>
  %1 = nn.tanh %0 : tensor<1x8x4x4xf32>
  // CHECK: %[[M:.*]] = nn.mul %[[T]], %{{.*}} : (tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %2 = nn.mul %1, %c : (tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: %[[D:.*]] = nn.sub %{{.*}}, %[[M]] : (tensor<1x8x1x1xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %3 = nn.sub %c, %2 : (tensor<1x8x1x1xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: nn.slice %[[D]] offsets [0, 5, 0, 2] : tensor<1x8x4x4xf32> -> tensor<1x3x4x2xf32>
  %4 = nn.slice %3 offsets [0, 5, 0, 2] : tensor<1x8x4x4xf32> -> tensor<1x3x4x2xf32>
  // CHECK: nn.log_softmax %{{.*}} axis 1 : tensor<1x10xf32>
  %5 = nn.log_softmax %l axis 1 : tensor<1x10xf32>
  return %4, %5 : tensor<1x3x4x2xf32>, tensor<1x10xf32>
}
