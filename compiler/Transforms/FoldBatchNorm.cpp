// nn-fold-batch-norm: fold constant inference batch normalization into conv2d/dense.
#include "compiler/Transforms/Passes.h"
#include "dialects/nn/NNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

namespace eecc {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;
using namespace eecc::nn;

namespace {

/// The constant values of `value` widened to double, or std::nullopt if it is not
/// a float constant.
std::optional<SmallVector<double>> constantValues(Value value) {
  DenseFPElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<double> result;
  result.reserve(attr.getNumElements());
  for (APFloat element : attr.getValues<APFloat>()) {
    bool losesInfo = false;
    element.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
    result.push_back(element.convertToDouble());
  }
  return result;
}

/// A constant of `type` holding `values` rounded once to its element type.
Value createConstant(OpBuilder &builder, Location loc, RankedTensorType type,
                     ArrayRef<double> values) {
  const llvm::fltSemantics &semantics = cast<FloatType>(type.getElementType()).getFloatSemantics();
  SmallVector<APFloat> elements;
  elements.reserve(values.size());
  for (double value : values) {
    APFloat element(value);
    bool losesInfo = false;
    element.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
    elements.push_back(element);
  }
  auto attr = DenseElementsAttr::get(type, elements);
  return builder.create<arith::ConstantOp>(loc, type, attr);
}

/// Why `norm` cannot be folded, or the empty string if it can.
std::string foldBlocker(BatchNormOp norm) {
  Operation *producer = norm.getInput().getDefiningOp();
  if (!producer || !isa<Conv2DOp, DenseOp>(producer))
    return "its input is not produced by nn.conv2d or nn.dense";
  if (!producer->hasOneUse())
    return "the producing layer has other users";
  Value weight = producer->getOperand(1);
  Value bias = producer->getNumOperands() > 2 ? producer->getOperand(2) : Value();
  if (!constantValues(weight) || (bias && !constantValues(bias)))
    return "the producing layer's weights are not constants";
  for (Value param : {norm.getScale(), norm.getBias(), norm.getMean(), norm.getVariance()})
    if (!constantValues(param))
      return "its parameters are not constants";
  return "";
}

void fold(BatchNormOp norm) {
  Operation *producer = norm.getInput().getDefiningOp();
  Value weight = producer->getOperand(1);
  Value bias = producer->getNumOperands() > 2 ? producer->getOperand(2) : Value();
  auto weightType = cast<RankedTensorType>(weight.getType());
  int64_t channels = weightType.getDimSize(0);

  SmallVector<double> weights = *constantValues(weight);
  SmallVector<double> biases = bias ? *constantValues(bias) : SmallVector<double>(channels, 0.0);
  SmallVector<double> scale = *constantValues(norm.getScale());
  SmallVector<double> shift = *constantValues(norm.getBias());
  SmallVector<double> mean = *constantValues(norm.getMean());
  SmallVector<double> variance = *constantValues(norm.getVariance());
  double epsilon = norm.getEpsilon().convertToDouble();

  int64_t perChannel = static_cast<int64_t>(weights.size()) / channels;
  for (int64_t m = 0; m < channels; ++m) {
    double factor = scale[m] / std::sqrt(variance[m] + epsilon);
    for (int64_t i = 0; i < perChannel; ++i)
      weights[m * perChannel + i] *= factor;
    biases[m] = (biases[m] - mean[m]) * factor + shift[m];
  }

  OpBuilder builder(producer);
  Location loc = producer->getLoc();
  Value newWeight = createConstant(builder, loc, weightType, weights);
  auto biasType = RankedTensorType::get({channels}, weightType.getElementType());
  Value newBias = createConstant(builder, loc, biasType, biases);

  Value replacement;
  if (auto conv = dyn_cast<Conv2DOp>(producer))
    replacement = builder.create<Conv2DOp>(loc, conv.getType(), conv.getInput(), newWeight,
                                           newBias, conv.getStridesAttr(), conv.getPadsAttr(),
                                           conv.getDilationsAttr(), conv.getGroupsAttr());
  else
    replacement = builder.create<DenseOp>(loc, producer->getResult(0).getType(),
                                          producer->getOperand(0), newWeight, newBias);
  norm.getResult().replaceAllUsesWith(replacement);
  norm.erase();
  producer->erase();
}

struct FoldBatchNormPass : eecc::impl::FoldBatchNormBase<FoldBatchNormPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<BatchNormOp> norms;
    getOperation()->walk([&](BatchNormOp norm) { norms.push_back(norm); });
    for (BatchNormOp norm : norms) {
      std::string blocker = foldBlocker(norm);
      if (blocker.empty()) {
        fold(norm);
        ++numFolded;
      } else if (strict) {
        norm.emitError("cannot fold nn.batch_norm: ") << blocker;
        signalPassFailure();
      }
    }
  }
};

} // namespace
