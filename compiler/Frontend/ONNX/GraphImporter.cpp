// Graph-level import: initializers, inputs, live nodes in order, outputs.
#include "GraphImporter.h"

#include "dialects/nn/ShapeUtils.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;

namespace eecc::onnx_frontend {

namespace {

/// Static shape of a value_info, if it has one.
std::optional<SmallVector<int64_t, 4>> staticShape(const onnx::ValueInfoProto &info) {
  if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
    return std::nullopt;
  SmallVector<int64_t, 4> shape;
  for (const auto &dim : info.type().tensor_type().shape().dim()) {
    if (!dim.has_dim_value())
      return std::nullopt;
    shape.push_back(dim.dim_value());
  }
  return shape;
}

} // namespace

std::string shapeText(ArrayRef<int64_t> shape) {
  std::string text = "[";
  for (auto [index, dim] : llvm::enumerate(shape))
    text += (index ? ", " : "") + std::to_string(dim);
  return text + "]";
}

Location GraphImporter::graphLocation() {
  return FileLineColLoc::get(&context, path, 0, 0);
}

Location GraphImporter::nodeLocation(const onnx::NodeProto &node, int index) {
  std::string name = node.name().empty() ? node.op_type() + "#" + std::to_string(index)
                                         : node.name();
  return NameLoc::get(StringAttr::get(&context, name), graphLocation());
}

LogicalResult GraphImporter::collectInitializers(const onnx::GraphProto &graph) {
  for (const auto &initializer : graph.initializer()) {
    TensorData data;
    std::string error;
    if (!decodeTensor(initializer, modelDirectory, data, error))
      return emitError(graphLocation()) << "initializer: " << error;
    if (size_t nan = data.countNaN(), inf = data.countInf(); nan + inf > 0)
      emitWarning(graphLocation()) << "initializer '" << initializer.name() << "' holds " << nan
                                   << " NaN and " << inf << " infinite value(s) of "
                                   << data.size() << "; results that use it may be NaN";
    constants[initializer.name()] = std::move(data);
  }
  if (graph.sparse_initializer_size() > 0)
    return emitError(graphLocation()) << "sparse initializers are not supported";
  return success();
}

LogicalResult GraphImporter::declareInputs(const onnx::GraphProto &graph,
                                           SmallVectorImpl<Type> &types,
                                           SmallVectorImpl<std::string> &names) {
  for (const auto &input : graph.input()) {
    if (constants.count(input.name()))
      continue; // an initializer listed as input (older exporters)
    Location loc = graphLocation();
    const auto &type = input.type();
    if (!type.has_tensor_type() || type.tensor_type().elem_type() != onnx::TensorProto_DataType_FLOAT)
      return emitError(loc) << "input '" << input.name() << "' must be a FLOAT tensor, got "
                            << (type.has_tensor_type()
                                    ? elementTypeName(type.tensor_type().elem_type())
                                    : std::string("a non-tensor type"));
    if (!type.tensor_type().has_shape())
      return emitError(loc) << "input '" << input.name() << "' has no shape";
    SmallVector<int64_t, 4> shape;
    for (auto [index, dim] : llvm::enumerate(type.tensor_type().shape().dim())) {
      if (dim.has_dim_value() && dim.dim_value() > 0) {
        shape.push_back(dim.dim_value());
        continue;
      }
      if (index == 0) {
        // A symbolic (or absent) batch dimension: eecc compiles for one sample at a time.
        emitRemark(loc) << "batch dimension '" << (dim.has_dim_param() ? dim.dim_param() : "?")
                        << "' of input '" << input.name() << "' is imported as 1";
        shape.push_back(1);
        continue;
      }
      if (dim.has_dim_value())
        return emitError(loc) << "input '" << input.name() << "' has dimension " << index
                              << " of size " << dim.dim_value() << " (sizes must be positive)";
      return emitError(loc) << "input '" << input.name() << "' has a dynamic dimension "
                            << index << " ('" << dim.dim_param()
                            << "'); only the batch dimension may be dynamic";
    }
    std::optional<int64_t> count = numElements(shape);
    if (!count || *count >= (int64_t{1} << 31))
      return emitError(loc) << "input '" << input.name()
                            << "' has too many elements (the limit is 2^31 - 1, the layers' "
                               "int sizes)";
    types.push_back(RankedTensorType::get(shape, builder.getF32Type()));
    names.push_back(input.name());
  }
  return success();
}

func::FuncOp GraphImporter::importGraph(const onnx::GraphProto &graph, StringRef name,
                                        ModuleOp module) {
  if (failed(collectInitializers(graph)))
    return {};
  SmallVector<Type> inputTypes;
  SmallVector<std::string> inputNames;
  if (failed(declareInputs(graph, inputTypes, inputNames)))
    return {};
  for (const auto &info : graph.value_info())
    if (auto shape = staticShape(info))
      inferredShapes[info.name()] = *shape;
  for (const auto &info : graph.output())
    if (auto shape = staticShape(info))
      inferredShapes[info.name()] = *shape;

  // Only nodes that some graph output depends on are imported (dead decision
  // logic of If-encoded exits, unused Dropout masks, ...).
  llvm::StringMap<int> producer;
  for (auto [index, node] : llvm::enumerate(graph.node()))
    for (const auto &output : node.output())
      producer[output] = static_cast<int>(index);
  std::vector<bool> live(graph.node_size(), false);
  SmallVector<std::string> worklist;
  for (const auto &output : graph.output())
    worklist.push_back(output.name());
  while (!worklist.empty()) {
    std::string value = worklist.pop_back_val();
    auto found = producer.find(value);
    if (found == producer.end() || live[found->second])
      continue;
    live[found->second] = true;
    for (const auto &input : graph.node(found->second).input())
      if (!input.empty())
        worklist.push_back(input);
  }
  for (auto [index, node] : llvm::enumerate(graph.node()))
    if (live[index])
      for (const auto &input : node.input())
        consumersOf[input] = &node;
  for (const auto &output : graph.output())
    consumersOf.try_emplace(output.name(), nullptr);

  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  auto function = builder.create<func::FuncOp>(graphLocation(), name,
                                               builder.getFunctionType(inputTypes, {}));
  Block *body = function.addEntryBlock();
  for (auto [argument, inputName] : llvm::zip(body->getArguments(), inputNames))
    values[inputName] = argument;
  builder.setInsertionPointToEnd(body);

  for (auto [index, node] : llvm::enumerate(graph.node())) {
    if (!live[index])
      continue;
    currentLoc = nodeLocation(node, static_cast<int>(index));
    // Everything reported while importing the node is prefixed with its identity.
    SmallVector<std::string> errors;
    LogicalResult result = success();
    {
      ScopedDiagnosticHandler capture(&context, [&](Diagnostic &diagnostic) {
        if (diagnostic.getSeverity() != DiagnosticSeverity::Error)
          return failure(); // remarks and warnings pass through
        errors.push_back(diagnostic.str());
        return success();
      });
      result = importNode(node);
    }
    std::string nodeName = cast<NameLoc>(currentLoc).getName().str();
    for (const std::string &error : errors)
      emitError(currentLoc) << "node '" << nodeName << "' (" << node.op_type() << "): " << error;
    if (failed(result)) {
      if (errors.empty())
        emitError(currentLoc) << "node '" << nodeName << "' (" << node.op_type()
                              << "): cannot be imported";
      function.erase();
      return {};
    }
  }

  SmallVector<Value> results;
  for (const auto &output : graph.output()) {
    auto found = values.find(output.name());
    if (found == values.end()) {
      emitError(graphLocation()) << "output '" << output.name()
                                 << "' is not a float tensor computed by the graph";
      function.erase();
      return {};
    }
    Value result = found->second;
    if (isa<BlockArgument>(result)) {
      // The graph passes an input straight through (Identity, Dropout): the design
      // still computes the output, as a copy (a reshape to the same shape).
      emitWarning(graphLocation()) << "output '" << output.name()
                                   << "' is a graph input passed through: the design copies it";
      result = builder.create<nn::ReshapeOp>(NameLoc::get(builder.getStringAttr(output.name()),
                                                          graphLocation()),
                                             result.getType(), result);
    }
    results.push_back(result);
  }
  builder.create<func::ReturnOp>(graphLocation(), results);
  function.setFunctionType(builder.getFunctionType(inputTypes, ValueRange(results).getTypes()));
  return function;
}

LogicalResult GraphImporter::checkInferredShape(const onnx::NodeProto &node, StringRef name,
                                                Value value) {
  auto found = inferredShapes.find(name);
  if (found == inferredShapes.end())
    return success();
  ArrayRef<int64_t> actual = cast<ShapedType>(value.getType()).getShape();
  if (ArrayRef<int64_t>(found->second) == actual)
    return success();
  return emitError(currentLoc) << "output '" << name << "' has shape " << shapeText(actual)
                               << " but ONNX shape inference says "
                               << shapeText(found->second);
}

void GraphImporter::define(const onnx::NodeProto &node, int index, Value value) {
  values[node.output(index)] = value;
}

Value GraphImporter::materialize(StringRef name, const TensorData &data, bool isGraphValue) {
  auto type = RankedTensorType::get(data.shape, builder.getF32Type());
  auto raw = ArrayRef<char>(reinterpret_cast<const char *>(data.floats.data()),
                            data.floats.size() * sizeof(float));
  auto attr = DenseElementsAttr::getFromRawBuffer(type, raw);
  // Weights are hoisted to the function entry so every user is dominated.
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(builder.getInsertionBlock());
  Value constant = builder.create<arith::ConstantOp>(NameLoc::get(builder.getStringAttr(name),
                                                                  graphLocation()),
                                                     type, attr);
  if (isGraphValue)
    values[name] = constant;
  return constant;
}

Value GraphImporter::optionalInput(const onnx::NodeProto &node, int index) {
  if (index >= node.input_size() || node.input(index).empty())
    return {};
  const std::string &name = node.input(index);
  auto found = values.find(name);
  if (found != values.end())
    return found->second;
  auto constant = constants.find(name);
  if (constant != constants.end()) {
    if (!constant->second.isFloat) {
      emitError(currentLoc) << "input '" << name << "' is an INT64 tensor where a FLOAT "
                            << "tensor is expected";
      return {};
    }
    return materialize(name, constant->second, /*isGraphValue=*/true);
  }
  emitError(currentLoc) << "input '" << name << "' is not a FLOAT tensor eecc can compute";
  return {};
}

Value GraphImporter::input(const onnx::NodeProto &node, int index) {
  if (index >= node.input_size() || node.input(index).empty()) {
    emitError(currentLoc) << "expects input " << index;
    return {};
  }
  return optionalInput(node, index);
}

const TensorData *GraphImporter::constantInput(const onnx::NodeProto &node, int index) {
  if (index >= node.input_size() || node.input(index).empty())
    return nullptr;
  auto found = constants.find(node.input(index));
  return found == constants.end() ? nullptr : &found->second;
}

LogicalResult GraphImporter::onlyFirstOutputUsed(const onnx::NodeProto &node) {
  for (int index = 1; index < node.output_size(); ++index)
    if (!node.output(index).empty() && consumersOf.count(node.output(index)))
      return emitError(currentLoc) << "output " << index << " ('" << node.output(index)
                                   << "') is used, but eecc computes only output 0";
  return success();
}

} // namespace eecc::onnx_frontend
