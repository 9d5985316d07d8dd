// hls-set-directives: every pipelined loop's II earned from its memories' ports and its
// recurrence; never a default. Sequential loops get none.
// RUN: eecc-opt %s --hls-set-directives | FileCheck %s
// RUN: eecc-opt %s --hls-set-directives --hls-set-directives | FileCheck %s

hls.design @d target "zcu106" clock 5.0 {
  hls.memory @arena : bram words 4096 width 16 banks 1 ports 2 holds "feature maps"
  hls.memory @banked : bram words 4096 width 16 banks 8 ports 2 holds "feature maps"
  hls.memory @psum : bram words 1024 width 64 banks 16 ports 2 holds "partial sums"
  hls.memory @tile : reg words 512 width 16 banks 1 ports 1 holds "weight tile"
  hls.memory @image : ddr words 100000 width 16 banks 4 ports 1 holds "weight image"
  hls.memory @slow : ddr words 100000 width 16 banks 4 ports 1 latency 64 outstanding 16 holds "weight image"
  hls.memory @rom : lutram words 64 width 16 banks 1 ports 2 holds "weights"
  hls.kernel @engine binding engine unit "mac_engine" {
    // 32 lanes read one 2-port array: 16 cycles per pixel.
    // CHECK: hls.loop "sweep" trip 784 pipeline ii 16 depth 6 why "@arena: 32 accesses per iteration, 2 per cycle (1 bank(s) x 2 port(s))"
    hls.loop "sweep" trip 784 pipeline depth 6 {
      hls.access @arena reads 32
      hls.access @tile reads 512
      hls.access @psum reads 16 writes 16
    }
    // The same lanes from 8 banks: 2 cycles.
    // CHECK: hls.loop "banked" trip 784 pipeline ii 2 depth 6 why "@banked: 32 accesses
    hls.loop "banked" trip 784 pipeline depth 6 {
      hls.access @banked reads 32
    }
    // Four m_axi bundles, one word each per cycle.
    // CHECK: hls.loop "load" trip 128 pipeline ii 1 depth 64 {
    hls.loop "load" trip 128 pipeline depth 64 {
      hls.access @image reads 4
      hls.access @tile writes 4
    }
    // A loop nested in a pipelined loop is unrolled: 5 x (1 read + 1 write) = 10 accesses.
    // CHECK: hls.loop "outer" trip 10 pipeline ii 5 depth 6 why "@rom: 10 accesses
    hls.loop "outer" trip 10 pipeline depth 6 {
      // CHECK: hls.loop "inner" trip 5 {
      hls.loop "inner" trip 5 {
        hls.access @rom reads 1 writes 1
      }
    }
    // A float accumulation: the adder's latency.
    // CHECK: hls.loop "k" trip 84 pipeline ii 4 depth 14 recurrence 4 why "a loop-carried dependence of 4 cycles"
    hls.loop "k" trip 84 pipeline depth 14 recurrence 4 {
      hls.access @rom reads 1
    }
    // A stale ii is replaced, not kept.
    // CHECK: hls.loop "stale" trip 8 pipeline ii 1 depth 2 {
    hls.loop "stale" trip 8 pipeline ii 7 depth 2 why "old" {
      hls.access @rom reads 1
    }
    // Single-beat reads of a bundle with 16 in flight over 64 cycles: 4 cycles a read;
    // 4 reads over 4 bundles: II 4. Bursts run at a word per cycle per bundle.
    // CHECK: hls.loop "single" trip 128 pipeline ii 4 depth 64 why "@slow: 4 single-beat m_axi reads per iteration (no burst), 16 in flight per bundle over 64 cycles, 4 bundle(s)"
    hls.loop "single" trip 128 pipeline depth 64 {
      hls.access @slow reads 4
    }
    // CHECK: hls.loop "bursts" trip 128 pipeline ii 1 depth 64 {
    hls.loop "bursts" trip 128 pipeline depth 64 {
      hls.access @slow reads 4 burst
    }
    // A flattened nest: its pipelined loop gets the II; the outer loop none.
    // CHECK: hls.loop "ky" trip 3 flatten {
    // CHECK-NEXT: hls.loop "kx" trip 3 pipeline ii 1 depth 6 {
    hls.loop "ky" trip 3 flatten {
      hls.loop "kx" trip 3 pipeline depth 6 {
        hls.access @rom reads 1
      }
    }
    // CHECK: hls.loop "sequential" trip 3 overhead 2 {
    hls.loop "sequential" trip 3 overhead 2 {
      hls.access @arena reads 9
    }
  }
}

// Kernels sharing a unit (the engine's layers) share its pragmas: one II per loop label,
// the largest any of them earns.
hls.design @shared target "zcu106" clock 5.0 {
  hls.memory @arena : bram words 4096 width 16 banks 1 ports 2 holds "feature maps"
  // CHECK-LABEL: hls.design @shared
  // CHECK: hls.kernel @narrow binding engine unit "mac_engine" {
  // CHECK-NEXT: hls.loop "sweep" trip 64 pipeline ii 8 depth 6 why "one pragma for the shared mac_engine: @arena: 16 accesses per iteration
  hls.kernel @narrow binding engine unit "mac_engine" {
    hls.loop "sweep" trip 64 pipeline depth 6 {
      hls.access @arena reads 2
    }
  }
  // CHECK: hls.kernel @wide binding engine unit "mac_engine" {
  // CHECK-NEXT: hls.loop "sweep" trip 64 pipeline ii 8 depth 6 why "@arena: 16 accesses per iteration
  hls.kernel @wide binding engine unit "mac_engine" {
    hls.loop "sweep" trip 64 pipeline depth 6 {
      hls.access @arena reads 16
    }
  }
  // Another label of the unit, or a kernel of its own, keeps its own II.
  // CHECK: hls.kernel @alone binding engine {
  // CHECK-NEXT: hls.loop "sweep" trip 64 pipeline ii 1 depth 6 {
  hls.kernel @alone binding engine {
    hls.loop "sweep" trip 64 pipeline depth 6 {
      hls.access @arena reads 2
    }
  }
}

// Counts of a hand-written design saturate instead of overflowing.
hls.design @huge target "zcu106" clock 5.0 {
  hls.memory @w : ddr words 6 width 16 banks 1 ports 1 latency 9223372036854775807 outstanding 1 holds "weight image"
  hls.kernel @k binding dedicated {
    hls.loop "a" trip 9223372036854775807 {
      // CHECK-LABEL: hls.design @huge
      // CHECK: hls.loop "b" trip 9223372036854775807 pipeline ii 9223372036854775807 depth 9223372036854775807
      hls.loop "b" trip 9223372036854775807 pipeline depth 9223372036854775807 {
        hls.access @w reads 9223372036854775807 writes 9223372036854775807
      }
    }
  }
}
