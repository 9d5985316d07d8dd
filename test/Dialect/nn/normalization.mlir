// Round-trip of nn.batch_norm and nn.lrn.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @norms
func.func @norms(%x: tensor<1x16x8x8xf32>, %s: tensor<16xf32>, %b: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>, %d: tensor<1x16xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x16xf32>) {
  // CHECK: nn.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %0 = nn.batch_norm %x, %s, %b, %m, %v : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  // CHECK: nn.batch_norm {{.*}} epsilon 1.000000e-03 : (tensor<1x16xf32>
  %1 = nn.batch_norm %d, %s, %b, %m, %v epsilon 1.0e-3 : (tensor<1x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16xf32>
  // Default alpha and beta are elided.
  // CHECK: nn.lrn %{{.*}} size 5 bias 2.000000e+00 : tensor<1x16x8x8xf32>
  %2 = nn.lrn %0 size 5 alpha 1.0e-4 beta 0.75 bias 2.0 : tensor<1x16x8x8xf32>
  // CHECK: nn.lrn %{{.*}} size 4 alpha 2.500000e-01 beta 5.000000e-01 : tensor<1x16x8x8xf32>
  %4 = nn.lrn %2 size 4 alpha 0.25 beta 0.5 : tensor<1x16x8x8xf32>
  // CHECK: nn.lrn %{{.*}} size 3 : tensor<1x16x8x8xf32>
  %3 = nn.lrn %4 size 3 : tensor<1x16x8x8xf32>
  return %3, %1 : tensor<1x16x8x8xf32>, tensor<1x16xf32>
}
