// With strict=true a batch_norm that cannot be folded is an error naming the reason.
// RUN: eecc-opt %s -pass-pipeline='builtin.module(nn-fold-batch-norm{strict=true})' -split-input-file -verify-diagnostics

func.func @not_after_a_layer(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %c = arith.constant dense<1.0> : tensor<1xf32>
  // expected-error @+1 {{cannot fold nn.batch_norm: its input is not produced by nn.conv2d or nn.dense}}
  %v = nn.batch_norm %x, %c, %c, %c, %c : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %v : tensor<1x1x2x2xf32>
}

// -----

func.func @shared_layer(%x: tensor<1x1x2x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = arith.constant dense<1.0> : tensor<1xf32>
  %y = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  // expected-error @+1 {{the producing layer has other users}}
  %z = nn.batch_norm %y, %c, %c, %c, %c : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %y, %z : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}

// -----

func.func @weights_not_constant(%x: tensor<1x1x2x2xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32> {
  %c = arith.constant dense<1.0> : tensor<1xf32>
  %y = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  // expected-error @+1 {{the producing layer's weights are not constants}}
  %z = nn.batch_norm %y, %c, %c, %c, %c : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %z : tensor<1x1x2x2xf32>
}

// -----

func.func @params_not_constant(%x: tensor<1x1x2x2xf32>, %p: tensor<1xf32>) -> tensor<1x1x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = arith.constant dense<1.0> : tensor<1xf32>
  %y = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  // expected-error @+1 {{its parameters are not constants}}
  %z = nn.batch_norm %y, %c, %c, %p, %c : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %z : tensor<1x1x2x2xf32>
}
