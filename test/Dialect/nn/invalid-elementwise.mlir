// Verifier errors of the element-wise nn ops (relu, leaky_relu, clip, softmax, lrn, add): type constraints, attribute ranges, broadcasting.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @relu_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{'nn.relu' op operand #0 must be non-empty statically shaped float tensor, but got 'tensor<?x4xf32>'}}
  %0 = nn.relu %x : tensor<?x4xf32>
  return
}

// -----

// The custom syntax only parses ranked tensors; the generic form reaches the verifier.
func.func @relu_unranked(%x: tensor<*xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty statically shaped float tensor, but got 'tensor<*xf32>'}}
  %0 = "nn.relu"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @relu_unranked_custom_syntax(%x: tensor<*xf32>) {
  // expected-error @+1 {{custom op 'nn.relu' invalid kind of type specified}}
  %0 = nn.relu %x : tensor<*xf32>
  return
}

// -----

func.func @relu_integer(%x: tensor<1x4xi32>) {
  // expected-error @+1 {{operand #0 must be non-empty statically shaped float tensor, but got 'tensor<1x4xi32>'}}
  %0 = nn.relu %x : tensor<1x4xi32>
  return
}

// -----

func.func @relu_result_type(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.relu' op requires the same type for all operands and results}}
  %0 = "nn.relu"(%x) : (tensor<1x4xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @leaky_relu_result_type(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.leaky_relu' op requires the same type for all operands and results}}
  %0 = "nn.leaky_relu"(%x) : (tensor<1x4xf32>) -> tensor<1x4xf16>
  return
}

// -----

func.func @leaky_relu_alpha_not_float(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{Invalid attribute `alpha` in property conversion}}
  %0 = "nn.leaky_relu"(%x) <{alpha = 1 : i64}> : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @leaky_relu_alpha_f64(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = "nn.leaky_relu"(%x) <{alpha = 0.1 : f64}> : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @clip_min_above_max(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.clip' op expects min <= max, got min 6.000000e+00 and max 0.000000e+00}}
  %0 = nn.clip %x min 6.0 max 0.0 : tensor<1x4xf32>
  return
}

// -----

func.func @clip_min_nan(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{expects min <= max, got min nan and max 6.000000e+00}}
  %0 = nn.clip %x min 0x7FC00000 max 6.0 : tensor<1x4xf32>
  return
}

// -----

func.func @clip_max_nan(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{expects min <= max, got min 0.000000e+00 and max nan}}
  %0 = nn.clip %x min 0.0 max 0x7FC00000 : tensor<1x4xf32>
  return
}

// -----

func.func @clip_missing_max(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.clip' op requires attribute 'max'}}
  %0 = "nn.clip"(%x) <{min = 0.0 : f32}> : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @clip_result_type(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.clip' op requires the same type for all operands and results}}
  %0 = "nn.clip"(%x) <{min = 0.0 : f32, max = 6.0 : f32}> : (tensor<1x4xf32>) -> tensor<1x5xf32>
  return
}

// -----

func.func @softmax_axis_too_large(%x: tensor<1x10xf32>) {
  // expected-error @+1 {{'nn.softmax' op axis 2 is out of range for rank 2}}
  %0 = nn.softmax %x axis 2 : tensor<1x10xf32>
  return
}

// -----

func.func @softmax_axis_too_negative(%x: tensor<1x10xf32>) {
  // expected-error @+1 {{'nn.softmax' op axis -3 is out of range for rank 2}}
  %0 = nn.softmax %x axis -3 : tensor<1x10xf32>
  return
}

// -----

// The default axis -1 has no dimension to refer to in a rank-0 tensor.
func.func @softmax_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{'nn.softmax' op axis -1 is out of range for rank 0}}
  %0 = nn.softmax %x : tensor<f32>
  return
}

// -----

