// Operations of the nn dialect: one per layer kind eecc imports from ONNX.
#ifndef EECC_NN_OPS
#define EECC_NN_OPS

include "dialects/nn/NNBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

defvar NN_Pair1 = "{1, 1}";
defvar NN_Pads0 = "{0, 0, 0, 0}";

// Ops whose result shape follows from operands and attributes infer it; the
// inference doubles as the shape verifier (see NNOps.cpp).
class NN_InferredOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat(traits, [Pure, InferTypeOpAdaptor])>;

//===----------------------------------------------------------------------===//
// Convolution and dense layers
//===----------------------------------------------------------------------===//

def NN_Conv2DOp : NN_InferredOp<"conv2d"> {
  let summary = "2-D convolution (ONNX Conv) with groups, pads, strides, dilations";
  let description = [{
    `output[n, m, y, x] = bias[m] + sum_{c, ky, kx} input[n, g*C/G + c, ...] * weight[m, c, ky, kx]`
    over the `C/groups` input channels of the group `g` that output channel `m`
    belongs to. `weight` is `[M, C/groups, kH, kW]`, `bias` (optional) is `[M]`,
    `pads` are `[top, left, bottom, right]`. Depthwise convolution is
    `groups = C = M`.

    ```mlir
    %y = nn.conv2d %x, %w, %b strides [2, 2] pads [1, 1, 1, 1]
        : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
    ```
  }];
  let arguments = (ins NN_FeatureMap:$input, NN_FeatureMap:$weight,
                       Optional<NN_Vector>:$bias,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pair1>:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pads0>:$pads,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pair1>:$dilations,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs NN_FeatureMap:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? (`strides` $strides^)? (`pads` $pads^)?
    (`dilations` $dilations^)? (`groups` $groups^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def NN_DenseOp : NN_InferredOp<"dense"> {
  let summary = "Fully connected layer: output = input * transpose(weight) + bias";
  let description = [{
    `input` is `[N, K]`, `weight` is `[M, K]` (PyTorch `nn.Linear` layout, i.e. ONNX
    Gemm with `transB = 1`), `bias` (optional) is `[M]`; the result is `[N, M]`. The
    importer normalizes Gemm's `transA`, `transB`, `alpha`, `beta` and MatMul+Add
    into this form.
  }];
  let arguments = (ins NN_Matrix:$input, NN_Matrix:$weight, Optional<NN_Vector>:$bias);
  let results = (outs NN_Matrix:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def NN_MaxPool2DOp : NN_InferredOp<"max_pool2d"> {
  let summary = "2-D max pooling (ONNX MaxPool)";
  let description = [{
    Padding cells never win (they act as -infinity). With `ceil_mode` the output
    size rounds up, but a window that would start inside the end padding is dropped
    (the onnxruntime and PyTorch rule).
  }];
  let arguments = (ins NN_FeatureMap:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pair1>:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pads0>:$pads,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pair1>:$dilations,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs NN_FeatureMap:$output);
  let assemblyFormat = [{
    $input `kernel` $kernel_shape (`strides` $strides^)? (`pads` $pads^)?
    (`dilations` $dilations^)? (`ceil_mode` $ceil_mode^)? attr-dict
    `:` type($input) `->` type($output)
  }];
}

def NN_AvgPool2DOp : NN_InferredOp<"avg_pool2d"> {
  let summary = "2-D average pooling (ONNX AveragePool)";
  let description = [{
    With `count_include_pad` the divisor is the full window size (padding counts as
    zeros); otherwise it is the number of input cells inside the window.
  }];
  let arguments = (ins NN_FeatureMap:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pair1>:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, NN_Pads0>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs NN_FeatureMap:$output);
  let assemblyFormat = [{
    $input `kernel` $kernel_shape (`strides` $strides^)? (`pads` $pads^)?
    (`ceil_mode` $ceil_mode^)? (`count_include_pad` $count_include_pad^)? attr-dict
    `:` type($input) `->` type($output)
  }];
}

def NN_GlobalAvgPoolOp : NN_InferredOp<"global_avg_pool"> {
  let summary = "Mean over the spatial dimensions: [N, C, H, W] -> [N, C, 1, 1]";
  let arguments = (ins NN_FeatureMap:$input);
  let results = (outs NN_FeatureMap:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

//===----------------------------------------------------------------------===//
// Element-wise activations and normalization
//===----------------------------------------------------------------------===//

class NN_ElementwiseOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType])> {
  let results = (outs NN_Tensor:$output);
}

def NN_ReluOp : NN_ElementwiseOp<"relu"> {
  let summary = "max(x, 0)";
  let arguments = (ins NN_Tensor:$input);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def NN_LeakyReluOp : NN_ElementwiseOp<"leaky_relu"> {
  let summary = "x >= 0 ? x : alpha * x";
  let arguments = (ins NN_Tensor:$input, DefaultValuedAttr<F32Attr, "0.01f">:$alpha);
  let assemblyFormat = "$input (`alpha` $alpha^)? attr-dict `:` type($output)";
}

def NN_ClipOp : NN_ElementwiseOp<"clip"> {
  let summary = "min(max(x, min), max) (ONNX Clip; ReLU6 is clip 0, 6)";
  let arguments = (ins NN_Tensor:$input, F32Attr:$min, F32Attr:$max);
  let assemblyFormat = "$input `min` $min `max` $max attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def NN_SoftmaxOp : NN_ElementwiseOp<"softmax"> {
  let summary = "exp(x) / sum(exp(x)) along one axis";
  let arguments = (ins NN_Tensor:$input, DefaultValuedAttr<I64Attr, "-1">:$axis);
  let assemblyFormat = "$input (`axis` $axis^)? attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def NN_LogSoftmaxOp : NN_ElementwiseOp<"log_softmax"> {
  let summary = "x - max(x) - log(sum(exp(x - max(x)))) along one axis";
  let arguments = (ins NN_Tensor:$input, DefaultValuedAttr<I64Attr, "-1">:$axis);
  let assemblyFormat = "$input (`axis` $axis^)? attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def NN_SigmoidOp : NN_ElementwiseOp<"sigmoid"> {
  let summary = "1 / (1 + exp(-x))";
  let description = [{
    Fixed-point designs read it from a table indexed by the input's raw bits (see
    compiler/Numerics/ActivationTable.h).
  }];
  let arguments = (ins NN_Tensor:$input);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def NN_TanhOp : NN_ElementwiseOp<"tanh"> {
  let summary = "tanh(x)";
  let description = [{
    Fixed-point designs read it from a table indexed by the input's raw bits, as
    `nn.sigmoid`.
  }];
  let arguments = (ins NN_Tensor:$input);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def NN_LRNOp : NN_ElementwiseOp<"lrn"> {
  let summary = "Local response normalization across channels (ONNX LRN)";
  let description = [{
    `y[c] = x[c] / (bias + alpha / size * sum_{c' in window(c)} x[c']^2) ^ beta`, the
    window spanning `floor((size - 1) / 2)` channels before `c` and
    `ceil((size - 1) / 2)` after it.
  }];
  let arguments = (ins NN_FeatureMap:$input, I64Attr:$size,
                       DefaultValuedAttr<F32Attr, "1.0e-4f">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.75f">:$beta,
                       DefaultValuedAttr<F32Attr, "1.0f">:$bias);
  let assemblyFormat = [{
    $input `size` $size (`alpha` $alpha^)? (`beta` $beta^)? (`bias` $bias^)? attr-dict
    `:` type($output)
  }];
  let hasVerifier = 1;
}

def NN_BatchNormOp : NN_Op<"batch_norm", [Pure, AllTypesMatch<["input", "output"]>]> {
  let summary = "Inference batch normalization over channel dimension 1";
  let description = [{
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias`, each parameter a `[C]`
    vector. The `nn-fold-batch-norm` pass folds it into a preceding conv2d or dense.
  }];
  let arguments = (ins NN_Tensor:$input, NN_Vector:$scale, NN_Vector:$bias,
                       NN_Vector:$mean, NN_Vector:$variance,
                       DefaultValuedAttr<F32Attr, "1.0e-5f">:$epsilon);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance (`epsilon` $epsilon^)? attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Element-wise binary
//===----------------------------------------------------------------------===//

def NN_AddOp : NN_InferredOp<"add", [Commutative]> {
  let summary = "Element-wise sum with numpy broadcasting (residual connections)";
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  // add(dense(x, W), c) with a constant per-unit c becomes dense(x, W, c) (MatMul+Add).
  let hasCanonicalizer = 1;
}

def NN_SubOp : NN_InferredOp<"sub"> {
  let summary = "Element-wise difference lhs - rhs with numpy broadcasting";
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def NN_MulOp : NN_InferredOp<"mul", [Commutative]> {
  let summary = "Element-wise product with numpy broadcasting";
  let description = [{
    A product of two feature maps (gating, HardSwish's x * hard_sigmoid(x)) or of a
    feature map and a constant (scaling; ONNX Div by a constant is a product by its
    reciprocal). In fixed point the product is exact before the result's conversion.
  }];
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def NN_PadOp : NN_InferredOp<"pad"> {
  let summary = "Padding (ONNX Pad: constant, reflect or edge)";
  let description = [{
    `pads` holds `2 * rank` values in ONNX order: all begin pads, then all end pads.
    Negative pads crop. `mode` constant fills with `value`; reflect mirrors the input
    without repeating its border (each pad below the axis size); edge repeats the border.
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<F32Attr, "0.0f">:$value,
                       DefaultValuedAttr<StrAttr, "\"constant\"">:$mode);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $input (`mode` $mode^)? `pads` $pads (`value` $value^)? attr-dict `:` type($input) `->`
    type($output)
  }];
}

def NN_TransposeOp : NN_InferredOp<"transpose"> {
  let summary = "Permute the dimensions (ONNX Transpose)";
  let description = [{
    Output dimension `i` is input dimension `perm[i]`; `perm` is a permutation of
    `0 .. rank - 1`.
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input `perm` $perm attr-dict `:` type($input) `->` type($output)";
}

def NN_FlattenOp : NN_InferredOp<"flatten"> {
  let summary = "Collapse dims [0, axis) and [axis, rank) into a 2-D tensor";
  let arguments = (ins NN_Tensor:$input, DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs NN_Matrix:$output);
  let assemblyFormat = [{
    $input (`axis` $axis^)? attr-dict `:` type($input) `->` type($output)
  }];
}

def NN_ReshapeOp : NN_Op<"reshape", [Pure]> {
  let summary = "Reinterpret the row-major elements under the result shape";
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def NN_SliceOp : NN_Op<"slice", [Pure]> {
  let summary = "A box of the input: result[i] = input[offsets + i] (ONNX Split, Slice)";
  let description = [{
    The result's shape is the box's size; `offsets` (one per dimension) its corner in
    the input. Each output of an ONNX Split is one slice.

    ```mlir
    %a = nn.slice %x offsets [0, 8, 0, 0] : tensor<1x16x8x8xf32> -> tensor<1x8x8x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$offsets);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input `offsets` $offsets attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def NN_ConcatOp : NN_InferredOp<"concat"> {
  let summary = "Concatenate tensors along one axis";
  let arguments = (ins Variadic<NN_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $inputs `axis` $axis attr-dict `:` functional-type($inputs, results)
  }];
}

#endif // EECC_NN_OPS
