// The nn dialect: ONNX-level layers with static shapes, the input of early-exit analysis.
#ifndef EECC_NN_BASE
#define EECC_NN_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let cppNamespace = "::eecc::nn";
  let summary = "Neural-network layers with static shapes in NCHW layout";
  let description = [{
    The `nn` dialect holds one operation per layer kind that eecc accepts from ONNX.
    Every value is a statically shaped floating-point tensor; feature maps are NCHW.
    Attributes follow ONNX conventions (`pads` are `[top, left, bottom, right]` for the
    spatial ops), so an imported model reads like its ONNX graph. Weights are
    `arith.constant` tensors. Verifiers check shape consistency (channels, groups,
    kernel sizes), and ops whose result shape follows from their operands infer it.
  }];
  let useDefaultAttributePrinterParser = 0;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

class NN_Op<string mnemonic, list<Trait> traits = []> : Op<NN_Dialect, mnemonic, traits>;

// Every dimension known and at least 1: layers never see empty tensors.
def NN_NonEmptyStaticShapePred : And<[HasStaticShapePred,
    CPred<"::llvm::all_of(::llvm::cast<::mlir::ShapedType>($_self).getShape(), "
          "[](int64_t dim) { return dim > 0; })">]>;

// A non-empty statically shaped floating-point tensor of one of the given ranks.
class NN_StaticTensorOfRank<list<int> ranks, string desc>
    : Type<And<[TensorRankOf<[AnyFloat], ranks>.predicate, NN_NonEmptyStaticShapePred]>,
           desc, "::mlir::RankedTensorType">;

def NN_Tensor : Type<And<[TensorOf<[AnyFloat]>.predicate, NN_NonEmptyStaticShapePred]>,
                     "non-empty statically shaped float tensor", "::mlir::RankedTensorType">;
def NN_FeatureMap : NN_StaticTensorOfRank<[4], "non-empty static NCHW float tensor">;
def NN_Matrix : NN_StaticTensorOfRank<[2], "non-empty static 2-D float tensor">;
def NN_Vector : NN_StaticTensorOfRank<[1], "non-empty static 1-D float tensor">;

#endif // EECC_NN_BASE
