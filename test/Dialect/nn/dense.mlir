// Round-trip of nn.dense with and without bias.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: func @classifier
func.func @classifier(%x: tensor<1x400xf32>, %w: tensor<120x400xf32>, %b: tensor<120xf32>, %w2: tensor<10x120xf32>) -> tensor<1x10xf32> {
  // CHECK: %[[H:.*]] = nn.dense %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x400xf32>, tensor<120x400xf32>, tensor<120xf32>) -> tensor<1x120xf32>
  %h = nn.dense %x, %w, %b : (tensor<1x400xf32>, tensor<120x400xf32>, tensor<120xf32>) -> tensor<1x120xf32>
  // CHECK: nn.dense %[[H]], %{{.*}} : (tensor<1x120xf32>, tensor<10x120xf32>) -> tensor<1x10xf32>
  %y = nn.dense %h, %w2 : (tensor<1x120xf32>, tensor<10x120xf32>) -> tensor<1x10xf32>
  return %y : tensor<1x10xf32>
}