func.func @softmax_result_type(%x: tensor<1x10xf32>) {
  // expected-error @+1 {{'nn.softmax' op requires the same type for all operands and results}}
  %0 = "nn.softmax"(%x) : (tensor<1x10xf32>) -> tensor<10xf32>
  return
}

// -----

func.func @lrn_input_not_4d(%x: tensor<1x6x12xf32>) {
  // expected-error @+1 {{'nn.lrn' op operand #0 must be non-empty static NCHW float tensor, but got 'tensor<1x6x12xf32>'}}
  %0 = nn.lrn %x size 5 : tensor<1x6x12xf32>
  return
}

// -----

func.func @lrn_size_zero(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{'nn.lrn' op expects size >= 1, got 0}}
  %0 = nn.lrn %x size 0 : tensor<1x6x12x12xf32>
  return
}

// -----

func.func @lrn_size_negative(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{'nn.lrn' op expects size >= 1, got -3}}
  %0 = nn.lrn %x size -3 : tensor<1x6x12x12xf32>
  return
}

// -----

func.func @lrn_bias_zero(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{'nn.lrn' op expects bias > 0 so the denominator stays positive, got 0.000000e+00}}
  %0 = nn.lrn %x size 5 bias 0.0 : tensor<1x6x12x12xf32>
  return
}

// -----

func.func @lrn_bias_negative(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{expects bias > 0 so the denominator stays positive, got -1.000000e+00}}
  %0 = nn.lrn %x size 5 alpha 1.0e-4 beta 0.75 bias -1.0 : tensor<1x6x12x12xf32>
  return
}

// -----

func.func @lrn_bias_nan(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{expects bias > 0 so the denominator stays positive, got nan}}
  %0 = nn.lrn %x size 5 bias 0x7FC00000 : tensor<1x6x12x12xf32>
  return
}

// -----

func.func @lrn_missing_size(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{'nn.lrn' op requires attribute 'size'}}
  %0 = "nn.lrn"(%x) : (tensor<1x6x12x12xf32>) -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @lrn_result_type(%x: tensor<1x6x12x12xf32>) {
  // expected-error @+1 {{'nn.lrn' op requires the same type for all operands and results}}
  %0 = "nn.lrn"(%x) <{size = 5 : i64}> : (tensor<1x6x12x12xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @add_dynamic(%x: tensor<?x4xf32>, %y: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.add' op operand #0 must be non-empty statically shaped float tensor, but got 'tensor<?x4xf32>'}}
  %0 = nn.add %x, %y : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @add_cannot_broadcast(%x: tensor<3x2xf32>, %y: tensor<4x2xf32>) {
  // expected-error @+2 {{'nn.add' op cannot broadcast [3, 2] with [4, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %x, %y : (tensor<3x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @add_cannot_broadcast_trailing(%x: tensor<1x16x8x8xf32>, %y: tensor<16x1xf32>) {
  // expected-error @+2 {{cannot broadcast [1, 16, 8, 8] with [16, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %x, %y : (tensor<1x16x8x8xf32>, tensor<16x1xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @add_element_type(%x: tensor<1x4xf32>, %y: tensor<1x4xf16>) {
  // expected-error @+2 {{'nn.add' op expects all operands to have element type 'f32', but one has 'f16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %x, %y : (tensor<1x4xf32>, tensor<1x4xf16>) -> tensor<1x4xf32>
  return
}

// -----

func.func @add_wrong_result(%x: tensor<1x16x8x8xf32>, %y: tensor<16x1x1xf32>) {
  // expected-error @+2 {{'nn.add' op inferred type(s) 'tensor<1x16x8x8xf32>' are incompatible with return type(s) of operation 'tensor<16x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %x, %y : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<16x1x1xf32>
  return
}

// -----

// Empty tensors are not layer data.
func.func @relu_empty(%x: tensor<1x0xf32>) {
  // expected-error @+1 {{'nn.relu' op operand #0 must be non-empty statically shaped float tensor, but got 'tensor<1x0xf32>'}}
  %0 = nn.relu %x : tensor<1x0xf32>
  return
}
