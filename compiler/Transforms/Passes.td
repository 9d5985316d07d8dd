// Passes of eecc (options declared here so pass pipelines can set them).
#ifndef EECC_TRANSFORMS_PASSES
#define EECC_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def FoldBatchNorm : Pass<"nn-fold-batch-norm"> {
  let summary = "Fold inference batch normalization into the preceding conv2d or dense";
  let description = [{
    `batch_norm(conv(x, W, b))` becomes `conv(x, W', b')` with
    `W'[m] = W[m] * s[m]`, `b'[m] = (b[m] - mean[m]) * s[m] + beta[m]` and
    `s = scale / sqrt(variance + epsilon)`, when all parameters are constants and the
    convolution (or dense layer, channels on dim 1) has no other user. The folded
    weights are computed in double precision and rounded once to the element type.
    Batch normalizations that cannot be folded are left in place;
    `strict=true` turns them into errors, for flows that have no standalone
    batch-norm kernel.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let options = [
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Fail on a batch_norm that cannot be folded">
  ];
  let statistics = [
    Statistic<"numFolded", "num-folded", "Number of batch_norm ops folded">
  ];
}

def PrepareForEmission : Pass<"eecc-prepare-for-emission"> {
  let summary = "Name every layer and weight with a legal, unique C++ identifier";
  let description = [{
    Names come from ONNX (node and initializer names), so they are hostile input:
    each nn op gets an `eecc.cname` attribute `l_<name>` and each arith.constant
    `w_<name>`, where `<name>` keeps only `[A-Za-z0-9_]` (no `__`, at most 48
    characters). The prefixes keep them apart from C++ keywords and from every name
    the emitter generates; names the emitter derives from a layer's name
    (`<cname>_config`, `<cname>_shape`, ...) are reserved with it. Unique in the
    module. The HLS emitter prints only these names; it never decides one.
  }];
}

#endif // EECC_TRANSFORMS_PASSES
