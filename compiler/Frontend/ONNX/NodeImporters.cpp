// Per-operator import: one handler per ONNX op type, each checking every attribute.
#include "GraphImporter.h"

#include "compiler/Frontend/ONNX/Importer.h"
#include "dialects/nn/ShapeUtils.h"
#include "dialects/nn/NNOps.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace eecc::onnx_frontend {

namespace {

const onnx::AttributeProto *findAttribute(const onnx::NodeProto &node, StringRef name) {
  for (const auto &attribute : node.attribute())
    if (attribute.name() == name)
      return &attribute;
  return nullptr;
}

int64_t intAttribute(const onnx::NodeProto &node, StringRef name, int64_t fallback) {
  const auto *attribute = findAttribute(node, name);
  return attribute ? attribute->i() : fallback;
}

float floatAttribute(const onnx::NodeProto &node, StringRef name, float fallback) {
  const auto *attribute = findAttribute(node, name);
  return attribute ? attribute->f() : fallback;
}

std::string stringAttribute(const onnx::NodeProto &node, StringRef name, StringRef fallback) {
  const auto *attribute = findAttribute(node, name);
  return attribute ? attribute->s() : fallback.str();
}

SmallVector<int64_t> intsAttribute(const onnx::NodeProto &node, StringRef name,
                                   ArrayRef<int64_t> fallback) {
  const auto *attribute = findAttribute(node, name);
  if (!attribute)
    return SmallVector<int64_t>(fallback);
  return SmallVector<int64_t>(attribute->ints().begin(), attribute->ints().end());
}

/// Every attribute must be one the handler understands: nothing is dropped silently.
LogicalResult checkAttributes(Location loc, const onnx::NodeProto &node,
                              std::initializer_list<StringRef> known) {
  for (const auto &attribute : node.attribute())
    if (llvm::find(known, StringRef(attribute.name())) == known.end())
      return emitError(loc) << "attribute '" << attribute.name() << "' is not supported";
  return success();
}

int64_t rankOf(Value value) { return cast<ShapedType>(value.getType()).getRank(); }
ArrayRef<int64_t> shapeOf(Value value) { return cast<ShapedType>(value.getType()).getShape(); }

/// Pads for auto_pad SAME_UPPER / SAME_LOWER: output = ceil(input / stride).
SmallVector<int64_t> samePads(ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
                              ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations, bool upper) {
  SmallVector<int64_t> pads(4, 0);
  for (int axis = 0; axis < 2; ++axis) {
    int64_t output = (input[axis] + strides[axis] - 1) / strides[axis];
    int64_t extent = dilations[axis] * (kernel[axis] - 1) + 1;
    int64_t total = std::max<int64_t>((output - 1) * strides[axis] + extent - input[axis], 0);
    int64_t small = total / 2, large = total - small;
    pads[axis] = upper ? small : large;
    pads[axis + 2] = upper ? large : small;
  }
  return pads;
}

/// Resolves auto_pad into explicit [top, left, bottom, right] pads.
FailureOr<SmallVector<int64_t>> resolvePads(Location loc, const onnx::NodeProto &node, Value input,
                                            ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                                            ArrayRef<int64_t> dilations) {
  std::string autoPad = stringAttribute(node, "auto_pad", "NOTSET");
  SmallVector<int64_t> pads = intsAttribute(node, "pads", {0, 0, 0, 0});
  if (autoPad == "NOTSET")
    return pads;
  if (findAttribute(node, "pads"))
    return emitError(loc) << "has both auto_pad '" << autoPad << "' and explicit pads";
  if (autoPad == "VALID")
    return SmallVector<int64_t>(4, 0);
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2)
      return emitError(loc) << "auto_pad needs 2-D kernel, strides and dilations";
    return samePads(shapeOf(input).drop_front(2), kernel, strides, dilations,
                    autoPad == "SAME_UPPER");
  }
  return emitError(loc) << "auto_pad '" << autoPad << "' is not supported";
}

/// Layers over NCHW feature maps take one sample (batch 1). A fixed leading dimension
/// above 1 is fine for the operators that treat it as any other dimension (dense rows,
/// element-wise, reshapes, concatenation).
LogicalResult requireOneSample(Location loc, Value value) {
  if (rankOf(value) > 0 && shapeOf(value)[0] != 1)
    return emitError(loc) << "takes one sample at a time (batch 1), but its input has batch "
                          << shapeOf(value)[0]
                          << " (export the model with batch 1 or a symbolic batch)";
  return success();
}

LogicalResult requireRank(Location loc, Value value, int64_t rank, StringRef what) {
  if (rankOf(value) != rank)
    return emitError(loc) << "only " << what << " is supported (input of rank " << rank
                          << "), got rank " << rankOf(value);
  return success();
}

/// [K, M] -> [M, K]: ONNX's right operand as nn.dense's weight layout.
TensorData transposed(const TensorData &matrix) {
  TensorData result = matrix;
  int64_t k = matrix.shape[0], m = matrix.shape[1];
  result.shape = {m, k};
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j < m; ++j)
      result.floats[j * k + i] = matrix.floats[i * m + j];
  return result;
}

