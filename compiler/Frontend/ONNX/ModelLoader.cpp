// Loading ONNX files: protobuf parse under explicit limits, checker, shape inference.
#include "compiler/Frontend/ONNX/ModelLoader.h"
#include "ModelProtoLoading.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <exception>
#include <set>

namespace eecc::onnx_frontend {

namespace {

llvm::Error loadError(llvm::StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (path + ": " + message).str());
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
    tensor.clear_external_data();
    tensor.set_data_location(onnx::TensorProto_DataLocation_DEFAULT);
    tensor.set_raw_data(std::string(std::min<uint64_t>(count, uint64_t{1} << 31) * bytes, '\0'));
    replaced = true;
  }
  return replaced;
}
} // namespace

llvm::Error checkAndInferShapes(onnx::ModelProto &model, llvm::StringRef path) {
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

namespace {

ModelSummary summarize(const onnx::ModelProto &model) {
  ModelSummary summary;
  summary.irVersion = model.ir_version();
  summary.opset = defaultOpset(model);
  summary.producer = model.producer_name();
  if (!model.producer_version().empty())
    summary.producer += " " + model.producer_version();
  const onnx::GraphProto &graph = model.graph();
  summary.numNodes = graph.node_size();
  summary.numInitializers = graph.initializer_size();
  std::set<std::string> initializers;
  for (const auto &initializer : graph.initializer())
    initializers.insert(initializer.name());
  for (const auto &input : graph.input())
    if (!initializers.count(input.name()))
      summary.inputs.push_back(input.name());
  for (const auto &output : graph.output())
    summary.outputs.push_back(output.name());
  return summary;
}

} // namespace

llvm::Expected<ModelSummary> inspectModel(llvm::StringRef path, const LoadLimits &limits) {
  try {
    uint64_t size = 0;
    if (std::error_code code = llvm::sys::fs::file_size(path, size))
      return loadError(path, code.message());
    if (size > limits.maxFileBytes)
      return loadError(path, "file of " + llvm::Twine(size) + " bytes exceeds the limit of " +
                                 llvm::Twine(limits.maxFileBytes) + " bytes");
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
    if (!buffer)
      return loadError(path, buffer.getError().message());
    onnx::ModelProto model;
    if (llvm::Error error = parseModelProto(**buffer, path, limits, model))
      return std::move(error);
    if (llvm::Error error = checkAndInferShapes(model, path))
      return std::move(error);
    return summarize(model);
  } catch (const std::exception &error) {
    return loadError(path, llvm::Twine("cannot load the model: ") + error.what());
  } catch (...) {
    return loadError(path, "cannot load the model: unknown error");
  }
}

} // namespace eecc::onnx_frontend
