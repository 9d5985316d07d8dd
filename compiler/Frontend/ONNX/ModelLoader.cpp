// Loading ONNX files: protobuf parse under explicit limits, checker, shape inference.
#include "compiler/Frontend/ONNX/ModelLoader.h"
#include "ModelProtoLoading.h"
#include "compiler/Frontend/ONNX/Importer.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <exception>
#include <map>
#include <set>

namespace eecc::onnx_frontend {

namespace {

llvm::Error loadError(llvm::StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (path + ": " + message).str());
}

} // namespace

namespace {
struct GraphSize {
  uint64_t nodes = 0;
  uint64_t initializerElements = 0; // saturates at 2^62
};

/// Counts nodes and initializer elements of a graph and its subgraphs (the declared
/// dims: external data is not read yet). Nesting is bounded by the parse's depth limit.
void measureGraph(const onnx::GraphProto &graph, GraphSize &size) {
  constexpr uint64_t kSaturated = uint64_t{1} << 62;
  size.nodes += static_cast<uint64_t>(graph.node_size());
  for (const auto &tensor : graph.initializer()) {
    uint64_t count = 1;
    for (int64_t dim : tensor.dims()) {
      uint64_t extent = dim > 0 ? static_cast<uint64_t>(dim) : 0;
      count = extent && count > kSaturated / extent ? kSaturated : count * extent;
    }
    size.initializerElements = std::min(kSaturated, size.initializerElements + count);
  }
  for (const auto &node : graph.node())
    for (const auto &attribute : node.attribute()) {
      if (attribute.has_g())
        measureGraph(attribute.g(), size);
      for (const auto &subgraph : attribute.graphs())
        measureGraph(subgraph, size);
    }
}
} // namespace

llvm::Error parseModelProto(const llvm::MemoryBuffer &buffer, llvm::StringRef path,
                            const LoadLimits &limits, onnx::ModelProto &model) {
  uint64_t size = buffer.getBufferSize();
  if (size > limits.maxFileBytes)
    return loadError(path, "file of " + llvm::Twine(size) + " bytes exceeds the limit of " +
                               llvm::Twine(limits.maxFileBytes) + " bytes");
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(buffer.getBufferStart()), static_cast<int>(size));
  stream.SetTotalBytesLimit(static_cast<int>(limits.maxFileBytes));
  stream.SetRecursionLimit(limits.maxRecursionDepth);
  if (!model.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage())
    return loadError(path, "not a valid ONNX protobuf (truncated, corrupt, or nested deeper "
                           "than " + llvm::Twine(limits.maxRecursionDepth) + " levels)");
  if (!model.has_graph())
    return loadError(path, "the model has no graph");
  GraphSize total;
  measureGraph(model.graph(), total);
  if (total.nodes > limits.maxNodes)
    return loadError(path, llvm::Twine(total.nodes) + " nodes (with subgraphs) exceed the limit of " +
                               llvm::Twine(limits.maxNodes) + " nodes");
  if (total.initializerElements > limits.maxInitializerElements)
    return loadError(path, "initializers of " + llvm::Twine(total.initializerElements) +
                               " elements or more exceed the limit of " +
                               llvm::Twine(limits.maxInitializerElements) + " elements");
  return llvm::Error::success();
}

namespace {
/// The checker looks for external data relative to the working directory; eecc
/// reads (and vets) external data itself, so the checker sees zeros in its place.
bool replaceExternalData(onnx::GraphProto &graph) {
  bool replaced = false;
  for (auto &tensor : *graph.mutable_initializer()) {
    if (tensor.data_location() != onnx::TensorProto_DataLocation_EXTERNAL)
      continue;
    uint64_t count = 1;
    for (int64_t dim : tensor.dims())
      count = dim > 0 && count < (uint64_t{1} << 31) ? count * static_cast<uint64_t>(dim) : 0;
    size_t bytes = tensor.data_type() == onnx::TensorProto_DataType_INT64 ||
                           tensor.data_type() == onnx::TensorProto_DataType_DOUBLE
                       ? 8
                       : 4;
    // eecc has read (and size-checked) this tensor already, so this stays bounded.
    tensor.clear_external_data();
    tensor.set_data_location(onnx::TensorProto_DataLocation_DEFAULT);
    tensor.set_raw_data(std::string(std::min<uint64_t>(count, uint64_t{1} << 31) * bytes, '\0'));
    replaced = true;
  }
  return replaced;
}
} // namespace