/// A scalar (one-element) float constant.
std::optional<float> scalarValue(const TensorData *data) {
  if (!data || !data->isFloat || data->floats.size() != 1)
    return std::nullopt;
  return data->floats.front();
}

} // namespace

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return emitError(currentLoc) << "operators of domain '" << node.domain()
                                 << "' are not supported";
  NodeHandler handler = llvm::StringSwitch<NodeHandler>(node.op_type())
                        .Case("Conv", &GraphImporter::importConv)
                        .Case("Gemm", &GraphImporter::importGemm)
                        .Case("MatMul", &GraphImporter::importMatMul)
                        .Cases("Relu", "LeakyRelu", &GraphImporter::importActivation)
                        .Case("Clip", &GraphImporter::importClip)
                        .Cases("MaxPool", "AveragePool", &GraphImporter::importPool)
                        .Case("GlobalAveragePool", &GraphImporter::importGlobalAveragePool)
                        .Cases("Add", "Sub", "Mul", "Div", &GraphImporter::importBinary)
                        .Cases("Sigmoid", "Tanh", &GraphImporter::importActivation)
                        .Cases("HardSigmoid", "HardSwish", &GraphImporter::importHardActivation)
                        .Case("Split", &GraphImporter::importSplit)
                        .Case("BatchNormalization", &GraphImporter::importBatchNorm)
                        .Case("LRN", &GraphImporter::importLRN)
                        .Cases("Dropout", "Identity", &GraphImporter::importPassThrough)
                        .Case("Flatten", &GraphImporter::importFlatten)
                        .Case("Reshape", &GraphImporter::importReshape)
                        .Cases("Squeeze", "Unsqueeze", &GraphImporter::importSqueeze)
                        .Case("ReduceMean", &GraphImporter::importReduceMean)
                        .Case("Transpose", &GraphImporter::importTranspose)
                        .Case("Pad", &GraphImporter::importPad)
                        .Case("Concat", &GraphImporter::importConcat)
                        .Cases("Softmax", "LogSoftmax", &GraphImporter::importSoftmax)
                        .Case("Constant", &GraphImporter::importConstant)
                        .Default(nullptr);
  if (!handler)
    return emitError(currentLoc) << "operator '" << node.op_type()
                                 << "' is not supported (see eecc --list-ops)";
  // Before opset 6, element-wise operators carry consumed_inputs: a hint that the runtime
  // may compute in place, which never changes a result.
  if (opset < 6 && findAttribute(node, "consumed_inputs")) {
    onnx::NodeProto withoutHint = node;
    auto *attributes = withoutHint.mutable_attribute();
    for (int index = attributes->size() - 1; index >= 0; --index)
      if (attributes->Get(index).name() == "consumed_inputs")
        attributes->DeleteSubrange(index, 1);
    return importChecked(withoutHint, handler);
  }
  return importChecked(node, handler);
}

