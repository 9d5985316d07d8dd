// hls attributes stand alone in attribute dictionaries; default fields are elided.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s

// CHECK-LABEL: func @attrs
// CHECK-SAME: defaults = #hls.directives<>
// CHECK-SAME: empty = #hls.estimate<>
// CHECK-SAME: fixed = #hls.fixed<8, 3>
// CHECK-SAME: fixed_modes = #hls.fixed<16, 6, rnd, sat>
// CHECK-SAME: fixed_overflow_only = #hls.fixed<16, -2, trn, sat_sym>
// CHECK-SAME: fixed_trn_wrap = #hls.fixed<4, 4>
// CHECK-SAME: memory = #hls<memory uram>
// CHECK-SAME: partition = #hls<partition block>
// CHECK-SAME: pipelined = #hls.directives<pipeline_ii = 2>
func.func @attrs() attributes {
  fixed = #hls.fixed<8, 3>,
  fixed_modes = #hls.fixed<16, 6, rnd, sat>,
  fixed_overflow_only = #hls.fixed<16, -2, trn, sat_sym>,
  fixed_trn_wrap = #hls.fixed<4, 4, trn, wrap>,
  defaults = #hls.directives<pipeline_ii = 0, unroll = 1, dataflow = false>,
  pipelined = #hls.directives<pipeline_ii = 2>,
  empty = #hls.estimate<cycles = 0>,
  memory = #hls<memory uram>,
  partition = #hls<partition block>
} {
  return
}
