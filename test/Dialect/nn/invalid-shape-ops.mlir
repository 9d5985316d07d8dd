// Verifier errors of the shape ops nn.pad, nn.flatten, nn.reshape, nn.concat and nn.transpose: pads and modes, axes, permutations, element counts, inferred result type.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @pad_missing_pads(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'nn.pad' op requires attribute 'pads'}}
  %0 = "nn.pad"(%x) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @pad_count(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+2 {{'nn.pad' op expects 8 pads (begins then ends) for rank 4, got 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x pads [1, 1, 1, 1] : tensor<1x3x4x4xf32> -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @pad_crops_everything(%x: tensor<4x4xf32>) {
  // expected-error @+2 {{'nn.pad' op pads [-2, 0, -2, 0] leave dimension 0 empty}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x pads [-2, 0, -2, 0] : tensor<4x4xf32> -> tensor<1x4xf32>
  return
}

// -----

func.func @pad_crops_past_the_end(%x: tensor<4x4xf32>) {
  // expected-error @+2 {{pads [0, -5, 0, 0] leave dimension 1 empty}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x pads [0, -5, 0, 0] value 1.0 : tensor<4x4xf32> -> tensor<4x1xf32>
  return
}

// -----

func.func @pad_wrong_result(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+2 {{'nn.pad' op inferred type(s) 'tensor<1x3x6x7xf32>' are incompatible with return type(s) of operation 'tensor<1x3x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x pads [0, 0, 1, 1, 0, 0, 1, 2] : tensor<1x3x4x4xf32> -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @pad_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{'nn.pad' op operand #0 must be non-empty statically shaped float tensor, but got 'tensor<?x4xf32>'}}
  %0 = nn.pad %x pads [0, 0, 0, 0] : tensor<?x4xf32> -> tensor<1x4xf32>
  return
}

// -----

func.func @flatten_axis_too_large(%x: tensor<1x16x5x5xf32>) {
  // expected-error @+2 {{'nn.flatten' op axis 5 is out of range [-4, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x axis 5 : tensor<1x16x5x5xf32> -> tensor<400x1xf32>
  return
}

// -----

// Negative axes count from the back, down to -rank.
func.func @flatten_axis_negative(%x: tensor<1x16x5x5xf32>) {
  // expected-error @+2 {{'nn.flatten' op axis -5 is out of range [-4, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x axis -5 : tensor<1x16x5x5xf32> -> tensor<1x400xf32>
  return
}

// -----

func.func @flatten_wrong_result(%x: tensor<1x16x5x5xf32>) {
  // expected-error @+2 {{'nn.flatten' op inferred type(s) 'tensor<1x400xf32>' are incompatible with return type(s) of operation 'tensor<16x25xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x : tensor<1x16x5x5xf32> -> tensor<16x25xf32>
  return
}

// -----

func.func @flatten_result_not_2d(%x: tensor<1x16x5x5xf32>) {
  // expected-error @+1 {{'nn.flatten' op result #0 must be non-empty static 2-D float tensor, but got 'tensor<400xf32>'}}
  %0 = nn.flatten %x : tensor<1x16x5x5xf32> -> tensor<400xf32>
  return
}

// -----

func.func @reshape_element_count(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'nn.reshape' op cannot reshape 16 elements into 15}}
  %0 = nn.reshape %x : tensor<4x4xf32> -> tensor<3x5xf32>
  return
}

// -----

func.func @reshape_element_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'nn.reshape' op expects the result element type 'f16' to match the input's 'f32'}}
  %0 = nn.reshape %x : tensor<4x4xf32> -> tensor<16xf16>
  return
}

// -----

func.func @reshape_dynamic_result(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'nn.reshape' op result #0 must be non-empty statically shaped float tensor, but got 'tensor<?xf32>'}}
  %0 = nn.reshape %x : tensor<4x4xf32> -> tensor<?xf32>
  return
}

// -----

func.func @concat_no_inputs() {
  // expected-error @+2 {{'nn.concat' op expects at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat axis 0 : () -> tensor<1x4xf32>
  return
}

// -----

func.func @concat_missing_axis(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'nn.concat' op requires attribute 'axis'}}
  %0 = "nn.concat"(%x, %x) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @concat_element_type(%x: tensor<1x4xf32>, %y: tensor<1x4xf16>) {
  // expected-error @+2 {{'nn.concat' op expects all operands to have element type 'f32', but one has 'f16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %x, %y axis 0 : (tensor<1x4xf32>, tensor<1x4xf16>) -> tensor<2x4xf32>
  return
}

// -----

func.func @concat_axis_too_large(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.concat' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %x, %x axis 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_axis_too_negative(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.concat' op axis -3 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %x, %x axis -3 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_rank(%x: tensor<2x3xf32>, %y: tensor<2xf32>) {
  // expected-error @+2 {{'nn.concat' op expects inputs of equal rank, got [2, 3] and [2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %x, %y axis 0 : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_sizes_outside_axis(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+2 {{'nn.concat' op expects equal sizes outside axis 1, got [2, 3] and [4, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %x, %y axis -1 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_wrong_result(%x: tensor<1x6x4x4xf32>, %y: tensor<1x10x4x4xf32>) {
  // expected-error @+2 {{'nn.concat' op inferred type(s) 'tensor<1x16x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x6x4x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %x, %y axis 1 : (tensor<1x6x4x4xf32>, tensor<1x10x4x4xf32>) -> tensor<1x6x4x8xf32>
  return
}

// -----

func.func @concat_dynamic(%x: tensor<1x?xf32>) {
  // expected-error @+1 {{'nn.concat' op operand #0 must be variadic of non-empty statically shaped float tensor, but got 'tensor<1x?xf32>'}}
  %0 = nn.concat %x axis 0 : (tensor<1x?xf32>) -> tensor<1x4xf32>
  return
}

// -----

// Sizes that overflow 64 bits are errors, never wrapped into a wrong shape.
func.func @pad_overflow(%x: tensor<4xf32>) {
  // expected-error @+2 {{'nn.pad' op pads [9223372036854775807, 9223372036854775807] overflow dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x pads [9223372036854775807, 9223372036854775807] : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reshape_overflow(%x: tensor<4294967296x4294967296xf32>) {
  // expected-error @+1 {{'nn.reshape' op element count overflows 64 bits}}
  %0 = nn.reshape %x : tensor<4294967296x4294967296xf32> -> tensor<1xf32>
  return
}

// -----

func.func @flatten_overflow(%x: tensor<4294967296x4294967296xf32>) {
  // expected-error @+2 {{'nn.flatten' op element count overflows 64 bits}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x axis 0 : tensor<4294967296x4294967296xf32> -> tensor<1x1xf32>
  return
}

// -----

func.func @pad_unknown_mode(%x: tensor<4x4xf32>) {
  // expected-error @+2 {{'nn.pad' op mode 'wrap' is not constant, reflect or edge}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x mode "wrap" pads [1, 1, 1, 1] : tensor<4x4xf32> -> tensor<6x6xf32>
  return
}

// -----

func.func @pad_reflect_too_far(%x: tensor<1x3xf32>) {
  // reflect mirrors without repeating the border: at most size - 1 per side.
  // expected-error @+2 {{'nn.pad' op reflect pads [0, 3, 0, 0] must be smaller than dimension 1 (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x mode "reflect" pads [0, 3, 0, 0] : tensor<1x3xf32> -> tensor<1x6xf32>
  return
}

// -----

func.func @transpose_not_a_permutation(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.transpose' op perm [0, 0] is not a permutation of the 2 dimensions}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x perm [0, 0] : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}
