// Verifier errors of ee.exit: logits type and class count, final-exit rules, criterion/threshold ranges, region signature, parent.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @exit_outside_network(%in: tensor<1x4xf32>) {
  // expected-error @+1 {{'ee.exit' op expects parent op 'ee.network'}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  return
}

// -----

ee.network @dynamic_logits {
^bb0(%in: tensor<1x?xf32>):
  // expected-error @+1 {{'ee.exit' op expects statically shaped float logits, got 'tensor<1x?xf32>'}}
  %e = ee.exit 0 final (%in) : (tensor<1x?xf32>) -> tensor<1x?xf32> {
  ^bb0(%a: tensor<1x?xf32>):
    ee.yield %a : tensor<1x?xf32>
  }
}

// -----

ee.network @integer_logits {
^bb0(%in: tensor<1x4xi32>):
  // expected-error @+1 {{'ee.exit' op expects statically shaped float logits, got 'tensor<1x4xi32>'}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xi32>) -> tensor<1x4xi32> {
  ^bb0(%a: tensor<1x4xi32>):
    ee.yield %a : tensor<1x4xi32>
  }
}

// -----

ee.network @scalar_logits {
^bb0(%in: tensor<f32>):
  // expected-error @+1 {{'ee.exit' op expects statically shaped float logits, got 'tensor<f32>'}}
  %e = ee.exit 0 final (%in) : (tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>):
    ee.yield %a : tensor<f32>
  }
}

// -----

ee.network @unranked_logits {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op result #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %e = "ee.exit"(%in) <{index = 0 : i64, final}> ({
  ^bb0(%a: tensor<1x4xf32>):
    %u = tensor.cast %a : tensor<1x4xf32> to tensor<*xf32>
    ee.yield %u : tensor<*xf32>
  }) : (tensor<1x4xf32>) -> tensor<*xf32>
}

// -----

// An early exit with one class has nothing to be confident about (a final exit may
// return one value).
ee.network @one_class {
^bb0(%in: tensor<1x1xf32>):
  // expected-error @+1 {{'ee.exit' op expects at least 2 classes in the logits, got 1}}
  %e = ee.exit 0 (%in) : (tensor<1x1xf32>) -> tensor<1x1xf32> {
  ^bb0(%a: tensor<1x1xf32>):
    ee.yield %a : tensor<1x1xf32>
  }
}

// -----

ee.network @no_class {
^bb0(%in: tensor<1x0xf32>):
  // expected-error @+1 {{'ee.exit' op expects at least 2 classes in the logits, got 0}}
  %e = ee.exit 0 final (%in) : (tensor<1x0xf32>) -> tensor<1x0xf32> {
  ^bb0(%a: tensor<1x0xf32>):
    ee.yield %a : tensor<1x0xf32>
  }
}

// -----

ee.network @final_with_criterion {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op is final: it takes every remaining sample and has no criterion, threshold or placement}}
  %e = ee.exit 0 final (%in) criterion entropy : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @final_with_threshold {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op is final: it takes every remaining sample and has no criterion, threshold or placement}}
  %e = ee.exit 0 final (%in) threshold 0.5 : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @strict_without_threshold {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op is strict but has no threshold}}
  %e = ee.exit 0 (%s) criterion max_softmax strict : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s1 = ee.stage 1 (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %f = ee.exit 1 final (%s1) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @final_with_placement {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op is final: it takes every remaining sample and has no criterion, threshold or placement}}
  %e = ee.exit 0 final (%in) placement parallel : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @threshold_without_criterion {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op has a threshold but no criterion to compare it with}}
  %e0 = ee.exit 0 (%in) threshold 0.5 placement pipeline : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// With 4 classes the entropy lies in [0, ln 4 = 1.386294].
ee.network @entropy_threshold_above_ln_classes {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op exit 0: threshold 1.5 is outside [0, 1.38629] for criterion entropy with 4 classes}}
  %e0 = ee.exit 0 (%in) criterion entropy threshold 1.5 placement parallel : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// The entropy bound depends on the class count: 1.0 is fine for 10 classes but not for 2 (ln 2 = 0.693147).
ee.network @entropy_threshold_two_classes {
^bb0(%in: tensor<1x2xf32>):
  // expected-error @+1 {{threshold 1 is outside [0, 0.693147] for criterion entropy with 2 classes}}
  %e0 = ee.exit 0 (%in) criterion entropy threshold 1.0 : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%a: tensor<1x2xf32>):
    ee.yield %a : tensor<1x2xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%a: tensor<1x2xf32>):
    ee.yield %a : tensor<1x2xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%a: tensor<1x2xf32>):
    ee.yield %a : tensor<1x2xf32>
  }
}

// -----

