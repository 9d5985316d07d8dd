// Shape inference and verifiers of the nn ops.
#include "dialects/nn/NNOps.h"

#include "dialects/nn/ShapeUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace eecc;
using namespace eecc::nn;

namespace {

/// Emits "'<op>' op <message>" at `loc` when a location is available.
template <typename... Args>
LogicalResult shapeError(std::optional<Location> loc, StringRef opName, Args &&...args) {
  return emitOptionalError(loc, "'", opName, "' op ", std::forward<Args>(args)...);
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string text = "[";
  for (auto [index, dim] : llvm::enumerate(shape))
    text += (index ? ", " : "") + std::to_string(dim);
  return text + "]";
}

/// Checks that every value has the element type of the first one.
LogicalResult checkSameElementType(std::optional<Location> loc, StringRef opName,
                                   ValueRange values) {
  Type expected;
  for (Value value : values) {
    if (!value)
      continue;
    Type element = cast<ShapedType>(value.getType()).getElementType();
    if (!expected)
      expected = element;
    else if (element != expected)
      return shapeError(loc, opName, "expects all operands to have element type ", expected,
                        ", but one has ", element);
  }
  return success();
}

/// Attributes of a 2-D sliding window (convolution or pooling).
struct Window2D {
  ArrayRef<int64_t> kernel, strides, pads, dilations;
  bool ceilMode = false;
  bool padsMustBeSmallerThanKernel = false;
  /// How diagnostics name the kernel size: an attribute, or the weight's dims.
  StringRef kernelName = "kernel_shape";
};

/// Validates a 2-D window and computes the output height and width.
FailureOr<std::pair<int64_t, int64_t>> inferWindow(std::optional<Location> loc,
                                                   StringRef opName,
                                                   ArrayRef<int64_t> inputShape,
                                                   const Window2D &window) {
  auto checkArray = [&](ArrayRef<int64_t> values, size_t size, StringRef name,
                        int64_t minimum) -> LogicalResult {
    if (values.size() != size)
      return shapeError(loc, opName, "expects ", size, " values in '", name, "', got ",
                        values.size());
    for (int64_t value : values)
      if (value < minimum)
        return shapeError(loc, opName, "expects '", name, "' values >= ", minimum, ", got ",
                          shapeString(values));
    return success();
  };
  if (failed(checkArray(window.kernel, 2, window.kernelName, 1)) ||
      failed(checkArray(window.strides, 2, "strides", 1)) ||
      failed(checkArray(window.pads, 4, "pads", 0)) ||
      failed(checkArray(window.dilations, 2, "dilations", 1)))
    return failure();

  int64_t output[2];
  for (int axis = 0; axis < 2; ++axis) {
    WindowDim dim{inputShape[2 + axis], window.kernel[axis], window.strides[axis],
                  window.pads[axis], window.pads[axis + 2], window.dilations[axis]};
    std::optional<int64_t> effectiveKernel = effectiveKernelSize(dim.kernel, dim.dilation);
    if (!effectiveKernel || !checkedSum(dim.input, dim.padBegin, dim.padEnd))
      return shapeError(loc, opName, "window sizes overflow 64 bits (kernel ",
                        shapeString(window.kernel), ", dilations ", shapeString(window.dilations),
                        ", pads ", shapeString(window.pads), ")");
    if (window.padsMustBeSmallerThanKernel &&
        (dim.padBegin >= *effectiveKernel || dim.padEnd >= *effectiveKernel))
      return shapeError(loc, opName, "expects pads smaller than the kernel, got pads ",
                        shapeString(window.pads), " for kernel ", shapeString(window.kernel));
    std::optional<int64_t> size = windowOutputSize(dim, window.ceilMode);
    if (!size)
      return shapeError(loc, opName, "kernel ", *effectiveKernel, " (after dilation) does not fit ",
                        axis == 0 ? "height " : "width ", dim.input, " with pads ",
                        shapeString(window.pads));
    output[axis] = *size;
  }
  return std::make_pair(output[0], output[1]);
}

RankedTensorType tensorLike(Value value, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, cast<ShapedType>(value.getType()).getElementType());
}

} // namespace

