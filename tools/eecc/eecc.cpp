// eecc: compile an early-exit network to an FPGA project (the user-facing driver).
#include "DriverOptions.h"

#include "compiler/InitAll.h"
#include "compiler/Pipelines/Pipelines.h"
#include "compiler/Frontend/ONNX/ModelLoader.h"
#include "compiler/Support/OutputDirectory.h"
#include "compiler/Support/Version.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <fmt/format.h>

using namespace eecc;
using namespace eecc::driver;

namespace {

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "eecc") << message << "\n";
  return 1;
}

/// Loads a model into `context`; diagnostics name the file, node and problem.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(const CompileConfig &config,
                                            mlir::MLIRContext &context) {
  llvm::StringRef extension = llvm::sys::path::extension(config.input);
  if (extension == ".onnx") {
    auto summary = onnx_frontend::inspectModel(config.input);
    if (!summary) {
      fail(llvm::toString(summary.takeError()));
      return nullptr;
    }
    if (summary->opset < EECC_MIN_ONNX_OPSET || summary->opset > EECC_MAX_ONNX_OPSET) {
      fail(fmt::format("{}: opset {} is not supported (eecc reads opsets {} to {})", config.input,
                       summary->opset, EECC_MIN_ONNX_OPSET, EECC_MAX_ONNX_OPSET));
      return nullptr;
    }
    fail(fmt::format("{}: valid ONNX model (opset {}, {} nodes), but importing ONNX graphs into "
                     "the nn dialect is not part of this build yet; give the model as .mlir",
                     config.input, summary->opset, summary->numNodes));
    return nullptr;
  }
  if (extension != ".mlir" && extension != ".mlirbc") {
    fail(config.input + ": unknown model format '" + extension + "' (expected .onnx or .mlir)");
    return nullptr;
  }
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  auto buffer = llvm::MemoryBuffer::getFile(config.input, /*IsText=*/true);
  if (!buffer) {
    fail(config.input + ": " + buffer.getError().message());
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
}

int compile(const CompileConfig &config) {
  if (config.emit != EmitKind::Mlir)
    return fail(fmt::format("--emit={} is not available yet in this build; use --emit=mlir",
                            config.emit == EmitKind::Hls ? "hls" : "project"));

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  mlir::OwningOpRef<mlir::ModuleOp> module = loadModel(config, context);
  if (!module)
    return 1;

  mlir::PassManager pm(&context);
  buildNNCleanupPipeline(pm, NNCleanupOptions());
  if (mlir::failed(pm.run(*module)))
    return fail(config.input + ": the nn clean-up pipeline failed");

  std::string text;
  llvm::raw_string_ostream stream(text);
  module->print(stream);
  if (config.output == "-") {
    llvm::outs() << text;
    return 0;
  }
  auto output = OutputDirectory::create(config.output, config.force);
  if (!output)
    return fail(llvm::toString(output.takeError()));
  if (llvm::Error error = output->writeFile("model.mlir", text))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = output->commit())
    return fail(llvm::toString(std::move(error)));
  if (!config.quiet)
    llvm::outs() << fmt::format("eecc: wrote {}/model.mlir\n", config.output);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerDriverOptions();
  llvm::cl::SetVersionPrinter(printVersion);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          "eecc: compile early-exit (BranchyNet) networks to Vitis HLS projects for the "
          "ZCU106\n\n  eecc MODEL.onnx -o OUT [options]\n",
          &llvm::errs()))
    return 1;
  auto config = readDriverOptions();
  if (!config)
    return fail(llvm::toString(config.takeError()));
  return compile(*config);
}
