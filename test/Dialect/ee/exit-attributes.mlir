// Round-trip of exit criteria, threshold bounds and not-yet-decided exits.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: ee.network @criteria
ee.network @criteria {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // An exit discovered but not yet calibrated or placed.
  // CHECK: ee.exit 0(%{{.*}}) : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %e0 = ee.exit 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // Entropy thresholds may reach ln(4) = 1.386...
  // CHECK: ee.exit 1(%{{.*}}) criterion entropy threshold 1.380000e+00 :
  // GENERIC: criterion = #ee<criterion entropy>
  // GENERIC-SAME: threshold = 1.380000e+00 : f64
  %e1 = ee.exit 1 (%s0) criterion entropy threshold 1.38 : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // A strict comparison (an ONNX Greater): a margin equal to the threshold stays.
  // CHECK: ee.exit 2(%{{.*}}) criterion margin threshold 0.000000e+00 strict placement pipeline
  // GENERIC: placement = #ee<placement pipeline>
  // GENERIC-SAME: strict
  %e2 = ee.exit 2 (%s1) criterion margin threshold 0.0 strict placement pipeline : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s2 = ee.stage 2 (%s1) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // A criterion without a threshold (set later by calibration).
  // CHECK: ee.exit 3(%{{.*}}) criterion max_softmax placement parallel
  %e3 = ee.exit 3 (%s2) criterion max_softmax placement parallel : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s3 = ee.stage 3 (%s2) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // CHECK: ee.exit 4 final(%{{.*}})
  // GENERIC: final
  %e4 = ee.exit 4 final (%s3) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// A static network: one stage and its final exit, nothing else.
// CHECK-LABEL: ee.network @static_only
// CHECK: ee.exit 0 final
ee.network @static_only {
^bb0(%in: tensor<1x3xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x3xf32>) -> tensor<1x3xf32> {
  ^bb0(%a: tensor<1x3xf32>):
    ee.yield %a : tensor<1x3xf32>
  }
  %e0 = ee.exit 0 final (%s0) : (tensor<1x3xf32>) -> tensor<1x3xf32> {
  ^bb0(%a: tensor<1x3xf32>):
    ee.yield %a : tensor<1x3xf32>
  }
}