LogicalResult GraphImporter::importChecked(const onnx::NodeProto &node, NodeHandler handler) {
  if (failed((this->*handler)(node)))
    return failure();
  for (int index = 0; index < node.output_size(); ++index) {
    auto found = values.find(node.output(index));
    if (found == values.end())
      continue;
    if (failed(checkInferredShape(node, node.output(index), found->second)))
      return failure();
    // Pad, broadcasting or Concat can grow a tensor past the int sizes of the layers.
    std::optional<int64_t> count = numElements(shapeOf(found->second));
    if (!count || *count >= (int64_t{1} << 31))
      return emitError(currentLoc) << "output '" << node.output(index) << "' has shape "
                                   << shapeText(shapeOf(found->second))
                                   << ": too many elements (the limit is 2^31 - 1, the layers' "
                                      "int sizes)";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Layers with weights
//===----------------------------------------------------------------------===//

LogicalResult GraphImporter::importConv(const onnx::NodeProto &node) {
  if (failed(checkAttributes(
          currentLoc, node, {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"})))
    return failure();
  Value x = input(node, 0), w = input(node, 1);
  if (!x || !w || failed(requireRank(currentLoc, x, 4, "2-D convolution")) ||
      failed(requireOneSample(currentLoc, x)))
    return failure();
  Value bias = optionalInput(node, 2);
  if (node.input_size() > 2 && !node.input(2).empty() && !bias)
    return failure();
  SmallVector<int64_t> kernel(shapeOf(w).drop_front(2));
  if (auto *attribute = findAttribute(node, "kernel_shape");
      attribute &&
      SmallVector<int64_t>(attribute->ints().begin(), attribute->ints().end()) != kernel)
    return emitError(currentLoc) << "kernel_shape does not match the weight's spatial dims";
  SmallVector<int64_t> strides = intsAttribute(node, "strides", {1, 1});
  SmallVector<int64_t> dilations = intsAttribute(node, "dilations", {1, 1});
  auto pads = resolvePads(currentLoc, node, x, kernel, strides, dilations);
  if (failed(pads))
    return failure();
  SmallVector<Value> operands = {x, w};
  if (bias)
    operands.push_back(bias);
  return defineInferred<nn::Conv2DOp>(
      node, operands,
      {builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr(strides)),
       builder.getNamedAttr("pads", builder.getDenseI64ArrayAttr(*pads)),
       builder.getNamedAttr("dilations", builder.getDenseI64ArrayAttr(dilations)),
       builder.getNamedAttr("groups", builder.getI64IntegerAttr(intAttribute(node, "group", 1)))});
}

LogicalResult GraphImporter::importGemm(const onnx::NodeProto &node) {
  // Before opset 7, Gemm broadcasts C only when asked to (broadcast = 1).
  bool legacyBroadcast = opset < 7;
  if (failed(legacyBroadcast
                 ? checkAttributes(currentLoc, node, {"alpha", "beta", "broadcast", "transA", "transB"})
                 : checkAttributes(currentLoc, node, {"alpha", "beta", "transA", "transB"})))
    return failure();
  float alpha = floatAttribute(node, "alpha", 1.0f), beta = floatAttribute(node, "beta", 1.0f);
  bool transB = intAttribute(node, "transB", 0) != 0;
  Value a = input(node, 0);
  if (!a || failed(requireRank(currentLoc, a, 2, "a 2-D Gemm")))
    return failure();
  if (intAttribute(node, "transA", 0) != 0) {
    // A is [K, M]: its transpose is the [M, K] rows of the product.
    a = createInferred<nn::TransposeOp>(
        a, {builder.getNamedAttr("perm", builder.getDenseI64ArrayAttr({1, 0}))});
    if (!a)
      return failure();
  }

  // The weight becomes [M, K]; alpha folds into it. Both need constant weights
  // unless the layout already fits.
  Value weight;
  const TensorData *b = constantInput(node, 1);
  if (b && b->isFloat && b->shape.size() == 2 && (!transB || alpha != 1.0f)) {
    TensorData scaled = transB ? *b : transposed(*b);
    for (float &value : scaled.floats)
      value *= alpha;
    weight = materialize(node.output(0) + "/weight", scaled);
  } else if (transB && alpha == 1.0f) {
    weight = input(node, 1);
  } else {
    return emitError(currentLoc) << "needs a constant B when transB = 0 or alpha != 1";
  }
  if (!weight)
    return failure();
  int64_t units = shapeOf(weight)[0];

  Value bias, matrixBias; // a [units] vector, or any tensor broadcast onto the output
  int64_t rows = shapeOf(a)[0];
  if (node.input_size() > 2 && !node.input(2).empty()) {
    const TensorData *c = constantInput(node, 2);
    std::optional<int64_t> count = c ? numElements(c->shape) : std::nullopt;
    if (c && c->isFloat && rows > 1 && c->shape.size() == 2 && c->shape[0] == rows &&
        count && *count > 1 && (c->shape[1] == units || c->shape[1] == 1) &&
        (!legacyBroadcast || intAttribute(node, "broadcast", 0) != 0 || c->shape[1] == units)) {
      // A bias per row (C of [rows, units] or [rows, 1]): beta * C added after the
      // product, with numpy broadcasting.
      TensorData scaled = *c;
      for (float &value : scaled.floats)
        value *= beta;
      matrixBias = materialize(node.output(0) + "/bias", scaled);
      if (!matrixBias)
        return failure();
    } else if (c && c->isFloat) {
      bool perUnit = count == units && (c->shape.size() == 1 || c->shape.front() == 1);
      if (!perUnit && count != 1)
        return emitError(currentLoc) << "bias C of shape with " << (count ? *count : -1)
                                     << " elements does not broadcast to [" << units << "]";
      if (legacyBroadcast && intAttribute(node, "broadcast", 0) == 0 &&
          ArrayRef<int64_t>(c->shape) != ArrayRef<int64_t>{1, units})
        return emitError(currentLoc) << "with broadcast = 0 the bias C must have the output's "
                                     << "shape [1, " << units << "]";
      TensorData vector;
      vector.isFloat = true;
      vector.shape = {units};
      vector.floats.resize(units);
      for (int64_t i = 0; i < units; ++i)
        vector.floats[i] = beta * c->floats[perUnit ? i : 0];
      bias = materialize(node.output(0) + "/bias", vector);
    } else {
      Value c = input(node, 2);
      if (!c)
        return failure();
      if (beta != 1.0f)
        return emitError(currentLoc) << "a non-constant C needs beta = 1";
      if (shapeOf(c) == ArrayRef<int64_t>{units})
        bias = c;
      else
        matrixBias = c; // added after the product, with numpy broadcasting
    }
  }
  SmallVector<Value> operands = {a, weight};
  if (bias)
    operands.push_back(bias);
  if (!matrixBias)
    return defineInferred<nn::DenseOp>(node, operands, {});
  Value product = createInferred<nn::DenseOp>(operands, {});
  if (!product)
    return failure();
  return defineInferred<nn::AddOp>(node, ValueRange{product, matrixBias}, {});
}

LogicalResult GraphImporter::importMatMul(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {})))
    return failure();
  Value a = input(node, 0);
  if (!a || failed(requireRank(currentLoc, a, 2, "a 2-D MatMul")))
    return failure();
  const TensorData *b = constantInput(node, 1);
  if (!b || !b->isFloat || b->shape.size() != 2)
    return emitError(currentLoc) << "the right operand must be a constant 2-D FLOAT matrix";
  Value weight = materialize(node.output(0) + "/weight", transposed(*b));
  return defineInferred<nn::DenseOp>(node, ValueRange{a, weight}, {});
}

//===----------------------------------------------------------------------===//
// Element-wise
//===----------------------------------------------------------------------===//

LogicalResult GraphImporter::importActivation(const onnx::NodeProto &node) {
  bool leaky = node.op_type() == "LeakyRelu";
  if (failed(checkAttributes(currentLoc, node,
                             leaky ? std::initializer_list<StringRef>{"alpha"}
                                   : std::initializer_list<StringRef>{})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  float alpha = floatAttribute(node, "alpha", 0.01f);
  if (leaky && !std::isfinite(alpha))
    return emitError(currentLoc) << "'alpha' is " << alpha << "; it must be a finite number";
  const std::string &type = node.op_type();
  Value result =
      leaky ? builder.create<nn::LeakyReluOp>(currentLoc, x, builder.getF32FloatAttr(alpha))
                  .getResult()
      : type == "Sigmoid" ? builder.create<nn::SigmoidOp>(currentLoc, x).getResult()
      : type == "Tanh"    ? builder.create<nn::TanhOp>(currentLoc, x).getResult()
                          : builder.create<nn::ReluOp>(currentLoc, x).getResult();
  define(node, 0, result);
  return success();
}

LogicalResult GraphImporter::importClip(const onnx::NodeProto &node) {
  Value x = input(node, 0);
  if (!x)
    return failure();
  float low = std::numeric_limits<float>::lowest(), high = std::numeric_limits<float>::max();
  if (opset < 11) {
    if (failed(checkAttributes(currentLoc, node, {"min", "max"})))
      return failure();
    low = floatAttribute(node, "min", low);
    high = floatAttribute(node, "max", high);
  } else {
    if (failed(checkAttributes(currentLoc, node, {})))
      return failure();
    for (int index : {1, 2}) {
      if (index >= node.input_size() || node.input(index).empty())
        continue;
      std::optional<float> bound = scalarValue(constantInput(node, index));
      if (!bound)
        return emitError(currentLoc)
               << (index == 1 ? "min" : "max") << " must be a constant FLOAT scalar";
      (index == 1 ? low : high) = *bound;
    }
  }
  auto clip = builder.create<nn::ClipOp>(currentLoc, x, builder.getF32FloatAttr(low),
                                         builder.getF32FloatAttr(high));
  return defineVerified(node, clip);
}

LogicalResult GraphImporter::importBinary(const onnx::NodeProto &node) {
  const std::string &type = node.op_type();
  bool legacy = opset < 7; // broadcast/axis attributes instead of numpy broadcasting
  if (failed(legacy ? checkAttributes(currentLoc, node, {"axis", "broadcast"})
                    : checkAttributes(currentLoc, node, {})))
    return failure();
  Value lhs = input(node, 0);
  if (!lhs)
    return failure();
  // Division by a constant is a product by its reciprocal; by a computed tensor it
  // would need a divider per element.
  const TensorData *constant = constantInput(node, 1);
  if (constant && !constant->isFloat)
    constant = nullptr;
  if (type == "Div" && !constant)
    return emitError(currentLoc) << "divides by '" << (node.input_size() > 1 ? node.input(1) : "")
                                 << "', which is not a constant FLOAT tensor; eecc supports "
                                    "division by a constant only";
  const bool aligns = legacy && findAttribute(node, "axis") && intAttribute(node, "broadcast", 0) != 0;
  std::optional<TensorData> rhsData; // a constant right operand eecc rewrites
  if (constant && (type == "Div" || aligns))
    rhsData = *constant;
  if (rhsData && type == "Div")
    for (float &value : rhsData->floats)
      value = 1.0f / value;
  Value rhs = constant ? Value() : input(node, 1);
  if (!constant && !rhs)
    return failure();
  SmallVector<int64_t> rhsShape(constant ? ArrayRef<int64_t>(constant->shape) : shapeOf(rhs));
  if (legacy && intAttribute(node, "broadcast", 0) == 0 && shapeOf(lhs) != ArrayRef<int64_t>(rhsShape))
    return emitError(currentLoc) << "with broadcast = 0 both operands need the same shape, got "
                                 << shapeText(shapeOf(lhs)) << " and " << shapeText(rhsShape);
  if (aligns) {
    // B's dimensions line up with A's from `axis` on; trailing ones say the same in
    // numpy broadcasting.
    int64_t rank = rankOf(lhs), rhsRank = static_cast<int64_t>(rhsShape.size());
    std::optional<int64_t> axis = normalizeAxis(intAttribute(node, "axis", 0), rank);
    if (!axis || *axis + rhsRank > rank)
      return emitError(currentLoc) << "axis " << intAttribute(node, "axis", 0) << " does not fit "
                                   << "B of rank " << rhsRank << " into A of rank " << rank;
    rhsShape.append(rank - *axis - rhsRank, 1);
    if (rhsData) {
      rhsData->shape.assign(rhsShape.begin(), rhsShape.end());
    } else {
      auto alignedType =
          RankedTensorType::get(rhsShape, cast<ShapedType>(rhs.getType()).getElementType());
      rhs = builder.create<nn::ReshapeOp>(currentLoc, alignedType, rhs);
    }
  }
  if (rhsData)
    rhs = materialize(node.output(0) + (type == "Div" ? "/reciprocal" : "/aligned"), *rhsData);
  else if (!rhs)
    rhs = input(node, 1);
  if (!rhs)
    return failure();
  if (type == "Add")
    return defineInferred<nn::AddOp>(node, ValueRange{lhs, rhs}, {});
  if (type == "Sub")
    return defineInferred<nn::SubOp>(node, ValueRange{lhs, rhs}, {});
  return defineInferred<nn::MulOp>(node, ValueRange{lhs, rhs}, {});
}

LogicalResult GraphImporter::importHardActivation(const onnx::NodeProto &node) {
  // hard_sigmoid(x) = clip(alpha * x + beta, 0, 1); hard_swish(x) = x * hard_sigmoid(x)
  // with alpha = 1/6, beta = 1/2: a product by a constant, a sum with one and a clip,
  // each a layer of its own (with its own fixed-point format).
  const bool swish = node.op_type() == "HardSwish";
  if (failed(swish ? checkAttributes(currentLoc, node, {})
                   : checkAttributes(currentLoc, node, {"alpha", "beta"})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  float alpha = swish ? 1.0f / 6.0f : floatAttribute(node, "alpha", 0.2f);
  float beta = swish ? 0.5f : floatAttribute(node, "beta", 0.5f);
  if (!std::isfinite(alpha) || !std::isfinite(beta))
    return emitError(currentLoc) << "alpha " << alpha << " and beta " << beta
                                 << " must be finite numbers";
  auto scalar = [&](StringRef suffix, float value) {
    TensorData data;
    data.isFloat = true;
    data.shape = {1};
    data.floats = {value};
    return materialize(node.output(0) + suffix.str(), data);
  };
  Value scaled = createInferred<nn::MulOp>(ValueRange{x, scalar("/alpha", alpha)}, {});
  if (!scaled)
    return failure();
  Value shifted = createInferred<nn::AddOp>(ValueRange{scaled, scalar("/beta", beta)}, {});
  if (!shifted)
    return failure();
  auto clip = builder.create<nn::ClipOp>(currentLoc, shifted, builder.getF32FloatAttr(0.0f),
                                         builder.getF32FloatAttr(1.0f));
  if (failed(clip.verify()))
    return failure();
  if (!swish) {
    define(node, 0, clip.getResult());
    return success();
  }
  return defineInferred<nn::MulOp>(node, ValueRange{x, clip.getResult()}, {});
}

LogicalResult GraphImporter::importSplit(const onnx::NodeProto &node) {
  // Each output is a slice of the input along `axis`.
  if (failed(opset < 13   ? checkAttributes(currentLoc, node, {"axis", "split"})
             : opset < 18 ? checkAttributes(currentLoc, node, {"axis"})
                          : checkAttributes(currentLoc, node, {"axis", "num_outputs"})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(x);
  const int64_t rank = static_cast<int64_t>(shape.size());
  std::optional<int64_t> axis = normalizeAxis(intAttribute(node, "axis", 0), rank);
  if (!axis)
    return emitError(currentLoc) << "axis " << intAttribute(node, "axis", 0)
                                 << " is out of range for rank " << rank;
  const int64_t outputs = node.output_size(), length = shape[*axis];
  SmallVector<int64_t> sizes;
  if (opset < 13 && findAttribute(node, "split")) {
    sizes = intsAttribute(node, "split", {});
  } else if (opset >= 13 && node.input_size() > 1 && !node.input(1).empty()) {
    const TensorData *split = constantInput(node, 1);
    if (!split || split->isFloat || split->shape.size() != 1)
      return emitError(currentLoc) << "split must be a constant 1-D INT64 tensor";
    sizes.assign(split->ints.begin(), split->ints.end());
  } else {
    // Equal parts; from opset 18 num_outputs says how many, the last part may be smaller.
    int64_t parts = outputs;
    if (opset >= 18) {
      if (!findAttribute(node, "num_outputs"))
        return emitError(currentLoc) << "expects 'num_outputs' or a 'split' input";
      parts = intAttribute(node, "num_outputs", 0);
      if (parts != outputs)
        return emitError(currentLoc) << "num_outputs is " << parts << " but the node has "
                                     << outputs << " outputs";
    }
    if (parts < 1)
      return emitError(currentLoc) << "expects at least one output";
    int64_t part = opset >= 18 ? (length + parts - 1) / parts : length / parts;
    if (opset < 18 && length % parts != 0)
      return emitError(currentLoc) << "cannot split axis " << *axis << " of size " << length
                                   << " into " << parts << " equal parts";
    for (int64_t i = 0; i < parts; ++i)
      sizes.push_back(std::min(part, length - i * part));
  }
  if (static_cast<int64_t>(sizes.size()) != outputs)
    return emitError(currentLoc) << "split has " << sizes.size() << " sizes for " << outputs
                                 << " outputs";
  int64_t total = 0;
  for (int64_t size : sizes) {
    if (size < 1 || size > length)
      return emitError(currentLoc) << "split size " << size << " is outside [1, " << length
                                   << "] (axis " << *axis << " has size " << length << ")";
    total += size; // at most outputs * length: no overflow
  }
  if (total != length)
    return emitError(currentLoc) << "split sizes sum to " << total << ", but axis " << *axis
                                 << " has size " << length;
  Type element = cast<ShapedType>(x.getType()).getElementType();
  int64_t offset = 0;
  for (int64_t index = 0; index < outputs; ++index) {
    SmallVector<int64_t> offsets(rank, 0), box(shape);
    offsets[*axis] = offset;
    box[*axis] = sizes[index];
    offset += sizes[index];
    if (node.output(static_cast<int>(index)).empty())
      continue;
    Location loc = index == 0 ? currentLoc
                              : Location(NameLoc::get(builder.getStringAttr(node.output(
                                                          static_cast<int>(index))),
                                                      currentLoc));
    auto slice = builder.create<nn::SliceOp>(loc, RankedTensorType::get(box, element), x,
                                             builder.getDenseI64ArrayAttr(offsets));
    if (failed(slice.verify()))
      return failure();
    define(node, static_cast<int>(index), slice.getResult());
  }
  return success();
}

LogicalResult GraphImporter::importBatchNorm(const onnx::NodeProto &node) {
  // is_test (before opset 7) and spatial (before opset 9) are the older spellings of
  // inference mode and of per-channel statistics.
  if (failed(opset < 7   ? checkAttributes(currentLoc, node, {"epsilon", "is_test", "momentum", "spatial"})
             : opset < 9 ? checkAttributes(currentLoc, node, {"epsilon", "momentum", "spatial"})
                         : checkAttributes(currentLoc, node, {"epsilon", "momentum", "training_mode"})) ||
      failed(onlyFirstOutputUsed(node)))
    return failure();
  if (intAttribute(node, "training_mode", 0) != 0)
    return emitError(currentLoc) << "training_mode = 1 is not supported (export in eval mode)";
  if (opset < 7 && intAttribute(node, "is_test", 0) == 0)
    return emitError(currentLoc) << "is_test = 0 (training mode) is not supported (export in "
                                 << "eval mode)";
  if (intAttribute(node, "spatial", 1) != 1)
    return emitError(currentLoc) << "spatial = 0 (statistics per element) is not supported";
  SmallVector<Value> operands;
  for (int index = 0; index < 5; ++index) {
    Value operand = input(node, index);
    if (!operand)
      return failure();
    operands.push_back(operand);
  }
  if (failed(requireOneSample(currentLoc, operands[0])))
    return failure();
  auto norm = builder.create<nn::BatchNormOp>(
      currentLoc, operands[0].getType(), operands[0], operands[1], operands[2], operands[3],
      operands[4], builder.getF32FloatAttr(floatAttribute(node, "epsilon", 1e-5f)));
  return defineVerified(node, norm);
}

LogicalResult GraphImporter::importLRN(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {"alpha", "beta", "bias", "size"})))
    return failure();
  Value x = input(node, 0);
  if (!x || failed(requireRank(currentLoc, x, 4, "LRN over NCHW")) ||
      failed(requireOneSample(currentLoc, x)))
    return failure();
  if (!findAttribute(node, "size"))
    return emitError(currentLoc) << "expects attribute 'size'";
  auto lrn = builder.create<nn::LRNOp>(
      currentLoc, x, builder.getI64IntegerAttr(intAttribute(node, "size", 1)),
      builder.getF32FloatAttr(floatAttribute(node, "alpha", 1e-4f)),
      builder.getF32FloatAttr(floatAttribute(node, "beta", 0.75f)),
      builder.getF32FloatAttr(floatAttribute(node, "bias", 1.0f)));
  return defineVerified(node, lrn);
}

LogicalResult GraphImporter::importSoftmax(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {"axis"})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  int64_t rank = rankOf(x);
  int64_t axis = intAttribute(node, "axis", opset < 13 ? 1 : -1);
  std::optional<int64_t> normalized = normalizeAxis(axis, rank);
  if (!normalized)
    return emitError(currentLoc) << "axis " << axis << " is out of range for rank " << rank;
  // Before opset 13 Softmax coerces the input to 2-D at `axis`: the same as a
  // softmax along one axis only when that axis is the last.
  if (opset < 13 && *normalized != rank - 1)
    return emitError(currentLoc) << "opset " << opset << " " << node.op_type() << " over axes " << *normalized
                                 << ".." << rank - 1 << " is not supported";
  if (node.op_type() == "LogSoftmax")
    return defineVerified(
        node, builder.create<nn::LogSoftmaxOp>(currentLoc, x, builder.getI64IntegerAttr(axis)));
  auto softmax = builder.create<nn::SoftmaxOp>(currentLoc, x, builder.getI64IntegerAttr(axis));
  return defineVerified(node, softmax);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult GraphImporter::importPool(const onnx::NodeProto &node) {
  bool isMax = node.op_type() == "MaxPool";
  if (failed(isMax ? checkAttributes(currentLoc, node,
                                     {"auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads",
                                      "storage_order", "strides"})
                   : checkAttributes(currentLoc, node,
                                     {"auto_pad", "ceil_mode", "count_include_pad", "kernel_shape",
                                      "pads", "strides"})) ||
      failed(onlyFirstOutputUsed(node)))
    return failure();
  if (intAttribute(node, "storage_order", 0) != 0)
    return emitError(currentLoc) << "storage_order = 1 is not supported";
  Value x = input(node, 0);
  if (!x || failed(requireRank(currentLoc, x, 4, "2-D pooling")) ||
      failed(requireOneSample(currentLoc, x)))
    return failure();
  if (!findAttribute(node, "kernel_shape"))
    return emitError(currentLoc) << "expects attribute 'kernel_shape'";
  SmallVector<int64_t> kernel = intsAttribute(node, "kernel_shape", {});
  SmallVector<int64_t> strides = intsAttribute(node, "strides", {1, 1});
  SmallVector<int64_t> dilations = intsAttribute(node, "dilations", {1, 1});
  auto pads = resolvePads(currentLoc, node, x, kernel, strides, dilations);
  if (failed(pads))
    return failure();
  SmallVector<NamedAttribute> attributes = {
      builder.getNamedAttr("kernel_shape", builder.getDenseI64ArrayAttr(kernel)),
      builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr(strides)),
      builder.getNamedAttr("pads", builder.getDenseI64ArrayAttr(*pads)),
      builder.getNamedAttr("ceil_mode", builder.getBoolAttr(intAttribute(node, "ceil_mode", 0)))};
  if (isMax) {
    attributes.push_back(
        builder.getNamedAttr("dilations", builder.getDenseI64ArrayAttr(dilations)));
    return defineInferred<nn::MaxPool2DOp>(node, x, attributes);
  }
  attributes.push_back(builder.getNamedAttr(
      "count_include_pad", builder.getBoolAttr(intAttribute(node, "count_include_pad", 0))));
  return defineInferred<nn::AvgPool2DOp>(node, x, attributes);
}

LogicalResult GraphImporter::importGlobalAveragePool(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {})))
    return failure();
  Value x = input(node, 0);
  if (!x || failed(requireRank(currentLoc, x, 4, "2-D global pooling")) ||
      failed(requireOneSample(currentLoc, x)))
    return failure();
  return defineInferred<nn::GlobalAvgPoolOp>(node, x, {});
}

//===----------------------------------------------------------------------===//
// Shape manipulation and constants
//===----------------------------------------------------------------------===//

LogicalResult GraphImporter::importPassThrough(const onnx::NodeProto &node) {
  // Dropout is the identity at inference; its ratio/training_mode inputs do not matter
  // unless training_mode is a constant true.
  bool dropout = node.op_type() == "Dropout";
  if (failed(!dropout     ? checkAttributes(currentLoc, node, {})
             : opset < 7 ? checkAttributes(currentLoc, node, {"is_test", "ratio"})
                         : checkAttributes(currentLoc, node, {"seed", "ratio"})) ||
      failed(onlyFirstOutputUsed(node)))
    return failure();
  if (dropout && opset < 7 && intAttribute(node, "is_test", 0) == 0)
    return emitError(currentLoc) << "is_test = 0 (training mode) is not supported (export in "
                                 << "eval mode)";
  if (const TensorData *training = constantInput(node, 2);
      training && !training->isFloat && !training->ints.empty() && training->ints[0] != 0)
    return emitError(currentLoc) << "training_mode = true is not supported";
  Value x = input(node, 0);
  if (!x)
    return failure();
  define(node, 0, x);
  return success();
}

LogicalResult GraphImporter::importFlatten(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {"axis"})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  return defineInferred<nn::FlattenOp>(
      node, x,
      {builder.getNamedAttr("axis", builder.getI64IntegerAttr(intAttribute(node, "axis", 1)))});
}

