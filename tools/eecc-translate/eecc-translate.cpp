// eecc-translate: mlir-translate for eecc's importers and emitters, and
// `--emit-hls-project -o OUT`: the project of a compiled module (what `eecc` writes).
#include "compiler/Frontend/ONNX/Registration.h"
#include "compiler/InitAll.h"
#include "compiler/Support/OutputDirectory.h"
#include "compiler/Emit/Project.h"
#include "compiler/Emit/StructureReport.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

namespace {

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "eecc-translate") << message << "\n";
  return 1;
}

/// eecc-translate --emit-hls-project [INPUT.mlir] -o OUT [--force]: a directory, not a
/// stream, so it is not an mlir-translate translation (whose -o is one file).
int emitHlsProject(int argc, char **argv) {
  std::string input = "-", output;
  bool force = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg == "--emit-hls-project" || arg == "-emit-hls-project")
      continue;
    if (arg == "--force" || arg == "-force")
      force = true;
    else if ((arg == "-o" || arg == "--o") && i + 1 < argc)
      output = argv[++i];
    else if (arg.consume_front("-o="))
      output = arg.str();
    else if (arg.starts_with("-") && arg != "-")
      return fail("--emit-hls-project: unknown option '" + arg + "' (usage: eecc-translate "
                  "--emit-hls-project [INPUT.mlir] -o OUT [--force])");
    else
      input = arg.str();
  }
  if (output.empty() || output == "-")
    return fail("--emit-hls-project writes a directory: give -o OUT");
  mlir::DialectRegistry registry;
  eecc::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::string error;
  auto file = mlir::openInputFile(input, &error);
  if (!file)
    return fail(error);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  auto directory = eecc::OutputDirectory::create(output, force);
  if (!directory)
    return fail(llvm::toString(directory.takeError()));
  std::vector<eecc::hlscpp::ProjectFile> files;
  if (mlir::failed(eecc::emitProjectFiles(*module, input == "-" ? "model" : input,
                                          /*hlsOnly=*/false, files)))
    return 1;
  for (const eecc::hlscpp::ProjectFile &entry : files)
    if (llvm::Error failure = directory->writeFile(entry.path, entry.contents))
      return fail(llvm::toString(std::move(failure)));
  if (llvm::Error failure = directory->commit())
    return fail(llvm::toString(std::move(failure)));
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i)
    if (llvm::StringRef(argv[i]) == "--emit-hls-project" ||
        llvm::StringRef(argv[i]) == "-emit-hls-project") {
      llvm::InitLLVM initLLVM(argc, argv);
      return emitHlsProject(argc, argv);
    }
  eecc::onnx_frontend::registerImportTranslation();
  mlir::TranslateFromMLIRRegistration(
      "emit-ee-structure", "JSON summary of exits, criteria, thresholds and placements",
      eecc::emitStructureReport,
      [](mlir::DialectRegistry &registry) { eecc::registerAllDialects(registry); });
  // Listed in --help; handled above (a project is a directory, -o OUT).
  mlir::TranslateFromMLIRRegistration(
      "emit-hls-project",
      "The project eecc writes (hls/, csim/, scripts/, runtime/, reports) into the directory "
      "-o OUT, from a module compiled by the eecc-compile pipeline",
      [](mlir::Operation *op, llvm::raw_ostream &) {
        return op->emitError("--emit-hls-project needs -o OUT as its own argument");
      },
      [](mlir::DialectRegistry &registry) { eecc::registerAllDialects(registry); });
  return mlir::failed(mlir::mlirTranslateMain(argc, argv, "eecc translation driver\n")) ? 1 : 0;
}
