// The --import-onnx translation of eecc-translate.
#include "compiler/Frontend/ONNX/Importer.h"
#include "compiler/Frontend/ONNX/Registration.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "dialects/nn/NNDialect.h"
#include "llvm/Support/SourceMgr.h"

namespace eecc::onnx_frontend {

void registerImportTranslation() {
  mlir::TranslateToMLIRRegistration registration(
      "import-onnx", "Import an ONNX model into the nn dialect (one function, exits as results)",
      [](llvm::SourceMgr &sourceMgr, mlir::MLIRContext *context) -> mlir::OwningOpRef<mlir::Operation *> {
        const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return importModel(*buffer, buffer->getBufferIdentifier(), *context);
      },
      [](mlir::DialectRegistry &registry) {
        registry.insert<nn::NNDialect, mlir::arith::ArithDialect, mlir::func::FuncDialect>();
      });
}

} // namespace eecc::onnx_frontend
