// Verifier errors of the hls attributes #hls.fixed (width range), #hls.directives and #hls.estimate, and their parsers.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{fixed-point width must be in [1, 1024], got 0}}
  hls.memory @w : bram words 150 width 16 banks 1 ports 2 holds "weights" precision #hls.fixed<0, 6>
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{fixed-point width must be in [1, 1024], got 1025}}
  hls.memory @w : bram words 150 width 16 banks 1 ports 2 holds "weights" precision #hls.fixed<1025, 6>
}

// -----

// A negative width wraps around in the unsigned parameter parser.
hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{fixed-point width must be in [1, 1024], got -1}}
  hls.memory @w : bram words 150 width 16 banks 1 ports 2 holds "weights" precision #hls.fixed<-1, 6>
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{fixed-point width must be in [1, 1024], got 4294967296}}
  hls.memory @w : bram words 150 width 16 banks 1 ports 2 holds "weights" precision #hls.fixed<4294967296, 6>
}

// -----

func.func @fixed_on_any_op() attributes {
  // expected-error @+1 {{fixed-point width must be in [1, 1024], got 2048}}
  precision = #hls.fixed<2048, 0>
} {
  return
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{pipeline_ii must be >= 0 (0: not pipelined), got -1}}
  hls.kernel @k binding dedicated directives #hls.directives<pipeline_ii = -1> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{unroll must be >= 1 (1: not unrolled), got 0}}
  hls.kernel @k binding engine directives #hls.directives<pipeline_ii = 1, unroll = 0> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{unroll must be >= 1 (1: not unrolled), got -4}}
  hls.kernel @k binding engine directives #hls.directives<unroll = -4> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{a dataflow region cannot be inlined}}
  hls.kernel @k binding dedicated directives #hls.directives<dataflow = true, inline_function = true> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{duplicate or unknown struct parameter name: unrol}}
  hls.kernel @k binding dedicated directives #hls.directives<unrol = 4> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{estimate 'cycles' must be >= 0, got -1}}
  hls.kernel @k binding dedicated estimate #hls.estimate<cycles = -1> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{estimate 'dsp' must be >= 0, got -4}}
  hls.kernel @k binding dedicated estimate #hls.estimate<cycles = 100, dsp = -4> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{estimate 'bram18' must be >= 0, got -2}}
  hls.kernel @k binding dedicated estimate #hls.estimate<bram18 = -2> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{estimate 'uram' must be >= 0, got -1}}
  hls.kernel @k binding dedicated estimate #hls.estimate<uram = -1> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{estimate 'lut' must be >= 0, got -1000}}
  hls.kernel @k binding dedicated estimate #hls.estimate<lut = -1000> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{estimate 'ff' must be >= 0, got -1}}
  hls.kernel @k binding dedicated directives #hls.directives<pipeline_ii = 1> estimate #hls.estimate<cycles = 10, dsp = 1, bram18 = 0, uram = 0, lut = 20, ff = -1> {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{Invalid attribute `directives` in property conversion: #hls.estimate<cycles = 1>}}
  "hls.kernel"() <{sym_name = "k", binding = #hls<binding dedicated>, directives = #hls.estimate<cycles = 1>}> ({
  }) : () -> ()
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{expected a quantization mode (trn, trn_zero, rnd, rnd_zero, rnd_min_inf, rnd_inf, rnd_conv), got 'round'}}
  hls.memory @w : bram words 150 width 16 banks 1 ports 2 holds "weights" precision #hls.fixed<16, 6, round, sat>
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{expected an overflow mode (wrap, sat, sat_zero, sat_sym), got 'clamp'}}
  hls.memory @w : bram words 150 width 16 banks 1 ports 2 holds "weights" precision #hls.fixed<16, 6, rnd, clamp>
}
