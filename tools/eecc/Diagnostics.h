// The driver's diagnostics: one line each, naming the model file, the node and the problem.
#ifndef EECC_TOOLS_EECC_DIAGNOSTICS_H
#define EECC_TOOLS_EECC_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/SourceMgr.h"

#include <string>

namespace eecc::driver {

/// `text` with control characters escaped (a name holding a newline cannot forge a second
/// diagnostic line) and invalid UTF-8 replaced.
std::string printable(llvm::StringRef text);

/// "eecc: error: MESSAGE" on stderr; returns 1, the exit code.
int fail(const llvm::Twine &message);

/// Diagnostics at a whole-file location (line 0: ONNX nodes have no line) print as
/// "model.onnx: error: node 'conv1' (Conv): ..."; the rest go to the source manager.
/// With `quiet`, errors only.
class DriverDiagnostics {
public:
  DriverDiagnostics(mlir::MLIRContext &context, bool quiet);

  llvm::SourceMgr sourceMgr;

private:
  mlir::SourceMgrDiagnosticHandler sourceHandler;
  mlir::ScopedDiagnosticHandler fileHandler; // registered last: consulted first
};

} // namespace eecc::driver

#endif // EECC_TOOLS_EECC_DIAGNOSTICS_H