//===----------------------------------------------------------------------===//
// conv2d / dense
//===----------------------------------------------------------------------===//

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferredReturnTypes) {
  StringRef name = getOperationName();
  auto inputType = cast<ShapedType>(adaptor.getInput().getType());
  auto weightType = cast<ShapedType>(adaptor.getWeight().getType());
  if (failed(checkSameElementType(loc, name,
                                  {adaptor.getInput(), adaptor.getWeight(), adaptor.getBias()})))
    return failure();
  int64_t groups = static_cast<int64_t>(adaptor.getGroups());
  int64_t channels = inputType.getDimSize(1);
  int64_t filters = weightType.getDimSize(0);
  if (groups < 1)
    return shapeError(loc, name, "expects groups >= 1, got ", groups);
  if (channels % groups != 0 || filters % groups != 0)
    return shapeError(loc, name, "expects input channels (", channels, ") and filters (", filters,
                      ") to be divisible by groups (", groups, ")");
  if (weightType.getDimSize(1) != channels / groups)
    return shapeError(loc, name, "expects weight dim 1 to be input channels / groups = ",
                      channels / groups, ", got ", weightType.getDimSize(1));
  if (Value bias = adaptor.getBias()) {
    int64_t biasSize = cast<ShapedType>(bias.getType()).getDimSize(0);
    if (biasSize != filters)
      return shapeError(loc, name, "expects bias of size ", filters, " (one per filter), got ",
                        biasSize);
  }
  Window2D window{weightType.getShape().drop_front(2), adaptor.getStrides(), adaptor.getPads(),
                  adaptor.getDilations()};
  window.kernelName = "kernel (weight dims 2-3)";
  auto spatial = inferWindow(loc, name, inputType.getShape(), window);
  if (failed(spatial))
    return failure();
  inferredReturnTypes.push_back(tensorLike(
      adaptor.getInput(), {inputType.getDimSize(0), filters, spatial->first, spatial->second}));
  return success();
}

LogicalResult DenseOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferredReturnTypes) {
  StringRef name = getOperationName();
  auto inputType = cast<ShapedType>(adaptor.getInput().getType());
  auto weightType = cast<ShapedType>(adaptor.getWeight().getType());
  if (failed(checkSameElementType(loc, name,
                                  {adaptor.getInput(), adaptor.getWeight(), adaptor.getBias()})))
    return failure();
  if (inputType.getDimSize(1) != weightType.getDimSize(1))
    return shapeError(loc, name, "expects weight [M, K] with K = input features (",
                      inputType.getDimSize(1), "), got weight ",
                      shapeString(weightType.getShape()));
  int64_t units = weightType.getDimSize(0);
  if (Value bias = adaptor.getBias()) {
    int64_t biasSize = cast<ShapedType>(bias.getType()).getDimSize(0);
    if (biasSize != units)
      return shapeError(loc, name, "expects bias of size ", units, ", got ", biasSize);
  }
  inferredReturnTypes.push_back(tensorLike(adaptor.getInput(), {inputType.getDimSize(0), units}));
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

namespace {
LogicalResult inferPool(std::optional<Location> loc, StringRef name, Value input,
                        const Window2D &window, SmallVectorImpl<Type> &inferredReturnTypes) {
  auto shape = cast<ShapedType>(input.getType()).getShape();
  auto spatial = inferWindow(loc, name, shape, window);
  if (failed(spatial))
    return failure();
  inferredReturnTypes.push_back(
      tensorLike(input, {shape[0], shape[1], spatial->first, spatial->second}));
  return success();
}
} // namespace

LogicalResult MaxPool2DOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferredReturnTypes) {
  Window2D window{adaptor.getKernelShape(), adaptor.getStrides(), adaptor.getPads(),
                  adaptor.getDilations(), adaptor.getCeilMode(),
                  /*padsMustBeSmallerThanKernel=*/true};
  return inferPool(loc, getOperationName(), adaptor.getInput(), window, inferredReturnTypes);
}

