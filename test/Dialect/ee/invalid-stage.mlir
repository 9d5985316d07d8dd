// Verifier errors of ee.stage and ee.yield: parent ops, region signature (arguments, ee.yield values), terminator, isolation.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @stage_outside_network(%in: tensor<1x4xf32>) {
  // expected-error @+1 {{'ee.stage' op expects parent op 'ee.network'}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  return
}

// -----

func.func @yield_outside_stage(%in: tensor<1x4xf32>) {
  // expected-error @+1 {{'ee.yield' op expects parent op to be one of 'ee.stage, ee.exit'}}
  ee.yield %in : tensor<1x4xf32>
}

// -----

ee.network @region_argument_count {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects region arguments ('tensor<1x4xf32>') matching the inputs, got ('tensor<1x4xf32>', 'tensor<1x4xf32>')}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @region_without_arguments {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects region arguments ('tensor<1x4xf32>') matching the inputs, got ()}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
    %c = arith.constant dense<1.0> : tensor<1x4xf32>
    ee.yield %c : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// Same count, different type: the message only reports the counts.
ee.network @region_argument_type {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects region arguments ('tensor<1x4xf32>') matching the inputs, got ('tensor<1x4xf16>')}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf16>):
    %c = arith.constant dense<1.0> : tensor<1x4xf32>
    ee.yield %c : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @yield_count {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects ee.yield to return ('tensor<1x4xf32>') matching the results, got ()}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @yield_count_two_results {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects ee.yield to return ('tensor<1x4xf32>', 'tensor<1x4xf32>') matching the results, got ('tensor<1x4xf32>')}}
  %s:2 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s#0, %s#1) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// Same count, different type: the message only reports the counts.
ee.network @yield_type {
^bb0(%in: tensor<1x1x28x28xf32>):
  // expected-error @+1 {{'ee.stage' op expects ee.yield to return ('tensor<1x1x14x14xf32>') matching the results, got ('tensor<1x1x28x28xf32>')}}
  %s = ee.stage 0 (%in) : (tensor<1x1x28x28xf32>) -> tensor<1x1x14x14xf32> {
  ^bb0(%a: tensor<1x1x28x28xf32>):
    %r = nn.relu %a : tensor<1x1x28x28xf32>
    ee.yield %r : tensor<1x1x28x28xf32>
  }
  %e = ee.exit 0 final (%in) : (tensor<1x1x28x28xf32>) -> tensor<1x1x28x28xf32> {
  ^bb0(%a: tensor<1x1x28x28xf32>):
    ee.yield %a : tensor<1x1x28x28xf32>
  }
}

// -----

ee.network @empty_region_block {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{empty block: expect at least a terminator}}
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @no_terminator {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    // expected-error @+1 {{block with no terminator, has %1 = "nn.relu"(%arg0)}}
    %r = nn.relu %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @yield_not_last {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    // expected-error @+1 {{'ee.yield' op must be the last operation in the parent block}}
    ee.yield %a : tensor<1x4xf32>
    %r = nn.relu %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @empty_region {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  %s = "ee.stage"(%in) <{index = 0 : i64}> ({
  }) : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @two_blocks {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  %s = "ee.stage"(%in) <{index = 0 : i64}> ({
  ^bb0(%a: tensor<1x4xf32>):
    "ee.yield"(%a) : (tensor<1x4xf32>) -> ()
  ^bb1:
    "ee.yield"(%in) : (tensor<1x4xf32>) -> ()
  }) : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @non_tensor_result {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op result #0 must be variadic of ranked tensor of any type values, but got 'f32'}}
  %s = "ee.stage"(%in) <{index = 0 : i64}> ({
  ^bb0(%a: tensor<1x4xf32>):
    %c = arith.constant 1.0 : f32
    "ee.yield"(%c) : (f32) -> ()
  }) : (tensor<1x4xf32>) -> f32
}

// -----

ee.network @missing_index {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op requires attribute 'index'}}
  %s = "ee.stage"(%in) ({
  ^bb0(%a: tensor<1x4xf32>):
    "ee.yield"(%a) : (tensor<1x4xf32>) -> ()
  }) : (tensor<1x4xf32>) -> tensor<1x4xf32>
}

// -----

ee.network @isolated_from_above {
^bb0(%in: tensor<1x4xf32>):
  // expected-note @+1 {{required by region isolation constraints}}
  %s = ee.stage 0 () : () -> tensor<1x4xf32> {
    // expected-error @+1 {{using value defined outside the region}}
    %r = nn.relu %in : tensor<1x4xf32>
    ee.yield %r : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}
