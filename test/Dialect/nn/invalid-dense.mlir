// Verifier errors of nn.dense: operand/result type constraints, weight and bias shapes, element types, inferred result type.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @input_not_2d(%x: tensor<1x2x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static 2-D float tensor, but got 'tensor<1x2x4xf32>'}}
  %0 = nn.dense %x, %w : (tensor<1x2x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @input_dynamic(%x: tensor<?x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static 2-D float tensor, but got 'tensor<?x4xf32>'}}
  %0 = nn.dense %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @weight_not_2d(%x: tensor<1x4xf32>, %w: tensor<12xf32>) {
  // expected-error @+1 {{operand #1 must be non-empty static 2-D float tensor, but got 'tensor<12xf32>'}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<12xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @weight_integer(%x: tensor<1x4xf32>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{operand #1 must be non-empty static 2-D float tensor, but got 'tensor<3x4xi8>'}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<3x4xi8>) -> tensor<1x3xf32>
  return
}

// -----

func.func @bias_not_1d(%x: tensor<1x4xf32>, %w: tensor<3x4xf32>, %b: tensor<1x3xf32>) {
  // expected-error @+1 {{operand #2 must be non-empty static 1-D float tensor, but got 'tensor<1x3xf32>'}}
  %0 = nn.dense %x, %w, %b : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @result_not_2d(%x: tensor<1x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{result #0 must be non-empty static 2-D float tensor, but got 'tensor<3xf32>'}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @weight_features(%x: tensor<1x4xf32>, %w: tensor<3x5xf32>) {
  // expected-error @+2 {{'nn.dense' op expects weight [M, K] with K = input features (4), got weight [3, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<3x5xf32>) -> tensor<1x3xf32>
  return
}

// -----

// The weight is [M, K] (transposed), not [K, M].
func.func @weight_transposed(%x: tensor<1x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+2 {{expects weight [M, K] with K = input features (4), got weight [4, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @bias_size(%x: tensor<1x4xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'nn.dense' op expects bias of size 3, got 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w, %b : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @weight_element_type(%x: tensor<1x4xf32>, %w: tensor<3x4xf16>) {
  // expected-error @+2 {{expects all operands to have element type 'f32', but one has 'f16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<3x4xf16>) -> tensor<1x3xf32>
  return
}

// -----

func.func @bias_element_type(%x: tensor<1x4xf16>, %w: tensor<3x4xf16>, %b: tensor<3xf32>) {
  // expected-error @+2 {{expects all operands to have element type 'f16', but one has 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w, %b : (tensor<1x4xf16>, tensor<3x4xf16>, tensor<3xf32>) -> tensor<1x3xf16>
  return
}

// -----

func.func @wrong_result_shape(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+2 {{'nn.dense' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<1x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @wrong_result_element_type(%x: tensor<1x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x3xf32>' are incompatible with return type(s) of operation 'tensor<1x3xf64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf64>
  return
}