ee.network @entropy_threshold_negative {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{threshold -0.1 is outside [0, 1.38629] for criterion entropy with 4 classes}}
  %e0 = ee.exit 0 (%in) criterion entropy threshold -0.1 : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @max_softmax_threshold_above_1 {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{threshold 1.5 is outside [0, 1] for criterion max_softmax with 10 classes}}
  %e0 = ee.exit 0 (%in) criterion max_softmax threshold 1.5 placement pipeline : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
}

// -----

ee.network @max_softmax_threshold_negative {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{threshold -0.5 is outside [0, 1] for criterion max_softmax with 10 classes}}
  %e0 = ee.exit 0 (%in) criterion max_softmax threshold -0.5 : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
}

// -----

ee.network @margin_threshold_above_1 {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{threshold 2 is outside [0, 1] for criterion margin with 10 classes}}
  %e0 = ee.exit 0 (%in) criterion margin threshold 2.0 : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
}

// -----

ee.network @margin_threshold_negative {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{threshold -0.01 is outside [0, 1] for criterion margin with 10 classes}}
  %e0 = ee.exit 0 (%in) criterion margin threshold -0.01 placement parallel : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
}

// -----

ee.network @threshold_nan {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{threshold nan is outside [0, 1] for criterion max_softmax with 10 classes}}
  %e0 = ee.exit 0 (%in) criterion max_softmax threshold 0x7FF8000000000000 : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
}

// -----

ee.network @threshold_not_f64 {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{attribute 'threshold' failed to satisfy constraint: 64-bit float attribute}}
  %e0 = "ee.exit"(%in) <{index = 0 : i64, criterion = #ee<criterion margin>, threshold = 0.5 : f32}> ({
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }) : (tensor<1x10xf32>) -> tensor<1x10xf32>
  %s = ee.stage 0 (%in) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
  %e1 = ee.exit 1 final (%s) : (tensor<1x10xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }
}

// -----

ee.network @missing_index {
^bb0(%in: tensor<1x10xf32>):
  // expected-error @+1 {{'ee.exit' op requires attribute 'index'}}
  %e = "ee.exit"(%in) <{final}> ({
  ^bb0(%a: tensor<1x10xf32>):
    ee.yield %a : tensor<1x10xf32>
  }) : (tensor<1x10xf32>) -> tensor<1x10xf32>
}

// -----

ee.network @unknown_criterion {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+2 {{expected ::eecc::ee::Criterion to be one of: entropy, max_softmax, margin}}
  // expected-error @+1 {{failed to parse EE_CriterionAttr parameter 'value'}}
  %e0 = ee.exit 0 (%in) criterion confidence threshold 0.5 : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @unknown_placement {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+2 {{expected ::eecc::ee::Placement to be one of: pipeline, parallel}}
  // expected-error @+1 {{failed to parse EE_PlacementAttr parameter 'value'}}
  %e0 = ee.exit 0 (%in) criterion entropy threshold 0.5 placement shared : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @region_argument_count {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op expects region arguments ('tensor<1x4xf32>') matching the inputs, got ()}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
    %c = arith.constant dense<0.0> : tensor<1x4xf32>
    ee.yield %c : tensor<1x4xf32>
  }
}

// -----

// Same count, different type: the message only reports the counts.
ee.network @region_argument_type {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op expects region arguments ('tensor<1x4xf32>') matching the inputs, got ('tensor<4xf32>')}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %c = arith.constant dense<0.0> : tensor<1x4xf32>
    ee.yield %c : tensor<1x4xf32>
  }
}

// -----

ee.network @yield_count {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op expects ee.yield to return ('tensor<1x4xf32>') matching the results, got ('tensor<1x4xf32>', 'tensor<1x4xf32>')}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a, %a : tensor<1x4xf32>, tensor<1x4xf32>
  }
}

// -----

// Same count, different type: the message only reports the counts.
ee.network @yield_type {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op expects ee.yield to return ('tensor<1x10xf32>') matching the results, got ('tensor<1x4xf32>')}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x10xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @empty_region_block {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{empty block: expect at least a terminator}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
  }
}

// -----

ee.network @no_terminator {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    // expected-error @+1 {{block with no terminator}}
    %r = nn.relu %a : tensor<1x4xf32>
  }
}

// -----

ee.network @isolated_from_above {
^bb0(%in: tensor<1x4xf32>):
  // expected-note @+1 {{required by region isolation constraints}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    // expected-error @+1 {{using value defined outside the region}}
    ee.yield %in : tensor<1x4xf32>
  }
}

// -----

// Logits of one sample only: a batch of 2 would decide for both samples at once.
ee.network @batched_logits {
^bb0(%in: tensor<2x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%a: tensor<2x4xf32>):
    ee.yield %a : tensor<2x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op expects the logits of one sample (every dimension but the last is 1), got 'tensor<2x4xf32>'}}
  %e = ee.exit 0 (%s) : (tensor<2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%a: tensor<2x4xf32>):
    ee.yield %a : tensor<2x4xf32>
  }
}
