// Loading a model for the driver: ONNX or MLIR, regular files within limits, names that
// are text.
#include "Driver.h"

#include "compiler/Frontend/ONNX/Importer.h"
#include "compiler/Support/Text.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

namespace eecc::driver {

/// Loads a model into `context`; diagnostics name the file, node and problem.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(const CompileConfig &config,
                                            mlir::MLIRContext &context,
                                            DriverDiagnostics &diagnostics) {
  llvm::StringRef extension = llvm::sys::path::extension(config.input);
  bool isOnnx = extension == ".onnx";
  if (!isOnnx && extension != ".mlir" && extension != ".mlirbc") {
    fail(config.input + ": unknown model format '" + extension + "' (expected .onnx or .mlir)");
    return nullptr;
  }
  onnx_frontend::ImportOptions importOptions;
  // Devices and pipes have no size to check against the limit: regular files only.
  llvm::sys::fs::file_status status;
  if (std::error_code code = llvm::sys::fs::status(config.input, status)) {
    fail(config.input + ": " + code.message());
    return nullptr;
  }
  if (!llvm::sys::fs::is_regular_file(status)) {
    fail(config.input + ": not a regular file");
    return nullptr;
  }
  uint64_t size = status.getSize();
  if (isOnnx && size > importOptions.limits.maxFileBytes) {
    fail(fmt::format("{}: file of {} bytes exceeds the limit of {} bytes", config.input, size,
                     importOptions.limits.maxFileBytes));
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(config.input, /*IsText=*/!isOnnx);
  if (!buffer) {
    fail(config.input + ": " + buffer.getError().message());
    return nullptr;
  }
  if (isOnnx) {
    importOptions.finalOutput = config.finalOutput;
    return onnx_frontend::importModel(**buffer, config.input, context, importOptions);
  }
  diagnostics.sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return mlir::parseSourceFile<mlir::ModuleOp>(diagnostics.sourceMgr, &context);
}

/// Names are bytes in ONNX and in .mlir string escapes; everything eecc writes (JSON,
/// HTML, C comments, Tcl) is text, so a name that is not UTF-8 is refused here, once.
mlir::LogicalResult checkNamesAreText(const CompileConfig &config, mlir::ModuleOp module) {
  auto refuse = [&](llvm::StringRef what, llvm::StringRef name) {
    fail(fmt::format("{}: {} '{}' is not valid UTF-8 text (byte {} of the name); ONNX names "
                     "are UTF-8 strings: rename it",
                     config.input, what.str(), escapeInvalidUtf8(name),
                     *invalidUtf8Offset(name)));
    return mlir::failure();
  };
  mlir::WalkResult walk = module.walk([&](mlir::Operation *op) {
    bool bad = false;
    op->getLoc()->walk([&](mlir::Location location) {
      auto name = mlir::dyn_cast<mlir::NameLoc>(location);
      if (!bad && name && invalidUtf8Offset(name.getName().getValue())) {
        bad = mlir::failed(refuse("node", name.getName().getValue()));
        return mlir::WalkResult::interrupt();
      }
      return mlir::WalkResult::advance();
    });
    if (!bad)
      if (auto names = op->getAttrOfType<mlir::ArrayAttr>("eecc.output_names"))
        for (mlir::Attribute name : names)
          if (auto text = mlir::dyn_cast<mlir::StringAttr>(name);
              !bad && text && invalidUtf8Offset(text.getValue()))
            bad = mlir::failed(refuse("graph output", text.getValue()));
    return bad ? mlir::WalkResult::interrupt() : mlir::WalkResult::advance();
  });
  return mlir::failure(walk.wasInterrupted());
}

} // namespace eecc::driver