LogicalResult GraphImporter::importReshape(const onnx::NodeProto &node) {
  // Before opset 5 the target shape is an attribute.
  bool legacy = opset < 5;
  if (failed(legacy ? checkAttributes(currentLoc, node, {"shape"})
                    : checkAttributes(currentLoc, node, {"allowzero"})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  TensorData shapeAttribute;
  if (legacy) {
    if (!findAttribute(node, "shape"))
      return emitError(currentLoc) << "expects attribute 'shape'";
    shapeAttribute.ints.assign(findAttribute(node, "shape")->ints().begin(),
                               findAttribute(node, "shape")->ints().end());
    shapeAttribute.shape = {static_cast<int64_t>(shapeAttribute.ints.size())};
  }
  const TensorData *shapeData = legacy ? &shapeAttribute : constantInput(node, 1);
  if (!shapeData || shapeData->isFloat || shapeData->shape.size() != 1)
    return emitError(currentLoc) << "the target shape must be a constant 1-D INT64 tensor";
  bool allowZero = intAttribute(node, "allowzero", 0) != 0;
  ArrayRef<int64_t> inputShape = shapeOf(x);
  SmallVector<int64_t, 4> shape;
  int inferredAxis = -1;
  for (auto [index, dim] : llvm::enumerate(shapeData->ints)) {
    if (dim == 0 && !allowZero) {
      if (index >= inputShape.size())
        return emitError(currentLoc) << "target dim " << index << " copies a missing input dim";
      shape.push_back(inputShape[index]);
    } else if (dim == -1) {
      if (inferredAxis >= 0)
        return emitError(currentLoc) << "the target shape has more than one -1";
      inferredAxis = static_cast<int>(index);
      shape.push_back(1);
    } else if (dim < 1) {
      return emitError(currentLoc)
             << "target dim " << index << " is " << dim << " (empty tensors are not supported)";
    } else {
      shape.push_back(dim);
    }
  }
  std::optional<int64_t> total = numElements(inputShape), known = numElements(shape);
  if (!total || !known)
    return emitError(currentLoc) << "element count overflows";
  if (inferredAxis >= 0) {
    if (*known == 0 || *total % *known != 0)
      return emitError(currentLoc) << "cannot infer the -1 dim of the target shape";
    shape[inferredAxis] = *total / *known;
  }
  auto type = RankedTensorType::get(shape, cast<ShapedType>(x.getType()).getElementType());
  auto reshape = builder.create<nn::ReshapeOp>(currentLoc, type, x);
  return defineVerified(node, reshape);
}

/// The axes of Squeeze, Unsqueeze or ReduceMean: an attribute before `inputOpset`, a
/// constant second input from it on; normalized against `rank`, sorted, no repeats.
static FailureOr<SmallVector<int64_t>> axesOf(Location loc, const onnx::NodeProto &node,
                                              int64_t opset, int64_t inputOpset, int64_t rank,
                                              const TensorData *axesInput) {
  SmallVector<int64_t> axes;
  if (opset < inputOpset) {
    if (const onnx::AttributeProto *attribute = findAttribute(node, "axes"))
      axes.assign(attribute->ints().begin(), attribute->ints().end());
  } else if (node.input_size() > 1 && !node.input(1).empty()) {
    if (!axesInput || axesInput->isFloat || axesInput->shape.size() > 1)
      return emitError(loc) << "axes must be a constant 1-D INT64 tensor";
    axes.assign(axesInput->ints.begin(), axesInput->ints.end());
  }
  for (int64_t &axis : axes) {
    if (axis < -rank || axis >= rank)
      return emitError(loc) << "axis " << axis << " is outside [" << -rank << ", " << rank << ")";
    if (axis < 0)
      axis += rank;
  }
  llvm::sort(axes);
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    return emitError(loc) << "axes repeat an axis";
  return axes;
}

LogicalResult GraphImporter::importSqueeze(const onnx::NodeProto &node) {
  // Both only move unit dimensions: a reshape (row-major order unchanged).
  const bool squeeze = node.op_type() == "Squeeze";
  if (failed(opset < 13 ? checkAttributes(currentLoc, node, {"axes"})
                        : checkAttributes(currentLoc, node, {})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  ArrayRef<int64_t> inShape = shapeOf(x);
  const int64_t inRank = static_cast<int64_t>(inShape.size());
  // Unsqueeze's axes index the output: its rank is the input's plus the number of axes.
  int64_t added = 0;
  if (!squeeze) {
    if (opset < 13)
      added = findAttribute(node, "axes") ? findAttribute(node, "axes")->ints_size() : 0;
    else if (const TensorData *axesInput = constantInput(node, 1))
      added = static_cast<int64_t>(axesInput->ints.size());
  }
  FailureOr<SmallVector<int64_t>> axes =
      axesOf(currentLoc, node, opset, 13, inRank + added, constantInput(node, 1));
  if (failed(axes))
    return failure();
  SmallVector<int64_t> shape;
  if (squeeze) {
    for (auto [index, dim] : llvm::enumerate(inShape)) {
      bool listed = llvm::is_contained(*axes, static_cast<int64_t>(index));
      if (listed && dim != 1)
        return emitError(currentLoc) << "cannot squeeze axis " << index << " of size " << dim;
      if (!(listed || (axes->empty() && dim == 1)))
        shape.push_back(dim);
    }
  } else {
    if (axes->empty())
      return emitError(currentLoc) << "expects axes";
    size_t next = 0;
    for (int64_t axis = 0; axis < inRank + added; ++axis)
      shape.push_back(llvm::is_contained(*axes, axis) ? 1 : inShape[next++]);
  }
  auto type = RankedTensorType::get(shape, cast<ShapedType>(x.getType()).getElementType());
  return defineVerified(node, builder.create<nn::ReshapeOp>(currentLoc, type, x));
}

LogicalResult GraphImporter::importReduceMean(const onnx::NodeProto &node) {
  // x.mean([2, 3]) of a feature map: the global average pool (keepdims = 0 then drops the
  // two unit dimensions). Other reductions are not supported.
  if (failed(opset < 18 ? checkAttributes(currentLoc, node, {"axes", "keepdims"})
                        : checkAttributes(currentLoc, node, {"keepdims", "noop_with_empty_axes"})))
    return failure();
  Value x = input(node, 0);
  if (!x)
    return failure();
  FailureOr<SmallVector<int64_t>> axes =
      axesOf(currentLoc, node, opset, 18, rankOf(x), constantInput(node, 1));
  if (failed(axes))
    return failure();
  if (rankOf(x) != 4 || *axes != SmallVector<int64_t>{2, 3})
    return emitError(currentLoc) << "only the mean over H and W of an NCHW feature map (axes "
                                    "[2, 3], the global average pool) is supported";
  if (failed(requireOneSample(currentLoc, x)))
    return failure();
  ArrayRef<int64_t> inShape = shapeOf(x);
  Type element = cast<ShapedType>(x.getType()).getElementType();
  auto pooled = builder.create<nn::GlobalAvgPoolOp>(
      currentLoc, RankedTensorType::get({inShape[0], inShape[1], 1, 1}, element), x);
  if (intAttribute(node, "keepdims", 1) != 0)
    return defineVerified(node, pooled);
  return defineVerified(node, builder.create<nn::ReshapeOp>(
                                  currentLoc, RankedTensorType::get({inShape[0], inShape[1]}, element),
                                  pooled.getResult()));
}

LogicalResult GraphImporter::importTranspose(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {"perm"})))
    return failure();
  const TensorData *constant = constantInput(node, 0);
  if (constant && !constant->isFloat)
    constant = nullptr;
  Value x = constant ? Value() : input(node, 0);
  if (!constant && !x)
    return failure();
  int64_t rank = constant ? static_cast<int64_t>(constant->shape.size()) : rankOf(x);
  SmallVector<int64_t> perm;
  for (int64_t axis = rank; axis-- > 0;)
    perm.push_back(axis); // the default reverses the dimensions
  perm = intsAttribute(node, "perm", perm);
  if (!constant)
    return defineInferred<nn::TransposeOp>(
        node, x, {builder.getNamedAttr("perm", builder.getDenseI64ArrayAttr(perm))});
  // A transposed weight (PyTorch's Linear without bias) stays a constant.
  if (!isPermutation(perm, rank))
    return emitError(currentLoc) << "perm is not a permutation of the " << rank << " dimensions";
  TensorData result;
  result.isFloat = true;
  for (int64_t axis : perm)
    result.shape.push_back(constant->shape[axis]);
  std::vector<int64_t> sources = transposeSources(constant->shape, perm);
  result.floats.reserve(sources.size());
  for (int64_t source : sources)
    result.floats.push_back(constant->floats[source]);
  constants[node.output(0)] = std::move(result);
  return success();
}

LogicalResult GraphImporter::importPad(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node,
                             opset < 2    ? std::initializer_list<StringRef>{"mode", "paddings", "value"}
                             : opset < 11 ? std::initializer_list<StringRef>{"mode", "pads", "value"}
                                          : std::initializer_list<StringRef>{"mode"})))
    return failure();
  std::string mode = stringAttribute(node, "mode", "constant");
  if (!parsePadMode(mode))
    return emitError(currentLoc) << "mode '" << mode
                                 << "' is not supported (constant, reflect, edge)";
  Value x = input(node, 0);
  if (!x)
    return failure();
  int64_t rank = rankOf(x);
  SmallVector<int64_t> pads;
  float value = 0.0f;
  if (opset < 11) {
    pads = intsAttribute(node, opset < 2 ? "paddings" : "pads", {});
    value = floatAttribute(node, "value", 0.0f);
  } else {
    const TensorData *padsData = constantInput(node, 1);
    if (!padsData || padsData->isFloat)
      return emitError(currentLoc) << "pads must be a constant INT64 tensor";
    pads.assign(padsData->ints.begin(), padsData->ints.end());
    if (node.input_size() > 2 && !node.input(2).empty()) {
      std::optional<float> constant = scalarValue(constantInput(node, 2));
      if (!constant)
        return emitError(currentLoc) << "constant_value must be a constant FLOAT scalar";
      value = *constant;
    }
    if (node.input_size() > 3 && !node.input(3).empty()) {
      // opset 18 axes: pads name only these axes.
      const TensorData *axesData = constantInput(node, 3);
      if (!axesData || axesData->isFloat || pads.size() != 2 * axesData->ints.size())
        return emitError(currentLoc) << "axes must be a constant INT64 tensor matching pads";
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [index, axis] : llvm::enumerate(axesData->ints)) {
        std::optional<int64_t> normalized = normalizeAxis(axis, rank);
        if (!normalized)
          return emitError(currentLoc) << "axis " << axis << " is out of range";
        full[*normalized] = pads[index];
        full[*normalized + rank] = pads[index + axesData->ints.size()];
      }
      pads = full;
    }
  }
  return defineInferred<nn::PadOp>(
      node, x,
      {builder.getNamedAttr("pads", builder.getDenseI64ArrayAttr(pads)),
       builder.getNamedAttr("value", builder.getF32FloatAttr(value)),
       builder.getNamedAttr("mode", builder.getStringAttr(mode))});
}

