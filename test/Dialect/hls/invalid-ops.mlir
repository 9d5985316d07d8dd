// Verifier errors of hls.design (clock, target), hls.kernel and hls.buffer (parents, symbols, buffer type, partition rules).
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{'hls.design' op expects a positive clock period in ns, got 0.000000e+00}}
hls.design @top target "zcu106" clock 0.0 {
}

// -----

// expected-error @+1 {{'hls.design' op expects a positive clock period in ns, got -5.000000e+00}}
hls.design @top target "zcu106" clock -5.0 {
}

// -----

// expected-error @+1 {{'hls.design' op expects a positive clock period in ns, got nan}}
hls.design @top target "zcu106" clock 0x7FF8000000000000 {
}

// -----

// expected-error @+1 {{'hls.design' op expects a non-empty target device name}}
hls.design @top target "" clock 5.0 {
}

// -----

// expected-error @+1 {{'hls.design' op requires attribute 'clock_ns'}}
"hls.design"() <{sym_name = "top", target = "zcu106"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{attribute 'clock_ns' failed to satisfy constraint: 64-bit float attribute}}
"hls.design"() <{sym_name = "top", target = "zcu106", clock_ns = 5.0 : f32}> ({
}) : () -> ()

// -----

// expected-error @+1 {{'hls.kernel' op expects parent op 'hls.design'}}
hls.kernel @k binding dedicated {
}

// -----

// expected-error @+1 {{'hls.buffer' op expects parent op 'hls.design'}}
hls.buffer @w : tensor<6x1x5x5xf32> memory bram

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-note @+1 {{see existing symbol definition here}}
  hls.kernel @k0 binding dedicated {
  }
  // expected-error @+1 {{redefinition of symbol named 'k0'}}
  hls.buffer @k0 : tensor<6xf32> memory reg
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+2 {{expected ::eecc::hls::Binding to be one of: dedicated, engine}}
  // expected-error @+1 {{failed to parse HLS_BindingAttr parameter 'value'}}
  hls.kernel @k binding shared {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{expected ::eecc::hls::MemoryKind to be one of: reg, lutram, bram, uram, ddr}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory sram
// The parser reports the second error at the next token.
// expected-error @+1 {{failed to parse HLS_MemoryKindAttr parameter 'value'}}
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op attribute 'type' failed to satisfy constraint: type attribute of statically shaped tensor of any type values}}
  hls.buffer @w : tensor<?x1x5x5xf32> memory bram
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op attribute 'type' failed to satisfy constraint: type attribute of statically shaped tensor of any type values}}
  hls.buffer @w : memref<6x1x5x5xf32> memory bram
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op has 'factor' or 'dim' but no 'partition'}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram factor 5
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op has 'factor' or 'dim' but no 'partition'}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram dim 3
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op cannot partition a buffer in ddr}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory ddr partition cyclic factor 5 dim 3
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op cannot partition a buffer in ddr}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory ddr partition complete dim 0
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op expects 'dim' with 'partition'}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram partition cyclic factor 5
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op partition dim 4 is out of range for rank 4}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram partition cyclic factor 5 dim 4
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op partition dim -1 is out of range for rank 4}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory uram partition block factor 2 dim -1
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op partition dim 0 is out of range for rank 0}}
  hls.buffer @s : tensor<f32> memory reg partition complete dim 0
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op complete partitioning takes no 'factor'}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory reg partition complete factor 5 dim 3
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op expects 'factor' with cyclic partitioning}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram partition cyclic dim 3
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op expects 'factor' with block partitioning}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory lutram partition block dim 0
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op partition factor 0 must be in [1, 5] (size of dim 3)}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram partition cyclic factor 0 dim 3
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op partition factor 7 must be in [1, 6] (size of dim 0)}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram partition block factor 7 dim 0
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.buffer' op partition factor -2 must be in [1, 5] (size of dim 2)}}
  hls.buffer @w : tensor<6x1x5x5xf32> memory bram partition cyclic factor -2 dim 2 precision #hls.fixed<16, 6>
}
