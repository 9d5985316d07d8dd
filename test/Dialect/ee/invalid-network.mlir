// Verifier errors of ee.network: allowed body ops, stage and exit numbering and order along the backbone, the final exit, exit/stage inputs.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

ee.network @op_not_allowed {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'nn.relu' op is not allowed in an ee.network body (only ee.stage and ee.exit)}}
  %r = nn.relu %in : tensor<1x4xf32>
  %e = ee.exit 0 final (%r) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @constant_not_allowed {
  // expected-error @+1 {{'arith.constant' op is not allowed in an ee.network body (only ee.stage and ee.exit)}}
  %c = arith.constant dense<0.0> : tensor<1x4xf32>
  %e = ee.exit 0 final (%c) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// expected-error @+1 {{'ee.network' op expects exactly one final exit (marked 'final'), found none}}
ee.network @empty {
}

// -----

// expected-error @+1 {{'ee.network' op expects exactly one final exit (marked 'final'), found none}}
ee.network @no_final {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 (%s) criterion max_softmax threshold 0.9 placement pipeline : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @stage_starts_at_1 {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.stage' op expects stage index 0 (stages are numbered in order), got 1}}
  %s = ee.stage 1 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @stage_index_repeated {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.stage' op expects stage index 1 (stages are numbered in order), got 0}}
  %s1 = ee.stage 0 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s1) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @stage_after_final_exit {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e = ee.exit 0 final (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.stage' op appears after the final exit}}
  %s1 = ee.stage 1 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exit_starts_at_1 {
^bb0(%in: tensor<1x4xf32>):
  // expected-error @+1 {{'ee.exit' op expects exit index 0 (exits are numbered along the backbone), got 1}}
  %e = ee.exit 1 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exit_index_skipped {
^bb0(%in: tensor<1x4xf32>):
  %e0 = ee.exit 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op expects exit index 1 (exits are numbered along the backbone), got 2}}
  %e1 = ee.exit 2 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exit_after_final_exit {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op appears after the final exit 0}}
  %e1 = ee.exit 1 (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// A second 'final' exit is named as such.
ee.network @two_final_exits {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op is a second final exit; a network has exactly one (exit 0 is final)}}
  %e1 = ee.exit 1 final (%s) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exit_input_from_exit {
^bb0(%in: tensor<1x4xf32>):
  %s = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op expects its inputs to be network inputs or stage results}}
  %e1 = ee.exit 1 final (%s, %e0) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @stage_input_from_exit {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.stage' op expects its inputs to be network inputs or stage results}}
  %s1 = ee.stage 1 (%e0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e1 = ee.exit 1 final (%s1) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exits_share_a_branch_point {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op branches off stage 0, but the previous exit branches off stage 0 (exits must be ordered along the backbone)}}
  %e1 = ee.exit 1 final (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @exits_out_of_order {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 (%s1) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op branches off stage 0, but the previous exit branches off stage 1 (exits must be ordered along the backbone)}}
  %e1 = ee.exit 1 final (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// Two exits on the network input: the second is not after the first.
ee.network @exits_share_the_network_input {
^bb0(%in: tensor<1x4xf32>):
  %e0 = ee.exit 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{branches off the network input, but the previous exit branches off the network input}}
  %e1 = ee.exit 1 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @final_exit_not_on_last_stage {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op is final but branches off stage 0, not the last stage 1}}
  %e = ee.exit 0 final (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

ee.network @final_exit_on_network_input {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
  // expected-error @+1 {{'ee.exit' op is final but branches off the network input, not the last stage 0}}
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}

// -----

// expected-error @+1 {{'ee.network' op expects region #0 to have 0 or 1 blocks}}
"ee.network"() <{sym_name = "two_blocks"}> ({
^bb0:
  "ee.exit"() <{index = 0 : i64, final}> ({
  ^bb1:
    "ee.yield"() : () -> ()
  }) : () -> tensor<1x4xf32>
^bb2:
}) : () -> ()

// -----

// expected-error @+1 {{'ee.network' op requires attribute 'sym_name'}}
"ee.network"() ({
}) : () -> ()

// -----

// expected-note @+1 {{see existing symbol definition here}}
ee.network @twice {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}
// expected-error @+1 {{redefinition of symbol named 'twice'}}
ee.network @twice {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%a: tensor<1x4xf32>):
    ee.yield %a : tensor<1x4xf32>
  }
}
