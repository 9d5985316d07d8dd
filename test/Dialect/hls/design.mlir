// Round-trip of hls.design, hls.memory, hls.kernel, hls.loop, hls.access, hls.exit_unit and
// hls.schedule (call, concurrent, poll) with every attribute.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: hls.design @lenet target "zcu106" clock 5.000000e+00
hls.design @lenet target "zcu106" clock 5.0 {
  // CHECK: hls.memory @input : lutram words 784 width 16 banks 1 ports 2 holds "network input" precision <16, 6>
  hls.memory @input : lutram words 784 width 16 banks 1 ports 2 holds "network input" precision #hls.fixed<16, 6>
  // CHECK: hls.memory @w_conv1 : bram words 150 width 8 banks 1 ports 2 holds "weights"
  hls.memory @w_conv1 : bram words 150 width 8 banks 1 ports 2 holds "weights"
  // CHECK: hls.memory @channel : bram words 1176 width 16 banks 1 ports 2 pingpong holds "the branch point's copy"
  hls.memory @channel : bram words 1176 width 16 banks 1 ports 2 pingpong holds "the branch point's copy"
  // CHECK: hls.memory @l_conv1_out : bram words 4704 width 16 banks 1 ports 2 holds "feature map"
  hls.memory @l_conv1_out : bram words 4704 width 16 banks 1 ports 2 holds "feature map"
  // CHECK: hls.memory @weight_image : ddr words 61706 width 16 banks 4 ports 1 holds "weight image"
  hls.memory @weight_image : ddr words 61706 width 16 banks 4 ports 1 holds "weight image"
  // CHECK: hls.memory @acc : reg words 6 width 32 banks 1 ports 1 holds "accumulators"
  hls.memory @acc : reg words 6 width 32 banks 1 ports 1 holds "accumulators"
  // CHECK: hls.kernel @l_conv1 binding dedicated layer "conv1" directives <pipeline_ii = 1, unroll = 5> estimate <cycles = 86400, dsp = 5, bram18 = 1, lut = 900, ff = 1200> {
  hls.kernel @l_conv1 binding dedicated layer "conv1" directives #hls.directives<pipeline_ii = 1, unroll = 5> estimate #hls.estimate<cycles = 86400, dsp = 5, bram18 = 1, lut = 900, ff = 1200> {
    // CHECK-NEXT: hls.loop "m" trip 6 {
    hls.loop "m" trip 6 {
      // CHECK-NEXT: hls.loop "ox" trip 24 overhead 2 {
      hls.loop "ox" trip 24 overhead 2 {
        // CHECK-NEXT: hls.access @l_conv1_out writes 1
        hls.access @l_conv1_out writes 1
        // CHECK-NEXT: hls.loop "kx" trip 5 pipeline ii 1 depth 6 recurrence 4 why "a loop-carried dependence of 4 cycles" {
        hls.loop "kx" trip 5 pipeline ii 1 depth 6 recurrence 4 why "a loop-carried dependence of 4 cycles" {
          // CHECK-NEXT: hls.access @input reads 1
          hls.access @input reads 1
          // CHECK-NEXT: hls.access @w_conv1 reads 1 writes 2
          hls.access @w_conv1 reads 1 writes 2
        }
      }
    }
  }
  // CHECK: hls.kernel @l_fc binding engine layer "fc" unit "mac_engine" {
  hls.kernel @l_fc binding engine layer "fc" unit "mac_engine" {
    // CHECK-NEXT: hls.loop "load" trip 32 pipeline depth 64 {
    hls.loop "load" trip 32 pipeline depth 64 {
      hls.access @weight_image reads 4
    }
  }
  // CHECK: hls.kernel @decision binding dedicated directives <inline_function = true> {
  hls.kernel @decision binding dedicated directives #hls.directives<inline_function = true> {
  }
  // CHECK: hls.loop "ky" trip 2 flatten {
  // CHECK: hls.access @weight_image reads 4 burst
  hls.kernel @pool binding dedicated {
    hls.loop "ky" trip 2 flatten {
      hls.loop "kx" trip 2 pipeline ii 1 depth 6 {
        hls.access @weight_image reads 4 burst
      }
    }
  }
  // CHECK: hls.exit_unit @exit_0 exit 0 criterion "max_softmax" threshold 8.000000e-01 classes 10 placement "parallel"
  hls.exit_unit @exit_0 exit 0 criterion "max_softmax" threshold 0.8 classes 10 placement "parallel"
  // CHECK: hls.schedule {
  // CHECK-NEXT: hls.call @l_conv1
  // CHECK-NEXT: hls.concurrent exit {
  // CHECK-NEXT: hls.call @decision
  // CHECK-NEXT: hls.call @exit_0
  // CHECK-NEXT: } beside {
  // CHECK-NEXT: hls.call @l_fc
  // CHECK-NEXT: hls.poll @exit_0
  // CHECK-NEXT: hls.call @pool
  hls.schedule {
    hls.call @l_conv1
    hls.concurrent exit {
      hls.call @decision
      hls.call @exit_0
    } beside {
      hls.call @l_fc
      hls.poll @exit_0
      hls.call @pool
    }
  }
}
