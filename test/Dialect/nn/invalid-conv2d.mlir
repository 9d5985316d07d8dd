// Verifier errors of nn.conv2d: operand/result type constraints, groups, channels, bias, window attributes, inferred result type.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @input_not_4d(%x: tensor<1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static NCHW float tensor, but got 'tensor<1x28x28xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @input_dynamic(%x: tensor<1x?x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static NCHW float tensor, but got 'tensor<1x?x28x28xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x?x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @input_integer(%x: tensor<1x1x28x28xi32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static NCHW float tensor, but got 'tensor<1x1x28x28xi32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xi32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @weight_not_4d(%x: tensor<1x1x28x28xf32>, %w: tensor<6x25xf32>) {
  // expected-error @+1 {{operand #1 must be non-empty static NCHW float tensor, but got 'tensor<6x25xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x25xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @bias_not_1d(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<1x6xf32>) {
  // expected-error @+1 {{operand #2 must be non-empty static 1-D float tensor, but got 'tensor<1x6xf32>'}}
  %0 = nn.conv2d %x, %w, %b : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<1x6xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @result_not_4d(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+1 {{result #0 must be non-empty static NCHW float tensor, but got 'tensor<6x24x24xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<6x24x24xf32>
  return
}

// -----

func.func @too_few_operands(%x: tensor<1x1x28x28xf32>) {
  // expected-error @+1 {{expected 2 or more operands, but found 1}}
  %0 = "nn.conv2d"(%x) : (tensor<1x1x28x28xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @too_many_operands(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>) {
  // expected-error @+1 {{operand group starting at #2 requires 0 or 1 element, but found 2}}
  %0 = "nn.conv2d"(%x, %w, %b, %b) : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @groups_not_integer(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+1 {{Invalid attribute `groups` in property conversion}}
  %0 = "nn.conv2d"(%x, %w) <{groups = 1.0 : f32}> : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @strides_not_dense_array(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+1 {{Invalid attribute `strides` in property conversion}}
  %0 = "nn.conv2d"(%x, %w) <{strides = [1, 1]}> : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @groups_zero(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv2d' op expects groups >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w groups 0 : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @groups_negative(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv2d' op expects groups >= 1, got -2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w groups -2 : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @channels_not_divisible(%x: tensor<1x3x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects input channels (3) and filters (6) to be divisible by groups (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w groups 2 : (tensor<1x3x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @filters_not_divisible(%x: tensor<1x4x28x28xf32>, %w: tensor<5x2x5x5xf32>) {
  // expected-error @+2 {{expects input channels (4) and filters (5) to be divisible by groups (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w groups 2 : (tensor<1x4x28x28xf32>, tensor<5x2x5x5xf32>) -> tensor<1x5x24x24xf32>
  return
}

// -----

func.func @weight_channels(%x: tensor<1x3x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects weight dim 1 to be input channels / groups = 3, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w : (tensor<1x3x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @depthwise_weight_channels(%x: tensor<1x8x28x28xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+2 {{expects weight dim 1 to be input channels / groups = 1, got 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w groups 8 : (tensor<1x8x28x28xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x26x26xf32>
  return
}

// -----

func.func @bias_size(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{expects bias of size 6 (one per filter), got 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w, %b : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @weight_element_type(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf16>) {
  // expected-error @+2 {{expects all operands to have element type 'f32', but one has 'f16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf16>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @bias_element_type(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xbf16>) {
  // expected-error @+2 {{expects all operands to have element type 'f32', but one has 'bf16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w, %b : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xbf16>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @strides_count(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects 2 values in 'strides', got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w strides [2] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @strides_zero(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects 'strides' values >= 1, got [0, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w strides [0, 1] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @pads_count(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects 4 values in 'pads', got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w pads [2, 2] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x28x28xf32>
  return
}

// -----

func.func @pads_negative(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects 'pads' values >= 0, got [-1, 0, 0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w pads [-1, 0, 0, 0] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x23x24xf32>
  return
}

// -----

func.func @dilations_count(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects 2 values in 'dilations', got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w dilations [1, 1, 1] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @dilations_zero(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{expects 'dilations' values >= 1, got [1, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w dilations [1, 0] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

// The kernel of a convolution comes from weight dims 2 and 3; the message
// names it 'kernel_shape' like the pooling attribute.
func.func @weight_empty_kernel(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x0x5xf32>) {
  // expected-error @+1 {{'nn.conv2d' op operand #1 must be non-empty static NCHW float tensor, but got 'tensor<6x1x0x5xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x0x5xf32>) -> tensor<1x6x29x24xf32>
  return
}

// -----

func.func @kernel_taller_than_input(%x: tensor<1x1x4x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{kernel 5 (after dilation) does not fit height 4 with pads [0, 0, 0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x4x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x1x24xf32>
  return
}

// -----

func.func @dilated_kernel_wider_than_input(%x: tensor<1x1x28x8xf32>, %w: tensor<6x1x3x3xf32>) {
  // expected-error @+2 {{kernel 9 (after dilation) does not fit width 8 with pads [0, 0, 0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w dilations [1, 4] : (tensor<1x1x28x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x26x1xf32>
  return
}

// -----

func.func @empty_input(%x: tensor<1x1x0x28xf32>, %w: tensor<6x1x1x1xf32>) {
  // expected-error @+1 {{'nn.conv2d' op operand #0 must be non-empty static NCHW float tensor, but got 'tensor<1x1x0x28xf32>'}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x0x28xf32>, tensor<6x1x1x1xf32>) -> tensor<1x6x0x28xf32>
  return
}

// -----

func.func @wrong_result_shape(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv2d' op inferred type(s) 'tensor<1x6x24x24xf32>' are incompatible with return type(s) of operation 'tensor<1x6x20x24xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x20x24xf32>
  return
}

// -----

func.func @wrong_result_shape_strided(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x16x16x16xf32>' are incompatible with return type(s) of operation 'tensor<1x16x15x15xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w strides [2, 2] pads [1, 1, 1, 1] : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x15x15xf32>
  return
}

// -----

func.func @wrong_result_element_type(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x6x24x24xf32>' are incompatible with return type(s) of operation 'tensor<1x6x24x24xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf16>
  return
}

// -----

// A dilation so large that the dilated kernel overflows 64 bits.
func.func @conv2d_dilation_overflow(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv2d' op window sizes overflow 64 bits (kernel [5, 5], dilations [4611686018427387904, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv2d %x, %w dilations [4611686018427387904, 1] : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x28x24xf32>
  return
}
