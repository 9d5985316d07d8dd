// Entry point of the ONNX frontend: load, check, lower If exits, import, annotate.
#include "compiler/Frontend/ONNX/Importer.h"

#include "GraphImporter.h"
#include "IfExits.h"
#include "ModelProtoLoading.h"
#include "TensorData.h"

#include "compiler/Support/Version.h"
#include "dialects/nn/NNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Path.h"

#include <onnx/defs/schema.h>

#include <cctype>
#include <cmath>
#include <exception>

using namespace mlir;

namespace eecc::onnx_frontend {

namespace {

/// A symbol name made of [A-Za-z0-9_] (graph names are free text).
std::string symbolName(llvm::StringRef graphName) {
  std::string name;
  for (char c : graphName)
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    name = "model_" + name;
  return name;
}

/// Splits "a, b,c" into trimmed items.
SmallVector<std::string> splitList(llvm::StringRef text) {
  SmallVector<llvm::StringRef> parts;
  text.split(parts, ',', -1, /*KeepEmpty=*/false);
  SmallVector<std::string> items;
  for (llvm::StringRef part : parts)
    items.push_back(part.trim().str());
  return items;
}

/// Exit decisions from metadata_props ("eecc.criterion", "eecc.thresholds"): one
/// threshold per early exit (every output but the final one), in output order.
LogicalResult readExitMetadata(const onnx::ModelProto &model, Location loc, int earlyExits,
                               std::vector<ExitDecision> &decisions) {
  std::string criterion;
  SmallVector<std::string> thresholds;
  for (const auto &entry : model.metadata_props()) {
    if (entry.key() == "eecc.criterion") {
      criterion = entry.value();
      if (criterion != "entropy" && criterion != "max_softmax" && criterion != "margin")
        return emitError(loc) << "metadata eecc.criterion '" << criterion
                              << "' is not one of entropy, max_softmax, margin";
    } else if (entry.key() == "eecc.thresholds") {
      thresholds = splitList(entry.value());
      if (thresholds.empty() && !llvm::StringRef(entry.value()).trim().empty())
        return emitError(loc) << "metadata eecc.thresholds '" << entry.value()
                              << "' holds no number";
    }
  }
  if (!thresholds.empty() && criterion.empty())
    return emitError(loc) << "metadata eecc.thresholds needs eecc.criterion to say what they bound";
  if (!thresholds.empty() && static_cast<int>(thresholds.size()) != earlyExits)
    return emitError(loc) << "metadata eecc.thresholds has " << thresholds.size()
                          << " value(s) for " << earlyExits << " early exit(s)";
  for (const std::string &text : thresholds) {
    double value = 0.0;
    if (llvm::StringRef(text).getAsDouble(value) || !std::isfinite(value))
      return emitError(loc) << "metadata eecc.thresholds item '" << text
                            << "' is not a finite number";
    decisions.push_back({criterion, value});
  }
  if (!criterion.empty() && thresholds.empty())
    decisions.assign(earlyExits, ExitDecision{criterion, std::nullopt});
  return success();
}

void annotate(func::FuncOp function, const onnx::GraphProto &graph,
              const std::vector<ExitDecision> &decisions, llvm::StringRef path, int64_t opset,
              int finalIndex) {
  Builder builder(function.getContext());
  SmallVector<Attribute> names;
  for (const auto &output : graph.output())
    names.push_back(builder.getStringAttr(output.name()));
  function->setAttr("eecc.source", builder.getStringAttr(llvm::sys::path::filename(path)));
  function->setAttr("eecc.onnx_opset", builder.getI64IntegerAttr(opset));
  function->setAttr("eecc.output_names", builder.getArrayAttr(names));
  if (finalIndex >= 0)
    function->setAttr("eecc.final_output", builder.getI64IntegerAttr(finalIndex));
  if (decisions.empty())
    return;
  SmallVector<Attribute> criteria, thresholds, strict;
  for (const ExitDecision &decision : decisions) {
    criteria.push_back(builder.getStringAttr(decision.criterion));
    if (decision.threshold)
      thresholds.push_back(builder.getF64FloatAttr(*decision.threshold));
    strict.push_back(builder.getBoolAttr(decision.strict));
  }
  function->setAttr("eecc.exit_criteria", builder.getArrayAttr(criteria));
  if (llvm::any_of(decisions, [](const ExitDecision &decision) { return decision.strict; }))
    function->setAttr("eecc.exit_strict", builder.getArrayAttr(strict));
  if (thresholds.size() == decisions.size())
    function->setAttr("eecc.exit_thresholds", builder.getArrayAttr(thresholds));
}

OwningOpRef<ModuleOp> importUnsafe(const llvm::MemoryBuffer &buffer, llvm::StringRef path,
                                   MLIRContext &context, const ImportOptions &options) {
  Location fileLoc = FileLineColLoc::get(&context, path, 0, 0);
  onnx::ModelProto model;
  auto report = [&](llvm::Error error) {
    // The message already names the file; the location repeats it for tools.
    std::string text = llvm::toString(std::move(error));
    llvm::StringRef message(text);
    if (message.starts_with(path) && message.drop_front(path.size()).starts_with(": "))
      message = message.drop_front(path.size() + 2);
    emitError(fileLoc) << message;
    return nullptr;
  };
  if (llvm::Error error = parseModelProto(buffer, path, options.limits, model))
    return report(std::move(error));
  int64_t opset = defaultOpset(model);
  if (opset < EECC_MIN_ONNX_OPSET || opset > EECC_MAX_ONNX_OPSET) {
    emitError(fileLoc) << "opset " << opset << " is not supported (eecc reads opsets "
                       << EECC_MIN_ONNX_OPSET << " to " << EECC_MAX_ONNX_OPSET << ")";
    return nullptr;
  }
  // Debian's libonnx may predate the model's opset: its checker and shape inference
  // then apply the newest operator versions they know.
  int knownOpset = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map().at("").second;
  if (opset > knownOpset)
    emitRemark(fileLoc) << "opset " << opset << " is newer than the " << knownOpset
                        << " this libonnx knows: operators changed after opset " << knownOpset
                        << " are checked in their opset-" << knownOpset << " form";
  for (const auto &entry : model.opset_import())
    if (!entry.domain().empty() && entry.domain() != "ai.onnx") {
      // Name a node of that domain when the main graph has one.
      auto user = llvm::find_if(model.graph().node(), [&](const onnx::NodeProto &node) {
        return node.domain() == entry.domain();
      });
      if (user != model.graph().node().end())
        emitError(fileLoc) << "node '" << user->name() << "' (" << user->op_type()
                           << "): operator domain '" << entry.domain() << "' is not supported";
      else
        emitError(fileLoc) << "operator domain '" << entry.domain() << "' is not supported";
      return nullptr;
    }

  // External data is vetted (location, links, range, size) before the checker reads
  // the model: nothing is allocated for a tensor before its bytes are known to exist.
  llvm::SmallString<256> modelDirectory(path);
  llvm::sys::path::remove_filename(modelDirectory);
  if (modelDirectory.empty())
    modelDirectory = ".";
  for (const auto &initializer : model.graph().initializer()) {
    if (initializer.data_location() != onnx::TensorProto_DataLocation_EXTERNAL)
      continue;
    TensorData data;
    std::string error;
    if (!decodeTensor(initializer, modelDirectory, data, error)) {
      emitError(fileLoc) << "initializer: " << error;
      return nullptr;
    }
  }

  // If-encoded exits: the checker sees the model as exported, then the Ifs become
  // plain outputs and the lowered graph is checked and shape-inferred again.
  std::vector<ExitDecision> decisions;
  bool hasIf = llvm::any_of(model.graph().node(),
                            [](const onnx::NodeProto &node) { return node.op_type() == "If"; });
  if (hasIf) {
    onnx::ModelProto original = model;
    if (llvm::Error error = checkAndInferShapes(original, path))
      return report(std::move(error));
    std::string lowerError;
    if (!lowerIfExits(*model.mutable_graph(), decisions, lowerError)) {
      emitError(fileLoc) << lowerError;
      return nullptr;
    }
  }
  if (llvm::Error error = checkAndInferShapes(model, path))
    return report(std::move(error));
  if (decisions.empty() &&
      failed(readExitMetadata(model, fileLoc, model.graph().output_size() - 1, decisions)))
    return nullptr;

  const onnx::GraphProto &graph = model.graph();
  int finalIndex = graph.output_size() - 1;
  if (!options.finalOutput.empty()) {
    finalIndex = -1;
    for (int index = 0; index < graph.output_size(); ++index)
      if (graph.output(index).name() == options.finalOutput)
        finalIndex = index;
    if (finalIndex < 0) {
      emitError(fileLoc) << "--final-output '" << options.finalOutput
                         << "' is not an output of the graph";
      return nullptr;
    }
  }
  context.loadDialect<func::FuncDialect, arith::ArithDialect, nn::NNDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  GraphImporter importer(context, path, modelDirectory, opset);
  func::FuncOp function = importer.importGraph(
      graph, symbolName(graph.name().empty() ? "model" : graph.name()), *module);
  if (!function)
    return nullptr;
  // The final exit is known when the user named it or the Ifs' nesting gives it (the
  // else branch's output, last); otherwise ee-discover-exits takes the deepest output.
  annotate(function, graph, decisions, path, opset,
           !options.finalOutput.empty() || hasIf ? finalIndex : -1);
  return module;
}

} // namespace

OwningOpRef<ModuleOp> importModel(const llvm::MemoryBuffer &buffer, llvm::StringRef path,
                                  MLIRContext &context, const ImportOptions &options) {
  // No exception may leave the frontend: MLIR is built without them.
  try {
    return importUnsafe(buffer, path, context, options);
  } catch (const std::exception &error) {
    emitError(FileLineColLoc::get(&context, path, 0, 0))
        << "cannot import the model: " << error.what();
  } catch (...) {
    emitError(FileLineColLoc::get(&context, path, 0, 0)) << "cannot import the model";
  }
  return nullptr;
}

} // namespace eecc::onnx_frontend
