// libFuzzer target: arbitrary bytes as an ONNX model through what `eecc MODEL --emit=mlir`
// does (protobuf parse under limits, checker, shape inference, import, nn clean-up,
// exit discovery, verification). Any crash, sanitizer report or leak is a bug: bad input
// must end in a diagnostic.
#include "compiler/Conversion/Passes.h"
#include "compiler/Frontend/ONNX/Importer.h"
#include "compiler/InitAll.h"
#include "compiler/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::DialectRegistry *registry = [] {
    auto *r = new mlir::DialectRegistry();
    eecc::registerAllDialects(*r);
    return r;
  }();
  mlir::MLIRContext context(*registry, mlir::MLIRContext::Threading::DISABLED);
  // Diagnostics are expected; keep them off stderr.
  mlir::ScopedDiagnosticHandler quiet(&context, [](mlir::Diagnostic &) { return mlir::success(); });
  auto buffer = llvm::MemoryBuffer::getMemBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.onnx",
      /*RequiresNullTerminator=*/false);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      eecc::onnx_frontend::importModel(*buffer, "fuzz.onnx", context);
  if (!module)
    return 0;
  mlir::PassManager pm(&context);
  eecc::buildNNCleanupPipeline(pm, eecc::NNCleanupOptions());
  pm.addPass(eecc::createDiscoverExits(eecc::DiscoverExitsOptions()));
  if (mlir::succeeded(pm.run(*module)))
    (void)mlir::verify(*module);
  return 0;
}
