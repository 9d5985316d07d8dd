// Verifier errors of hls.design (clock, target), hls.kernel, hls.loop, hls.access and hls.memory (parents, symbols, counts).
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

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+2 {{expected ::eecc::hls::Binding to be one of: dedicated, engine}}
  // expected-error @+1 {{failed to parse HLS_BindingAttr parameter 'value'}}
  hls.kernel @k binding shared {
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-note @+1 {{see existing symbol definition here}}
  hls.kernel @k0 binding dedicated {
  }
  // expected-error @+1 {{redefinition of symbol named 'k0'}}
  hls.memory @k0 : reg words 6 width 16 banks 1 ports 1 holds "x"
}

// -----
// expected-error @+1 {{'hls.memory' op expects parent op 'hls.design'}}
hls.memory @w : bram words 6 width 16 banks 1 ports 2 holds "weights"

// -----
hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+2 {{expected ::eecc::hls::MemoryKind to be one of: reg, lutram, bram, uram, ddr}}
  // expected-error @+1 {{failed to parse HLS_MemoryKindAttr parameter 'value'}}
  hls.memory @w : sram words 6 width 16 banks 1 ports 2 holds "weights"
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.memory' op expects a non-negative number of words, got -1}}
  hls.memory @w : bram words -1 width 16 banks 1 ports 2 holds "weights"
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.memory' op expects a width of at least 1 bit, got 0}}
  hls.memory @w : bram words 6 width 0 banks 1 ports 2 holds "weights"
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.memory' op expects at least one bank and one port, got 0 bank(s) of 2 port(s)}}
  hls.memory @w : bram words 6 width 16 banks 0 ports 2 holds "weights"
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.memory' op is in ddr: each bank is one m_axi bundle of one port, got 2 ports}}
  hls.memory @w : ddr words 6 width 16 banks 4 ports 2 holds "weight image"
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.loop' op expects a non-negative trip count, got -3}}
    hls.loop "i" trip -3 {
    }
  }
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.loop' op expects ii >= 1, got 0}}
    hls.loop "i" trip 3 pipeline ii 0 {
    }
  }
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.loop' op expects depth >= 0, got -1}}
    hls.loop "i" trip 3 pipeline depth -1 {
    }
  }
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.loop' op has an ii but is not pipelined}}
    hls.loop "i" trip 3 ii 2 {
    }
  }
}

// -----
// expected-error @+1 {{'hls.loop' op expects parent op to be one of 'hls.kernel, hls.loop'}}
hls.loop "i" trip 3 {
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.access' op expects parent op 'hls.loop'}}
    hls.access @w reads 1
  }
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    hls.loop "i" trip 3 {
      // expected-error @+1 {{'hls.access' op names 'w', which is not an hls.memory of the design}}
      hls.access @w reads 1
    }
  }
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    hls.loop "i" trip 3 {
      // expected-error @+1 {{'hls.access' op names 'k', which is not an hls.memory of the design}}
      hls.access @k reads 1
    }
  }
}

// -----
hls.design @top target "zcu106" clock 5.0 {
  hls.memory @w : bram words 6 width 16 banks 1 ports 2 holds "weights"
  hls.kernel @k binding dedicated {
    hls.loop "i" trip 3 {
      // expected-error @+1 {{'hls.access' op expects non-negative reads and writes}}
      hls.access @w reads -1
    }
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.loop' op is flattened, so it must hold exactly one loop, pipelined or flattened itself, and be neither pipelined nor have an overhead}}
    hls.loop "ky" trip 3 flatten overhead 2 {
      hls.loop "kx" trip 3 pipeline {
      }
    }
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
    // expected-error @+1 {{'hls.loop' op is flattened, so it must hold exactly one loop}}
    hls.loop "ky" trip 3 flatten {
      hls.loop "kx" trip 3 {
      }
    }
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.exit_unit' op criterion must be entropy, max_softmax or margin, got 'confidence'}}
  hls.exit_unit @e exit 0 criterion "confidence" classes 10 placement "pipeline"
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.exit_unit' op placement must be pipeline or parallel, got 'auto'}}
  hls.exit_unit @e exit 0 criterion "entropy" classes 10 placement "auto"
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.exit_unit' op expects at least one class, got 0}}
  hls.exit_unit @e exit 0 criterion "entropy" classes 0 placement "pipeline"
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  hls.memory @m : bram words 6 width 16 banks 1 ports 2 holds "x"
  hls.schedule {
    // expected-error @+1 {{'hls.call' op names 'm', which is not an hls.kernel or hls.exit_unit of the design}}
    hls.call @m
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  hls.kernel @k binding dedicated {
  }
  hls.schedule {
    hls.concurrent exit {
      hls.call @k
    } beside {
      // expected-error @+1 {{'hls.poll' op names 'k', which is not an hls.exit_unit of the design}}
      hls.poll @k
    }
  }
}

// -----

hls.design @top target "zcu106" clock 5.0 {
  // expected-error @+1 {{'hls.memory' op expects outstanding >= 1, got 0}}
  hls.memory @w : ddr words 6 width 16 banks 4 ports 1 latency 64 outstanding 0 holds "weight image"
}