LogicalResult GraphImporter::importConcat(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node, {"axis"})))
    return failure();
  if (!findAttribute(node, "axis") && opset >= 4) // before opset 4 it defaults to 1
    return emitError(currentLoc) << "expects attribute 'axis'";
  SmallVector<Value> operands;
  for (int index = 0; index < node.input_size(); ++index) {
    Value operand = input(node, index);
    if (!operand)
      return failure();
    operands.push_back(operand);
  }
  return defineInferred<nn::ConcatOp>(
      node, operands,
      {builder.getNamedAttr("axis", builder.getI64IntegerAttr(intAttribute(node, "axis", 1)))});
}

LogicalResult GraphImporter::importConstant(const onnx::NodeProto &node) {
  if (failed(checkAttributes(currentLoc, node,
                             {"value", "value_float", "value_floats", "value_int", "value_ints"})))
    return failure();
  if (node.attribute_size() != 1)
    return emitError(currentLoc) << "expects exactly one value attribute";
  const onnx::AttributeProto &attribute = node.attribute(0);
  TensorData data;
  if (attribute.name() == "value") {
    std::string error;
    if (!decodeTensor(attribute.t(), modelDirectory, data, error))
      return emitError(currentLoc) << error;
    if (size_t nan = data.countNaN(), inf = data.countInf(); nan + inf > 0)
      emitWarning(currentLoc) << "the constant holds " << nan << " NaN and " << inf
                              << " infinite value(s) of " << data.size()
                              << "; results that use it may be NaN";
  } else if (attribute.name() == "value_float") {
    data.isFloat = true;
    data.floats = {attribute.f()};
  } else if (attribute.name() == "value_floats") {
    data.isFloat = true;
    data.shape = {attribute.floats_size()};
    data.floats.assign(attribute.floats().begin(), attribute.floats().end());
  } else if (attribute.name() == "value_int") {
    data.ints = {attribute.i()};
  } else {
    data.shape = {attribute.ints_size()};
    data.ints.assign(attribute.ints().begin(), attribute.ints().end());
  }
  constants[node.output(0)] = std::move(data);
  return success();
}