/// libonnx 1.12's shape inference divides by strides and indexes kernels by the input
/// rank without checking them (SIGFPE/SIGSEGV, which no catch can stop): check the
/// window attributes of every Conv and pooling node first, in every (sub)graph.
llvm::Error checkWindowAttributes(const onnx::GraphProto &graph, llvm::StringRef path) {
  static const std::set<std::string> windowed = {"Conv", "ConvTranspose", "ConvInteger",
                                                 "QLinearConv", "MaxPool", "AveragePool",
                                                 "LpPool", "MaxUnpool"};
  std::map<std::string, int> initializerRank;
  for (const auto &initializer : graph.initializer())
    initializerRank[initializer.name()] = initializer.dims_size();
  for (const auto &node : graph.node()) {
    for (const auto &attribute : node.attribute())
      if (attribute.has_g())
        if (llvm::Error error = checkWindowAttributes(attribute.g(), path))
          return error;
    if (!windowed.count(node.op_type()))
      continue;
    std::string where = "node '" + node.name() + "' (" + node.op_type() + "): ";
    for (const auto &attribute : node.attribute()) {
      const std::string &name = attribute.name();
      int64_t minimum = name == "pads" ? 0 : 1;
      if (name != "strides" && name != "dilations" && name != "kernel_shape" && name != "pads")
        continue;
      if (attribute.type() != onnx::AttributeProto_AttributeType_INTS)
        return loadError(path, where + "'" + name + "' must be a list of integers (INTS), not " +
                                   onnx::AttributeProto_AttributeType_Name(attribute.type()));
      if (name != "pads" && attribute.ints_size() != 2)
        return loadError(path, where + "'" + name + "' must have 2 values (eecc supports 2-D " +
                                   "windows)");
      if (name == "pads" && attribute.ints_size() != 4)
        return loadError(path, where + "'pads' must have 4 values (eecc supports 2-D windows)");
      for (int64_t value : attribute.ints())
        if (value < minimum || value > (int64_t{1} << 30))
          return loadError(path, where + "'" + name + "' value " + std::to_string(value) +
                                     " is out of range");
    }
    if (node.op_type() == "Conv" && node.input_size() > 1) {
      auto found = initializerRank.find(node.input(1));
      if (found != initializerRank.end() && found->second != 4)
        return loadError(path, where + "the weight has rank " + std::to_string(found->second) +
                                   "; eecc supports 2-D convolution (rank-4 weights)");
    }
  }
  return llvm::Error::success();
}

