// nn-fold-batch-norm reaches into ee.stage and ee.exit regions.
// RUN: eecc-opt %s -nn-fold-batch-norm | FileCheck %s
// RUN: eecc-opt %s -pass-pipeline='builtin.module(ee.network(nn-fold-batch-norm))' | FileCheck %s

// CHECK-LABEL: ee.network @net
// CHECK-NOT: nn.batch_norm
// CHECK: ee.exit 1 final
ee.network @net {
^bb0(%in: tensor<1x1x2x2xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  ^bb0(%x: tensor<1x1x2x2xf32>):
    %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
    %c = arith.constant dense<1.0> : tensor<2xf32>
    %y = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
    %z = nn.batch_norm %y, %c, %c, %c, %c : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
    ee.yield %z : tensor<1x2x2x2xf32>
  }
  %e0 = ee.exit 0 (%s0) : (tensor<1x2x2x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x2x2xf32>):
    %g = nn.flatten %f : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
    %w = arith.constant dense<1.0> : tensor<2x8xf32>
    %c = arith.constant dense<1.0> : tensor<2xf32>
    %l = nn.dense %g, %w : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<1x2xf32>
    %n = nn.batch_norm %l, %c, %c, %c, %c : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
    ee.yield %n : tensor<1x2xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  ^bb0(%x: tensor<1x2x2x2xf32>):
    ee.yield %x : tensor<1x2x2x2xf32>
  }
  %e1 = ee.exit 1 final (%s1) : (tensor<1x2x2x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x2x2xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x2x2xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
}