//===----------------------------------------------------------------------===//
// Supported-operator table
//===----------------------------------------------------------------------===//

ArrayRef<SupportedOp> supportedOps() {
  static const SupportedOp table[] = {
      {"Add", "nn.add", "numpy broadcasting"},
      {"AveragePool", "nn.avg_pool2d", "2-D; auto_pad, ceil_mode, count_include_pad"},
      {"BatchNormalization", "nn.batch_norm",
       "inference (training_mode = 0); folded into conv/dense"},
      {"Clip", "nn.clip", "min/max attributes (opset < 11) or constant inputs"},
      {"Concat", "nn.concat", ""},
      {"Constant", "(constant)", "value, value_float(s), value_int(s)"},
      {"Conv", "nn.conv2d", "2-D; group, pads, strides, dilations, auto_pad"},
      {"Div", "nn.mul", "by a constant (a product by its reciprocal); numpy broadcasting"},
      {"Dropout", "(removed)", "inference identity; mask output must be unused"},
      {"Flatten", "nn.flatten", "axis in [-rank, rank]"},
      {"Gemm", "nn.dense",
       "alpha, beta, transA (a transpose), transB; constant B unless transB = 1, alpha = 1"},
      {"GlobalAveragePool", "nn.global_avg_pool", "2-D"},
      {"HardSigmoid", "nn.mul+add+clip", "clip(alpha * x + beta, 0, 1)"},
      {"HardSwish", "nn.mul+add+clip+mul", "x * clip(x / 6 + 1/2, 0, 1)"},
      {"Identity", "(removed)", ""},
      {"If", "(exit)", "early-exit encoding: then = exit logits, else = rest of the network"},
      {"LRN", "nn.lrn", "across channels"},
      {"LeakyRelu", "nn.leaky_relu", ""},
      {"LogSoftmax", "nn.log_softmax", "opset < 13 only along the last axis; dropped at the end of an exit"},
      {"MatMul", "nn.dense", "2-D with a constant right operand (+ Add folds into the bias)"},
      {"MaxPool", "nn.max_pool2d", "2-D; auto_pad, ceil_mode, dilations; Indices output unused"},
      {"Mul", "nn.mul", "numpy broadcasting; two feature maps or a constant"},
      {"Pad", "nn.pad", "constant, reflect and edge modes; pads/constant_value/axes constant"},
      {"ReduceMean", "nn.global_avg_pool", "over H and W of NCHW (axes [2, 3]); keepdims 0 adds a reshape"},
      {"Relu", "nn.relu", ""},
      {"Reshape", "nn.reshape", "constant shape (0 and -1 resolved)"},
      {"Sigmoid", "nn.sigmoid", "a 1024-entry table in fixed point"},
      {"Softmax", "nn.softmax", "opset < 13 only along the last axis"},
      {"Split", "nn.slice", "one slice per output; split sizes constant (input from opset 13)"},
      {"Squeeze", "nn.reshape", "constant axes (attribute before opset 13, input from 13)"},
      {"Sub", "nn.sub", "numpy broadcasting"},
      {"Tanh", "nn.tanh", "a 1024-entry table in fixed point"},
      {"Transpose", "nn.transpose", "any rank; perm (default: reversed)"},
      {"Unsqueeze", "nn.reshape", "constant axes (attribute before opset 13, input from 13)"},
  };
  return table;
}

} // namespace eecc::onnx_frontend
