// Verifier error "expects its region to end with ee.yield" of ee.stage/ee.exit, reachable only with a terminator of an unregistered dialect.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

ee.network @stage_foreign_terminator {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects its region to end with ee.yield}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    "test.terminator"(%a) : (tensor<1x4xf32>) -> ()
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exit_foreign_terminator {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op expects its region to end with ee.yield}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    "test.terminator"(%a) : (tensor<1x4xf32>) -> ()
  }
}
