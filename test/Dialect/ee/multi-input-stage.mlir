// Stages may carry several tensors (a residual skip crossing a branch point).
// RUN: eecc-opt %s | eecc-opt | FileCheck %s

// CHECK-LABEL: ee.network @resnet_like
// CHECK: %[[S:.*]]:2 = ee.stage 0(%{{.*}}) : (tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>)
// CHECK: ee.exit 0(%[[S]]#0)
// CHECK: ee.stage 1(%[[S]]#0, %[[S]]#1)
ee.network @resnet_like {
^bb0(%in: tensor<1x4x8x8xf32>):
  %s0:2 = ee.stage 0 (%in) : (tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  ^bb0(%x: tensor<1x4x8x8xf32>):
    %r = nn.relu %x : tensor<1x4x8x8xf32>
    ee.yield %r, %x : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
  }
  %e0 = ee.exit 0 (%s0#0) : (tensor<1x4x8x8xf32>) -> tensor<1x4xf32> {
  ^bb0(%f: tensor<1x4x8x8xf32>):
    %g = nn.global_avg_pool %f : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
    %l = nn.flatten %g : tensor<1x4x1x1xf32> -> tensor<1x4xf32>
    ee.yield %l : tensor<1x4xf32>
  }
  %s1 = ee.stage 1 (%s0#0, %s0#1) : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  ^bb0(%x: tensor<1x4x8x8xf32>, %skip: tensor<1x4x8x8xf32>):
    %a = nn.add %x, %skip : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    ee.yield %a : tensor<1x4x8x8xf32>
  }
  %e1 = ee.exit 1 final (%s1) : (tensor<1x4x8x8xf32>) -> tensor<1x4xf32> {
  ^bb0(%f: tensor<1x4x8x8xf32>):
    %g = nn.global_avg_pool %f : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
    %l = nn.flatten %g : tensor<1x4x1x1xf32> -> tensor<1x4xf32>
    ee.yield %l : tensor<1x4xf32>
  }
}