namespace {

/// Operators eecc imports, and those the If-encoded exit patterns use (lowered away
/// before import). Anything else is refused before libonnx's shape inference, some of
/// whose functions crash on malformed nodes of operators eecc never uses.
bool knownOperator(const std::string &type) {
  static const std::set<std::string> patternOps = {
      "Cast", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "Log", "Mul", "Neg",
      "ReduceMax", "ReduceSum", "Squeeze", "Unsqueeze", "If"};
  if (patternOps.count(type))
    return true;
  for (const SupportedOp &op : supportedOps())
    if (type == op.opType)
      return true;
  return false;
}

/// A node's name for errors; an unnamed node by its first output.
std::string nodeName(const onnx::NodeProto &node) {
  if (!node.name().empty() || node.output_size() == 0 || node.output(0).empty())
    return "'" + node.name() + "'";
  return "(unnamed, output '" + node.output(0) + "')";
}

std::string nodeWhere(const onnx::NodeProto &node) {
  return "node " + nodeName(node) + " (" + node.op_type() + "): ";
}

/// Ranks of the values of `graph` as far as they follow from the inputs, initializers,
/// Constant nodes and the rank rules of the supported operators; Conv and pooling
/// nodes must see 4-D inputs (and Conv 4-D weights) where a rank is known, since
/// libonnx indexes their windows by rank unchecked. Recurses into subgraphs with the
/// outer scope's ranks.
llvm::Error checkRanks(const onnx::GraphProto &graph, std::map<std::string, int> ranks,
                       llvm::StringRef path) {
  for (const auto &input : graph.input())
    if (input.type().tensor_type().has_shape())
      ranks[input.name()] = input.type().tensor_type().shape().dim_size();
  for (const auto &initializer : graph.initializer())
    ranks[initializer.name()] = initializer.dims_size();
  // A graph output or value_info that names an input or initializer must declare its
  // rank: libonnx's shape inference would take the declaration over the value itself
  // (found by the fuzzer: a Conv then indexed a rank-3 shape with a rank-4 kernel).
  auto checkDeclared = [&](const onnx::ValueInfoProto &info, const char *what) -> llvm::Error {
    auto known = ranks.find(info.name());
    if (known == ranks.end() || !info.type().tensor_type().has_shape())
      return llvm::Error::success();
    int declared = info.type().tensor_type().shape().dim_size();
    if (declared == known->second)
      return llvm::Error::success();
    return loadError(path, llvm::Twine(what) + " '" + info.name() + "' declares rank " +
                               llvm::Twine(declared) + ", but the value of that name has rank " +
                               llvm::Twine(known->second));
  };
  for (const auto &output : graph.output())
    if (llvm::Error error = checkDeclared(output, "graph output"))
      return error;
  for (const auto &info : graph.value_info())
    if (llvm::Error error = checkDeclared(info, "value_info"))
      return error;
  auto rankOf = [&](const onnx::NodeProto &node, int index) -> int {
    if (index >= node.input_size())
      return -1;
    auto found = ranks.find(node.input(index));
    return found == ranks.end() ? -1 : found->second;
  };
  static const std::set<std::string> sameRank = {
      "Relu", "LeakyRelu", "Clip", "Softmax", "BatchNormalization", "LRN", "Dropout",
      "Identity", "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "Pad", "Cast",
      "Neg", "Log"};
  static const std::set<std::string> windowed = {"Conv", "MaxPool", "AveragePool",
                                                 "GlobalAveragePool"};
  for (const auto &node : graph.node()) {
    for (const auto &attribute : node.attribute())
      if (attribute.has_g())
        if (llvm::Error error = checkRanks(attribute.g(), ranks, path))
          return error;
    const std::string &type = node.op_type();
    if (windowed.count(type)) {
      int rank = rankOf(node, 0);
      if (rank >= 0 && rank != 4)
        return loadError(path, nodeWhere(node) + "input '" + node.input(0) + "' has rank " +
                                   std::to_string(rank) + "; eecc supports 2-D windows (4-D NCHW)");
      if (type == "Conv" && rankOf(node, 1) >= 0 && rankOf(node, 1) != 4)
        return loadError(path, nodeWhere(node) + "the weight has rank " +
                                   std::to_string(rankOf(node, 1)) +
                                   "; eecc supports 2-D convolution (rank-4 weights)");
    }
    int result = -1;
    if (type == "Constant") {
      for (const auto &attribute : node.attribute())
        if (attribute.name() == "value" && attribute.has_t())
          result = attribute.t().dims_size();
    } else if (sameRank.count(type)) {
      result = rankOf(node, 0);
    } else if (type == "Flatten" || type == "Gemm") {
      result = 2;
    } else if (type == "Add" || type == "Mul" || type == "MatMul") {
      result = std::max(rankOf(node, 0), rankOf(node, 1));
      if (rankOf(node, 0) < 0 || rankOf(node, 1) < 0)
        result = -1;
    } else if (type == "Concat") {
      result = rankOf(node, 0);
    } else if (type == "Reshape" && node.input_size() > 1) {
      for (const auto &initializer : graph.initializer())
        if (initializer.name() == node.input(1) && initializer.dims_size() == 1)
          result = static_cast<int>(initializer.dims(0));
    }
    for (const auto &output : node.output())
      if (result >= 0)
        ranks[output] = result;
      else
        ranks.erase(output);
  }
  return llvm::Error::success();
}

/// Every node of every (sub)graph is an operator eecc knows, of the default domain.
/// Dataflow the checker reports only vaguely: a value no node, initializer, graph input
/// or outer scope defines ("must be topologically sorted"), and a value two nodes
/// produce. Ordering itself (cycles, unsorted nodes) is left to the checker.
llvm::Error checkDataflow(const onnx::GraphProto &graph, const std::set<std::string> &outer,
                          llvm::StringRef path) {
  std::set<std::string> defined = outer;
  for (const auto &input : graph.input())
    defined.insert(input.name());
  for (const auto &initializer : graph.initializer())
    defined.insert(initializer.name());
  std::map<std::string, const onnx::NodeProto *> producer;
  for (const auto &node : graph.node())
    for (const std::string &output : node.output()) {
      if (output.empty())
        continue;
      auto [it, fresh] = producer.emplace(output, &node);
      if (!fresh)
        return loadError(path, "tensor '" + output + "' is produced by both node '" +
                                   it->second->name() + "' (" + it->second->op_type() +
                                   ") and node '" + node.name() + "' (" + node.op_type() + ")");
    }
  std::set<std::string> visible = defined;
  for (const auto &[name, node] : producer)
    visible.insert(name);
  for (const auto &node : graph.node()) {
    for (const std::string &input : node.input())
      if (!input.empty() && !visible.count(input))
        return loadError(path, "node '" + node.name() + "' (" + node.op_type() + "): input '" +
                                   input + "' is not produced by any node, initializer or graph "
                                   "input");
    for (const auto &attribute : node.attribute())
      if (attribute.has_g())
        if (llvm::Error error = checkDataflow(attribute.g(), visible, path))
          return error;
  }
  return llvm::Error::success();
}

/// What eecc needs of the main graph's interface: outputs, and exactly one activation input.
llvm::Error checkInterface(const onnx::GraphProto &graph, llvm::StringRef path) {
  if (graph.output_size() == 0)
    return loadError(path, "the graph has no outputs (eecc needs at least the final "
                           "classifier's logits)");
  std::set<std::string> initializers;
  for (const auto &initializer : graph.initializer())
    initializers.insert(initializer.name());
  std::string names;
  int activations = 0;
  for (const auto &input : graph.input())
    if (!initializers.count(input.name())) {
      names += (activations++ ? ", '" : "'") + input.name() + "'";
    }
  if (activations != 1)
    return loadError(path, "the graph has " + llvm::Twine(activations) + " activation input(s)" +
                               (names.empty() ? "" : " (" + names + ")") +
                               "; eecc compiles networks with one input (weights must be "
                               "initializers)");
  return llvm::Error::success();
}

/// Every node of an operator eecc does not import, by operator (subgraphs included).
using UnsupportedNodes = std::map<std::string, std::vector<const onnx::NodeProto *>>;

llvm::Error collectUnsupported(const onnx::GraphProto &graph, llvm::StringRef path,
                               UnsupportedNodes &unsupported) {
  for (const auto &node : graph.node()) {
    for (const auto &attribute : node.attribute())
      if (attribute.has_g())
        if (llvm::Error error = collectUnsupported(attribute.g(), path, unsupported))
          return error;
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      return loadError(path, nodeWhere(node) + "operator domain '" + node.domain() +
                                 "' is not supported (eecc imports the default ONNX domain)");
    if (!knownOperator(node.op_type()))
      unsupported[node.op_type()].push_back(&node);
  }
  return llvm::Error::success();
}

/// One error for every unsupported operator and its nodes (a model is ported in one go,
/// not one operator per attempt).
llvm::Error checkOperators(const onnx::GraphProto &graph, llvm::StringRef path) {
  UnsupportedNodes unsupported;
  if (llvm::Error error = collectUnsupported(graph, path, unsupported))
    return error;
  if (unsupported.empty())
    return llvm::Error::success();
  if (unsupported.size() == 1 && unsupported.begin()->second.size() == 1) {
    const onnx::NodeProto &node = *unsupported.begin()->second.front();
    return loadError(path, nodeWhere(node) + "operator '" + node.op_type() +
                               "' is not supported (see eecc --list-ops)");
  }
  std::string list;
  for (const auto &[type, nodes] : unsupported) {
    list += (list.empty() ? "" : "; ") + type + " (" + std::to_string(nodes.size()) + " node" +
            (nodes.size() == 1 ? "" : "s") + ": ";
    for (size_t i = 0; i < nodes.size() && i < 5; ++i)
      list += (i ? ", " : "") + nodeName(*nodes[i]);
    list += nodes.size() > 5 ? ", ...)" : ")";
  }
  return loadError(path, std::to_string(unsupported.size()) +
                             " operator(s) are not supported (see eecc --list-ops): " + list);
}

} // namespace