LogicalResult AvgPool2DOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferredReturnTypes) {
  static const int64_t unitDilations[] = {1, 1};
  Window2D window{adaptor.getKernelShape(), adaptor.getStrides(), adaptor.getPads(),
                  unitDilations, adaptor.getCeilMode(), /*padsMustBeSmallerThanKernel=*/true};
  return inferPool(loc, getOperationName(), adaptor.getInput(), window, inferredReturnTypes);
}

LogicalResult GlobalAvgPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &inferredReturnTypes) {
  auto shape = cast<ShapedType>(adaptor.getInput().getType()).getShape();
  inferredReturnTypes.push_back(tensorLike(adaptor.getInput(), {shape[0], shape[1], 1, 1}));
  return success();
}

//===----------------------------------------------------------------------===//
// Element-wise ops
//===----------------------------------------------------------------------===//

LogicalResult ClipOp::verify() {
  float low = getMin().convertToFloat(), high = getMax().convertToFloat();
  if (std::isnan(low) || std::isnan(high) || low > high)
    return emitOpError("expects min <= max, got min ") << low << " and max " << high;
  return success();
}

LogicalResult SoftmaxOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (!normalizeAxis(getAxis(), rank))
    return emitOpError("axis ") << static_cast<int64_t>(getAxis()) << " is out of range for rank "
                                << rank;
  return success();
}

LogicalResult LogSoftmaxOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (!normalizeAxis(getAxis(), rank))
    return emitOpError("axis ") << static_cast<int64_t>(getAxis()) << " is out of range for rank "
                                << rank;
  return success();
}

LogicalResult LRNOp::verify() {
  if (static_cast<int64_t>(getSize()) < 1)
    return emitOpError("expects size >= 1, got ") << static_cast<int64_t>(getSize());
  if (!(getBias().convertToFloat() > 0.0f))
    return emitOpError("expects bias > 0 so the denominator stays positive, got ")
           << getBias().convertToFloat();
  return success();
}

LogicalResult BatchNormOp::verify() {
  auto inputType = getInput().getType();
  if (inputType.getRank() < 2)
    return emitOpError("expects input of rank >= 2 (channels on dim 1), got rank ")
           << inputType.getRank();
  int64_t channels = inputType.getDimSize(1);
  Value params[] = {getScale(), getBias(), getMean(), getVariance()};
  StringRef names[] = {"scale", "bias", "mean", "variance"};
  for (auto [param, paramName] : llvm::zip(params, names)) {
    int64_t size = cast<ShapedType>(param.getType()).getDimSize(0);
    if (size != channels)
      return emitOpError("expects ") << paramName << " of size " << channels
                                     << " (input channels), got " << size;
  }
  if (failed(checkSameElementType(getLoc(), getOperationName(),
                                  {getInput(), getScale(), getBias(), getMean(), getVariance()})))
    return failure();
  if (!(getEpsilon().convertToFloat() >= 0.0f))
    return emitOpError("expects epsilon >= 0, got ") << getEpsilon().convertToFloat();
  return success();
}

namespace {
/// The result type of an element-wise binary op with numpy broadcasting.
LogicalResult inferBroadcast(std::optional<Location> loc, StringRef name, Value lhsValue,
                             Value rhsValue, SmallVectorImpl<Type> &inferredReturnTypes) {
  if (failed(checkSameElementType(loc, name, {lhsValue, rhsValue})))
    return failure();
  auto lhs = cast<ShapedType>(lhsValue.getType()).getShape();
  auto rhs = cast<ShapedType>(rhsValue.getType()).getShape();
  auto shape = broadcastShapes(lhs, rhs);
  if (!shape)
    return shapeError(loc, name, "cannot broadcast ", shapeString(lhs), " with ",
                      shapeString(rhs));
  inferredReturnTypes.push_back(tensorLike(lhsValue, *shape));
  return success();
}
} // namespace

LogicalResult AddOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferredReturnTypes) {
  return inferBroadcast(loc, getOperationName(), adaptor.getLhs(), adaptor.getRhs(),
                        inferredReturnTypes);
}

