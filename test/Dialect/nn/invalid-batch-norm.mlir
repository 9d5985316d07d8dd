// Verifier errors of nn.batch_norm: type constraints, input/output type match, rank, parameter sizes and element types, epsilon.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @output_type(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op failed to verify that all of {input, output} have same type}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x16xf32>
  return
}

// -----

func.func @input_dynamic(%x: tensor<?x4xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty statically shaped float tensor, but got 'tensor<?x4xf32>'}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p : (tensor<?x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @param_not_1d(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<1x4xf32>) {
  // expected-error @+1 {{operand #3 must be non-empty static 1-D float tensor, but got 'tensor<1x4xf32>'}}
  %0 = nn.batch_norm %x, %p, %p, %q, %p : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @missing_operand(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{expected 5 operands, but found 4}}
  %0 = "nn.batch_norm"(%x, %p, %p, %p) : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @rank_1(%x: tensor<4xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects input of rank >= 2 (channels on dim 1), got rank 1}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @rank_0(%x: tensor<f32>, %p: tensor<1xf32>) {
  // expected-error @+1 {{expects input of rank >= 2 (channels on dim 1), got rank 0}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p : (tensor<f32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<f32>
  return
}

// -----

func.func @scale_size(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<8xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects scale of size 4 (input channels), got 8}}
  %0 = nn.batch_norm %x, %q, %p, %p, %p : (tensor<1x4x8x8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @bias_size(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<1xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects bias of size 4 (input channels), got 1}}
  %0 = nn.batch_norm %x, %p, %q, %p, %p : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<1xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @mean_size(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<3xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects mean of size 4 (input channels), got 3}}
  %0 = nn.batch_norm %x, %p, %p, %q, %p : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @variance_size(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<5xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects variance of size 4 (input channels), got 5}}
  %0 = nn.batch_norm %x, %p, %p, %p, %q : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

// Channels are dim 1 whatever the rank: a [N, C] input needs [C] parameters.
func.func @matrix_channels(%x: tensor<8x4xf32>, %p: tensor<8xf32>) {
  // expected-error @+1 {{expects scale of size 4 (input channels), got 8}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p : (tensor<8x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @param_element_type(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>, %q: tensor<4xf16>) {
  // expected-error @+1 {{'nn.batch_norm' op expects all operands to have element type 'f32', but one has 'f16'}}
  %0 = nn.batch_norm %x, %p, %p, %p, %q : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @epsilon_negative(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects epsilon >= 0}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p epsilon -1.0e-5 : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @epsilon_nan(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op expects epsilon >= 0}}
  %0 = nn.batch_norm %x, %p, %p, %p, %p epsilon 0x7FC00000 : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @epsilon_not_f32(%x: tensor<1x4x8x8xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'epsilon' failed to satisfy constraint: 32-bit float attribute}}
  %0 = "nn.batch_norm"(%x, %p, %p, %p, %p) <{epsilon = 1.0e-5 : f64}> : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}