llvm::Error checkAndInferShapes(onnx::ModelProto &model, llvm::StringRef path) {
  if (llvm::Error error = checkWindowAttributes(model.graph(), path))
    return error;
  if (llvm::Error error = checkOperators(model.graph(), path))
    return error;
  if (llvm::Error error = checkRanks(model.graph(), {}, path))
    return error;
  if (llvm::Error error = checkInterface(model.graph(), path))
    return error;
  if (llvm::Error error = checkDataflow(model.graph(), {}, path))
    return error;
  // Conv and pooling inputs must be 4-D too (the rank libonnx indexes windows with).
  for (const auto &input : model.graph().input())
    for (const auto &node : model.graph().node())
      if ((node.op_type() == "Conv" || node.op_type() == "MaxPool" ||
           node.op_type() == "AveragePool") &&
          node.input_size() > 0 && node.input(0) == input.name() &&
          input.type().tensor_type().shape().dim_size() != 4)
        return loadError(path, "node '" + node.name() + "' (" + node.op_type() +
                                   "): input '" + input.name() + "' must be 4-D (NCHW)");
  int defaultOpsets = 0;
  for (const auto &entry : model.opset_import())
    defaultOpsets += entry.domain().empty() || entry.domain() == "ai.onnx";
  if (defaultOpsets > 1)
    return loadError(path, "the model imports the default operator set more than once");
  try {
    onnx::ModelProto withoutExternalData;
    const onnx::ModelProto *checked = &model;
    bool hasExternal = false;
    for (const auto &tensor : model.graph().initializer())
      hasExternal |= tensor.data_location() == onnx::TensorProto_DataLocation_EXTERNAL;
    if (hasExternal) {
      withoutExternalData = model;
      replaceExternalData(*withoutExternalData.mutable_graph());
      checked = &withoutExternalData;
    }
    onnx::checker::check_model(*checked);
  } catch (const std::exception &error) {
    return loadError(path, llvm::Twine("the ONNX checker rejects the model: ") + error.what());
  }
  try {
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(/*check_type=*/true,
                                                                   /*strict_mode=*/1));
  } catch (const std::exception &error) {
    return loadError(path, llvm::Twine("ONNX shape inference fails: ") + error.what());
  }
  return llvm::Error::success();
}

int64_t defaultOpset(const onnx::ModelProto &model) {
  int64_t opset = 0;
  for (const auto &entry : model.opset_import())
    if (entry.domain().empty() || entry.domain() == "ai.onnx")
      opset = entry.version();
  return opset;
}

} // namespace eecc::onnx_frontend
