// The hls attributes passes record on a network are verified: a hand-edited module is
// refused with a message, never emitted into a broken project.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{'hls.report.estimated' is not the JSON text of an object}}
ee.network @net attributes {hls.report.estimated = "{not json"} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{'hls.report.estimated' lacks the fields of an estimate}}
ee.network @net attributes {hls.report.estimated = "{\22binding\22: {\22binding\22: \22dedicated\22}}"} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{'hls.report.accuracy' must be a string of JSON text}}
ee.network @net attributes {hls.report.accuracy = 3 : i64} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{the test samples disagree: 2 exits, 1 classes}}
ee.network @net attributes {hls.test_exits = array<i32: 0, 0>, hls.test_classes = array<i32: 0>, hls.test_samples = dense<0.0> : tensor<2x1x2xf32>, hls.test_logits = dense<0.0> : tensor<2x2xf32>} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{test sample exit 1 is not an exit of the network}}
ee.network @net attributes {hls.test_exits = array<i32: 1>, hls.test_classes = array<i32: 0>, hls.test_samples = dense<0.0> : tensor<1x1x2xf32>, hls.test_logits = dense<0.0> : tensor<1x2xf32>} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{the test samples need all four of}}
ee.network @net attributes {hls.test_exits = array<i32: 0>} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

ee.network @net attributes {hls.arena_offset = 0 : i64, hls.arena_words = 4 : i64} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    // expected-error @+1 {{arena slot [3, 5) is outside the arena of 4 words}}
    %r = nn.relu %x {hls.arena_offset = 3 : i64} : tensor<1x2xf32>
    ee.yield %r : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{'hls.arena_offset' needs the network's 'hls.arena_words'}}
ee.network @net attributes {hls.arena_offset = 0 : i64} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

ee.network @net {
^bb0(%in: tensor<1x2xf32>):
  // expected-error @+1 {{'hls.calibration_exits' must be a non-negative integer}}
  %e = ee.exit 0 final (%in) {hls.calibration_exits = -1 : i64} : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

ee.network @net attributes {hls.weight_image_words = 10 : i64} {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x4xf32>
    %b = arith.constant dense<0.5> : tensor<2xf32>
    // expected-error @+1 {{weights at words [4, 12) are outside the weight image of 10 words}}
    %y = nn.dense %x, %w, %b {hls.weight_offset = 4 : i64, hls.bias_offset = 0 : i64} : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<1x2xf32>
    ee.yield %y : tensor<1x2xf32>
  }
}

// -----

ee.network @net attributes {hls.weight_image_words = 10 : i64} {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x4xf32>
    %b = arith.constant dense<0.5> : tensor<2xf32>
    // expected-error @+1 {{biases at words [8, 16) are outside the weight image of 10 words}}
    %y = nn.dense %x, %w, %b {hls.weight_offset = 0 : i64, hls.bias_offset = 8 : i64} : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<1x2xf32>
    ee.yield %y : tensor<1x2xf32>
  }
}

// -----

ee.network @net {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x4xf32>
    // expected-error @+1 {{'hls.weight_offset' needs the network's 'hls.weight_image_words'}}
    %y = nn.dense %x, %w {hls.weight_offset = 0 : i64} : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<1x2xf32>
    ee.yield %y : tensor<1x2xf32>
  }
}

// -----

ee.network @net attributes {hls.weight_image_words = 10 : i64} {
^bb0(%in: tensor<1x4xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x4xf32>
    // expected-error @+1 {{'hls.weight_offset' must be a non-negative integer}}
    %y = nn.dense %x, %w {hls.weight_offset = -2 : i64} : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<1x2xf32>
    ee.yield %y : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{'hls.engine_tiles' must be two tile factors [M, N], each in [1, 1024]}}
ee.network @net attributes {hls.engine_tiles = array<i64: 0, 16>} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{'hls.engine_tiles' must be two tile factors [M, N], each in [1, 1024]}}
ee.network @net attributes {hls.engine_tiles = array<i64: 8>} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}

// -----

// expected-error @+1 {{'hls.weight_ports' must be 1 to 4 m_axi bundles}}
ee.network @net attributes {hls.weight_ports = 0 : i64} {
^bb0(%in: tensor<1x2xf32>):
  %e = ee.exit 0 final (%in) : (tensor<1x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%x: tensor<1x2xf32>):
    ee.yield %x : tensor<1x2xf32>
  }
}
