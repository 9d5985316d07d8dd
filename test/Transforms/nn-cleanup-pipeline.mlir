// The eecc-nn-cleanup pipeline folds batch norms, then canonicalizes and CSEs.
// RUN: eecc-opt %s -pass-pipeline='builtin.module(eecc-nn-cleanup)' | FileCheck %s
// RUN: eecc-opt %s -pass-pipeline='builtin.module(eecc-nn-cleanup{strict-batch-norm=true})' | FileCheck %s

// CHECK-LABEL: func @cleanup
// The original weight constant is dead after folding and disappears.
// CHECK-COUNT-2: arith.constant
// CHECK-NOT: arith.constant
// CHECK: nn.conv2d
// CHECK-NOT: nn.batch_norm
func.func @cleanup(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = arith.constant dense<1.0> : tensor<1xf32>
  %d = arith.constant dense<1.0> : tensor<1xf32>
  %y = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %z = nn.batch_norm %y, %c, %d, %c, %d : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %z : tensor<1x1x2x2xf32>
}
