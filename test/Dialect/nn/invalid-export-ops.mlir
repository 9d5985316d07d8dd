// Verifier errors of nn.slice (a box inside the input), nn.mul/nn.sub (broadcasting) and
// nn.log_softmax (its axis).
// RUN: eecc-opt %s -split-input-file -verify-diagnostics

func.func @slice_outside(%x: tensor<1x8x4x4xf32>) {
  // expected-error @+1 {{'nn.slice' op the box [1, 4, 4, 4] at offsets [0, 5, 0, 0] does not fit the input [1, 8, 4, 4] (dimension 1)}}
  %0 = nn.slice %x offsets [0, 5, 0, 0] : tensor<1x8x4x4xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @slice_negative(%x: tensor<1x8xf32>) {
  // expected-error @+1 {{'nn.slice' op the box [1, 2] at offsets [0, -1] does not fit the input [1, 8] (dimension 1)}}
  %0 = nn.slice %x offsets [0, -1] : tensor<1x8xf32> -> tensor<1x2xf32>
  return
}

// -----

func.func @slice_rank(%x: tensor<1x8xf32>) {
  // expected-error @+1 {{'nn.slice' op expects a result and offsets of the input's rank 2, got rank 2 and 1 offsets}}
  %0 = nn.slice %x offsets [0] : tensor<1x8xf32> -> tensor<1x2xf32>
  return
}

// -----

func.func @mul_broadcast(%x: tensor<1x8xf32>, %y: tensor<1x3xf32>) {
  // expected-error @+2 {{'nn.mul' op cannot broadcast [1, 8] with [1, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mul %x, %y : (tensor<1x8xf32>, tensor<1x3xf32>) -> tensor<1x8xf32>
  return
}

// -----

func.func @sub_result(%x: tensor<1x8xf32>, %y: tensor<1x1xf32>) {
  // expected-error @+2 {{'nn.sub' op inferred type(s) 'tensor<1x8xf32>' are incompatible with return type(s) of operation 'tensor<1x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.sub %x, %y : (tensor<1x8xf32>, tensor<1x1xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @log_softmax_axis(%x: tensor<1x10xf32>) {
  // expected-error @+1 {{'nn.log_softmax' op axis 2 is out of range for rank 2}}
  %0 = nn.log_softmax %x axis 2 : tensor<1x10xf32>
  return
}
