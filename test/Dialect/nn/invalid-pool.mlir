// Verifier errors of nn.max_pool2d, nn.avg_pool2d and nn.global_avg_pool: type constraints, window attributes, padding, inferred result type.
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @max_input_not_4d(%x: tensor<6x24x24xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static NCHW float tensor, but got 'tensor<6x24x24xf32>'}}
  %0 = nn.max_pool2d %x kernel [2, 2] : tensor<6x24x24xf32> -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @max_result_dynamic(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+1 {{result #0 must be non-empty static NCHW float tensor, but got 'tensor<1x6x?x?xf32>'}}
  %0 = nn.max_pool2d %x kernel [2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x?x?xf32>
  return
}

// -----

func.func @max_missing_kernel(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+1 {{'nn.max_pool2d' op requires attribute 'kernel_shape'}}
  %0 = "nn.max_pool2d"(%x) : (tensor<1x6x24x24xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @max_kernel_count(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{'nn.max_pool2d' op expects 2 values in 'kernel_shape', got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2] : tensor<1x6x24x24xf32> -> tensor<1x6x23x23xf32>
  return
}

// -----

func.func @max_kernel_zero(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 'kernel_shape' values >= 1, got [0, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [0, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x23x23xf32>
  return
}

// -----

func.func @max_strides_count(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 2 values in 'strides', got 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] strides [1, 1, 2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @max_strides_negative(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 'strides' values >= 1, got [2, -2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] strides [2, -2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @max_pads_count(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 4 values in 'pads', got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [3, 3] pads [1, 1, 1] : tensor<1x6x24x24xf32> -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @max_pads_negative(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 'pads' values >= 0, got [0, 0, 0, -1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] pads [0, 0, 0, -1] : tensor<1x6x24x24xf32> -> tensor<1x6x23x22xf32>
  return
}

// -----

func.func @max_dilations_count(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 2 values in 'dilations', got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] dilations [2] : tensor<1x6x24x24xf32> -> tensor<1x6x22x22xf32>
  return
}

// -----

func.func @max_dilations_zero(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 'dilations' values >= 1, got [0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] dilations [0, 0] : tensor<1x6x24x24xf32> -> tensor<1x6x23x23xf32>
  return
}

// -----

func.func @max_pad_begin_not_smaller_than_kernel(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects pads smaller than the kernel, got pads [2, 0, 0, 0] for kernel [2, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] pads [2, 0, 0, 0] : tensor<1x6x24x24xf32> -> tensor<1x6x25x23xf32>
  return
}

// -----

func.func @max_pad_end_not_smaller_than_kernel(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects pads smaller than the kernel, got pads [0, 0, 0, 3] for kernel [3, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [3, 3] pads [0, 0, 0, 3] : tensor<1x6x24x24xf32> -> tensor<1x6x22x25xf32>
  return
}

// -----

func.func @max_kernel_does_not_fit(%x: tensor<1x6x3x3xf32>) {
  // expected-error @+2 {{kernel 4 (after dilation) does not fit height 3 with pads [0, 0, 0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [4, 4] : tensor<1x6x3x3xf32> -> tensor<1x6x1x1xf32>
  return
}

// -----

func.func @max_dilated_kernel_does_not_fit(%x: tensor<1x6x8x4xf32>) {
  // expected-error @+2 {{kernel 5 (after dilation) does not fit width 4 with pads [0, 0, 0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] dilations [1, 4] : tensor<1x6x8x4xf32> -> tensor<1x6x7x1xf32>
  return
}

// -----

func.func @max_wrong_result(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{'nn.max_pool2d' op inferred type(s) 'tensor<1x6x12x12xf32>' are incompatible with return type(s) of operation 'tensor<1x6x24x24xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x24x24xf32>
  return
}

// -----

// ceil_mode rounds the output size up: 7 with kernel 2, stride 2 gives 4.
func.func @max_wrong_result_ceil_mode(%x: tensor<1x6x7x7xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x6x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x6x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] strides [2, 2] ceil_mode true : tensor<1x6x7x7xf32> -> tensor<1x6x3x3xf32>
  return
}

// -----

// With ceil_mode, a last window that would start inside the end padding is dropped.
func.func @max_wrong_result_ceil_mode_padding(%x: tensor<1x6x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x6x2x2xf32>' are incompatible with return type(s) of operation 'tensor<1x6x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [2, 2] strides [2, 2] pads [0, 0, 1, 1] ceil_mode true : tensor<1x6x4x4xf32> -> tensor<1x6x3x3xf32>
  return
}

// -----

func.func @avg_input_not_4d(%x: tensor<1x6x24xf32>) {
  // expected-error @+1 {{operand #0 must be non-empty static NCHW float tensor, but got 'tensor<1x6x24xf32>'}}
  %0 = nn.avg_pool2d %x kernel [2, 2] : tensor<1x6x24xf32> -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @avg_missing_kernel(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+1 {{'nn.avg_pool2d' op requires attribute 'kernel_shape'}}
  %0 = "nn.avg_pool2d"(%x) : (tensor<1x6x24x24xf32>) -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @avg_kernel_count(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{'nn.avg_pool2d' op expects 2 values in 'kernel_shape', got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [2, 2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x23x23xf32>
  return
}

// -----

func.func @avg_kernel_negative(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 'kernel_shape' values >= 1, got [2, -1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [2, -1] : tensor<1x6x24x24xf32> -> tensor<1x6x23x23xf32>
  return
}

// -----

func.func @avg_strides_zero(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 'strides' values >= 1, got [0, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [2, 2] strides [0, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf32>
  return
}

// -----

func.func @avg_pads_count(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects 4 values in 'pads', got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [3, 3] pads [1, 1] : tensor<1x6x24x24xf32> -> tensor<1x6x24x24xf32>
  return
}

// -----

func.func @avg_pads_not_smaller_than_kernel(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{expects pads smaller than the kernel, got pads [1, 3, 1, 3] for kernel [3, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [3, 3] pads [1, 3, 1, 3] count_include_pad true : tensor<1x6x24x24xf32> -> tensor<1x6x24x28xf32>
  return
}

// -----

func.func @avg_kernel_does_not_fit(%x: tensor<1x6x8x2xf32>) {
  // expected-error @+2 {{kernel 3 (after dilation) does not fit width 2 with pads [0, 0, 0, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [3, 3] : tensor<1x6x8x2xf32> -> tensor<1x6x6x1xf32>
  return
}

// -----

func.func @avg_wrong_result(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{'nn.avg_pool2d' op inferred type(s) 'tensor<1x6x24x24xf32>' are incompatible with return type(s) of operation 'tensor<1x6x22x22xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [3, 3] pads [1, 1, 1, 1] : tensor<1x6x24x24xf32> -> tensor<1x6x22x22xf32>
  return
}

// -----

func.func @avg_wrong_result_element_type(%x: tensor<1x6x24x24xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x6x12x12xf32>' are incompatible with return type(s) of operation 'tensor<1x6x12x12xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avg_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x6x24x24xf32> -> tensor<1x6x12x12xf16>
  return
}

// -----

func.func @global_input_not_4d(%x: tensor<6x5x5xf32>) {
  // expected-error @+1 {{'nn.global_avg_pool' op operand #0 must be non-empty static NCHW float tensor, but got 'tensor<6x5x5xf32>'}}
  %0 = nn.global_avg_pool %x : tensor<6x5x5xf32> -> tensor<1x6x1x1xf32>
  return
}

// -----

func.func @global_result_not_4d(%x: tensor<1x6x5x5xf32>) {
  // expected-error @+1 {{result #0 must be non-empty static NCHW float tensor, but got 'tensor<1x6xf32>'}}
  %0 = nn.global_avg_pool %x : tensor<1x6x5x5xf32> -> tensor<1x6xf32>
  return
}

// -----

func.func @global_wrong_result(%x: tensor<1x6x5x5xf32>) {
  // expected-error @+2 {{'nn.global_avg_pool' op inferred type(s) 'tensor<1x6x1x1xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_avg_pool %x : tensor<1x6x5x5xf32> -> tensor<1x1x1x1xf32>
  return
}

// -----

func.func @max_pool_dilation_overflow(%x: tensor<1x1x28x28xf32>) {
  // expected-error @+2 {{'nn.max_pool2d' op window sizes overflow 64 bits}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool2d %x kernel [4611686018427387905, 1] dilations [2, 1] : tensor<1x1x28x28xf32> -> tensor<1x1x28x24xf32>
  return
}
