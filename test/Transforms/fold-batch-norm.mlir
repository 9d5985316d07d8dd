// nn-fold-batch-norm folds constant batch norms into conv2d/dense and keeps the rest.
// RUN: eecc-opt %s -nn-fold-batch-norm -split-input-file | FileCheck %s

// W' = W * s, b' = (b - mean) * s + beta, s = scale / sqrt(var + eps).
// Channel 0: s = 4 / sqrt(3 + 1) = 2   -> W' = 1.0, b' = (1 - 1) * 2 + 0.5 = 0.5
// Channel 1: s = 3 / sqrt(8 + 1) = 1   -> W' = 0.25, b' = (2 - 0) * 1 - 1 = 1
// CHECK-LABEL: func @conv_with_bias
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}2.500000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[5.000000e-01, 1.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = nn.conv2d %{{.*}}, %[[W]], %[[B]] : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
// CHECK-NOT: nn.batch_norm
// CHECK: return %[[Y]]
func.func @conv_with_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %scale = arith.constant dense<[4.0, 3.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 8.0]> : tensor<2xf32>
  %y = nn.conv2d %x, %w, %b : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %z = nn.batch_norm %y, %scale, %beta, %mean, %var epsilon 1.0 : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %z : tensor<1x2x4x4xf32>
}

// -----

// A conv without bias gains one; strides and pads survive.
// CHECK-LABEL: func @conv_without_bias
// CHECK: %[[B:.*]] = arith.constant dense<-2.000000e+00> : tensor<1xf32>
// CHECK: nn.conv2d %{{.*}}, %{{.*}}, %[[B]] strides [2, 2] pads [1, 1, 1, 1] :
func.func @conv_without_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x3x3xf32>
  %one = arith.constant dense<1.0> : tensor<1xf32>
  %zero = arith.constant dense<0.0> : tensor<1xf32>
  %two = arith.constant dense<2.0> : tensor<1xf32>
  %y = nn.conv2d %x, %w strides [2, 2] pads [1, 1, 1, 1] : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  %z = nn.batch_norm %y, %one, %zero, %two, %one epsilon 0.0 : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %z : tensor<1x1x2x2xf32>
}

// -----

// Dense layers fold along their output features.
// CHECK-LABEL: func @dense
// CHECK-DAG: arith.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00]]> : tensor<1x2xf32>
// CHECK-DAG: arith.constant dense<3.000000e+00> : tensor<1xf32>
// CHECK: nn.dense
// CHECK-NOT: nn.batch_norm
func.func @dense(%x: tensor<1x2xf32>) -> tensor<1x1xf32> {
  %w = arith.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %two = arith.constant dense<2.0> : tensor<1xf32>
  %three = arith.constant dense<3.0> : tensor<1xf32>
  %zero = arith.constant dense<0.0> : tensor<1xf32>
  %one = arith.constant dense<1.0> : tensor<1xf32>
  %y = nn.dense %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %z = nn.batch_norm %y, %two, %three, %zero, %one epsilon 0.0 : (tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  return %z : tensor<1x1xf32>
}

// -----

// Not foldable: the conv has a second user, or the input is not a layer.
// CHECK-LABEL: func @not_foldable
// CHECK: nn.conv2d
// CHECK: nn.batch_norm
// CHECK: nn.batch_norm
func.func @not_foldable(%x: tensor<1x1x2x2xf32>, %p: tensor<1xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = arith.constant dense<1.0> : tensor<1xf32>
  %y = nn.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %z = nn.batch_norm %y, %c, %c, %c, %c : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  %v = nn.batch_norm %x, %c, %c, %c, %p : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %y, %z, %v : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}
