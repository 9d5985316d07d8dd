// The driver's diagnostics (see Diagnostics.h).
#include "Diagnostics.h"

#include "compiler/Support/Text.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/WithColor.h"

#include <fmt/format.h>

namespace eecc::driver {

std::string printable(llvm::StringRef text) {
  std::string result;
  for (unsigned char c : escapeInvalidUtf8(text)) {
    if (c == '\n')
      result += "\\n";
    else if (c < 0x20 || c == 0x7f)
      result += fmt::format("\\x{:02x}", c);
    else
      result += static_cast<char>(c);
  }
  return result;
}

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "eecc") << printable(message.str()) << "\n";
  return 1;
}

DriverDiagnostics::DriverDiagnostics(mlir::MLIRContext &context, bool quiet)
    : sourceHandler(sourceMgr, &context),
      fileHandler(&context, [quiet](mlir::Diagnostic &diagnostic) {
        if (quiet && diagnostic.getSeverity() != mlir::DiagnosticSeverity::Error)
          return mlir::success(); // --quiet: errors only
        auto file = diagnostic.getLocation()->findInstanceOf<mlir::FileLineColLoc>();
        if (!file || file.getLine() != 0)
          return mlir::failure();
        const char *severity = "error";
        if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Warning)
          severity = "warning";
        else if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Remark)
          severity = "remark";
        else if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Note)
          severity = "note";
        std::string message = diagnostic.str();
        // An op's own message ("'nn.conv2d' op ...") does not say which node: its
        // location does. The op's name is eecc's, not the model's: dropped.
        bool opMessage = llvm::StringRef(message).starts_with("'");
        // Anywhere in the message (the importer quotes verifier messages after the node).
        for (size_t at = message.find("' op "); at != std::string::npos;
             at = message.find("' op ", at + 1)) {
          size_t open = message.rfind('\'', at == 0 ? 0 : at - 1);
          if (open == std::string::npos)
            break;
          llvm::StringRef opName = llvm::StringRef(message).slice(open + 1, at);
          if (opName.contains('.') && !opName.contains(' ') &&
              (opName.starts_with("nn.") || opName.starts_with("ee.") ||
               opName.starts_with("hls.") || opName.starts_with("arith.") ||
               opName.starts_with("func."))) {
            message.erase(open, at + 5 - open);
            at = open;
          }
        }
        if (opMessage)
          if (auto node = diagnostic.getLocation()->findInstanceOf<mlir::NameLoc>())
            message = "node '" + node.getName().str() + "': " + message;
        llvm::errs() << printable(file.getFilename().getValue()) << ": " << severity << ": "
                     << printable(message) << "\n";
        for (const mlir::Diagnostic &note : diagnostic.getNotes())
          llvm::errs() << printable(file.getFilename().getValue())
                       << ": note: " << printable(note.str()) << "\n";
        return mlir::success();
      }) {}

} // namespace eecc::driver