LogicalResult SubOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferredReturnTypes) {
  return inferBroadcast(loc, getOperationName(), adaptor.getLhs(), adaptor.getRhs(),
                        inferredReturnTypes);
}

LogicalResult MulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferredReturnTypes) {
  return inferBroadcast(loc, getOperationName(), adaptor.getLhs(), adaptor.getRhs(),
                        inferredReturnTypes);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferredReturnTypes) {
  auto shape = cast<ShapedType>(adaptor.getInput().getType()).getShape();
  ArrayRef<int64_t> pads = adaptor.getPads();
  size_t rank = shape.size();
  if (pads.size() != 2 * rank)
    return shapeError(loc, getOperationName(), "expects ", 2 * rank,
                      " pads (begins then ends) for rank ", rank, ", got ", pads.size());
  std::optional<PadMode> mode = parsePadMode(adaptor.getMode());
  if (!mode)
    return shapeError(loc, getOperationName(), "mode '", adaptor.getMode().str(),
                      "' is not constant, reflect or edge");
  SmallVector<int64_t, 4> result;
  for (size_t i = 0; i < rank; ++i) {
    if (*mode == PadMode::Reflect && std::max(pads[i], pads[i + rank]) >= shape[i])
      return shapeError(loc, getOperationName(), "reflect pads ", shapeString(pads),
                        " must be smaller than dimension ", i, " (", shape[i], ")");
    std::optional<int64_t> size = checkedSum(shape[i], pads[i], pads[i + rank]);
    if (!size)
      return shapeError(loc, getOperationName(), "pads ", shapeString(pads),
                        " overflow dimension ", i);
    if (*size < 1)
      return shapeError(loc, getOperationName(), "pads ", shapeString(pads),
                        " leave dimension ", i, " empty");
    result.push_back(*size);
  }
  inferredReturnTypes.push_back(tensorLike(adaptor.getInput(), result));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferredReturnTypes) {
  auto shape = cast<ShapedType>(adaptor.getInput().getType()).getShape();
  ArrayRef<int64_t> perm = adaptor.getPerm();
  if (!isPermutation(perm, shape.size()))
    return shapeError(loc, getOperationName(), "perm ", shapeString(perm),
                      " is not a permutation of the ", shape.size(), " dimensions");
  SmallVector<int64_t, 4> result;
  for (int64_t axis : perm)
    result.push_back(shape[axis]);
  inferredReturnTypes.push_back(tensorLike(adaptor.getInput(), result));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferredReturnTypes) {
  auto shape = cast<ShapedType>(adaptor.getInput().getType()).getShape();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  int64_t rank = shape.size();
  // ONNX Flatten accepts axis in [-rank, rank].
  if (axis < -rank || axis > rank)
    return shapeError(loc, getOperationName(), "axis ", axis, " is out of range [", -rank, ", ",
                      rank, "]");
  if (axis < 0)
    axis += rank;
  std::optional<int64_t> outer = numElements(shape.take_front(axis));
  std::optional<int64_t> inner = numElements(shape.drop_front(axis));
  if (!outer || !inner)
    return shapeError(loc, getOperationName(), "element count overflows 64 bits");
  inferredReturnTypes.push_back(tensorLike(adaptor.getInput(), {*outer, *inner}));
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto inputType = getInput().getType();
  auto outputType = getOutput().getType();
  if (inputType.getElementType() != outputType.getElementType())
    return emitOpError("expects the result element type ")
           << outputType.getElementType() << " to match the input's "
           << inputType.getElementType();
  std::optional<int64_t> inputCount = numElements(inputType.getShape());
  std::optional<int64_t> outputCount = numElements(outputType.getShape());
  if (!inputCount || !outputCount)
    return emitOpError("element count overflows 64 bits");
  if (*inputCount != *outputCount)
    return emitOpError("cannot reshape ") << *inputCount << " elements into " << *outputCount;
  return success();
}

LogicalResult SliceOp::verify() {
  auto inputType = getInput().getType();
  auto outputType = getOutput().getType();
  if (inputType.getElementType() != outputType.getElementType())
    return emitOpError("expects the result element type ")
           << outputType.getElementType() << " to match the input's "
           << inputType.getElementType();
  ArrayRef<int64_t> in = inputType.getShape(), out = outputType.getShape();
  ArrayRef<int64_t> offsets = getOffsets();
  if (out.size() != in.size() || offsets.size() != in.size())
    return emitOpError("expects a result and offsets of the input's rank ")
           << in.size() << ", got rank " << out.size() << " and " << offsets.size() << " offsets";
  for (size_t i = 0; i < in.size(); ++i)
    if (offsets[i] < 0 || out[i] < 1 || offsets[i] > in[i] - out[i])
      return emitOpError("the box ") << shapeString(out) << " at offsets " << shapeString(offsets)
                                     << " does not fit the input " << shapeString(in)
                                     << " (dimension " << i << ")";
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferredReturnTypes) {
  StringRef name = getOperationName();
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return shapeError(loc, name, "expects at least one input");
  if (failed(checkSameElementType(loc, name, inputs)))
    return failure();
  auto first = cast<ShapedType>(inputs.front().getType()).getShape();
  int64_t rank = first.size();
  std::optional<int64_t> axis = normalizeAxis(static_cast<int64_t>(adaptor.getAxis()), rank);
  if (!axis)
    return shapeError(loc, name, "axis ", static_cast<int64_t>(adaptor.getAxis()),
                      " is out of range for rank ", rank);
  SmallVector<int64_t, 4> result(first);
  result[*axis] = 0;
  for (Value input : inputs) {
    auto shape = cast<ShapedType>(input.getType()).getShape();
    if (static_cast<int64_t>(shape.size()) != rank)
      return shapeError(loc, name, "expects inputs of equal rank, got ", shapeString(first),
                        " and ", shapeString(shape));
    for (int64_t i = 0; i < rank; ++i)
      if (i != *axis && shape[i] != first[i])
        return shapeError(loc, name, "expects equal sizes outside axis ", *axis, ", got ",
                          shapeString(first), " and ", shapeString(shape));
    result[*axis] += shape[*axis];
  }
  inferredReturnTypes.push_back(tensorLike(inputs.front(), result));
  return success();
}

namespace {
/// add(dense(x, W), c) -> dense(x, W, c) when the dense layer has no bias and no
/// other user and c is a constant with one value per unit ([M] or [1, M]).
struct FoldBiasAddIntoDense : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add, PatternRewriter &rewriter) const override {
    for (auto [layerOperand, biasOperand] :
         {std::pair(add.getLhs(), add.getRhs()), std::pair(add.getRhs(), add.getLhs())}) {
      auto dense = layerOperand.getDefiningOp<DenseOp>();
      DenseElementsAttr bias;
      if (!dense || dense.getBias() || !dense->hasOneUse() ||
          !matchPattern(biasOperand, m_Constant(&bias)))
        continue;
      auto outputType = cast<RankedTensorType>(dense.getType());
      int64_t units = outputType.getDimSize(1);
      ArrayRef<int64_t> shape = bias.getType().getShape();
      bool perUnit = (shape.size() == 1 && shape[0] == units) ||
                     (shape.size() == 2 && shape[0] == 1 && shape[1] == units);
      if (!perUnit || add.getType() != outputType)
        continue;
      auto vectorType = RankedTensorType::get({units}, outputType.getElementType());
      Value vector = rewriter.create<arith::ConstantOp>(add.getLoc(), vectorType,
                                                        bias.reshape(vectorType));
      rewriter.replaceOpWithNewOp<DenseOp>(add, outputType, dense.getInput(), dense.getWeight(),
                                           vector);
      rewriter.eraseOp(dense);
      return success();
    }
    return failure();
  }
};
} // namespace

void AddOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<FoldBiasAddIntoDense>(context);
}

#define GET_OP_CLASSES
#include "dialects/nn/NNOps.cpp.inc"
