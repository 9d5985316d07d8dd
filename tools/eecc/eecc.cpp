// eecc: compile an early-exit network to an FPGA project (the user-facing driver).
#include "Driver.h"

#include "compiler/Emit/CsynthReport.h"
#include "compiler/Emit/Project.h"
#include "compiler/Frontend/ONNX/Importer.h"
#include "compiler/InitAll.h"
#include "compiler/Pipelines/Pipelines.h"
#include "compiler/Support/OutputDirectory.h"
#include "compiler/Support/Version.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <fmt/format.h>

using namespace eecc;
using namespace eecc::driver;

namespace {

/// Prints to stdout; a failed write is one error line, not an LLVM crash report.
int writeStdout(llvm::StringRef text) {
  llvm::outs() << text;
  llvm::outs().flush();
  if (llvm::outs().has_error()) {
    llvm::outs().clear_error();
    return fail("cannot write to standard output");
  }
  return 0;
}

/// --ingest-csynth: Vitis HLS's synthesis report into the project's report.json/html.
int ingestCsynth(const CompileConfig &config) {
  if (llvm::Error error = ingestCsynthIntoProject(config.output, config.ingestCsynth))
    return fail(llvm::toString(std::move(error)));
  if (!config.quiet)
    llvm::outs() << "eecc: " << config.output << "/report.json: csynth from "
                 << config.ingestCsynth << "\n";
  return 0;
}

/// --save-intermediate: the IR after each pass of the pipeline, numbered in order; when a
/// pass fails, the IR it left (generic form: it need not verify), named -FAILED.
class IntermediateIR : public mlir::PassInstrumentation {
public:
  explicit IntermediateIR(std::vector<hlscpp::ProjectFile> &files) : files(files) {}
  void runAfterPass(mlir::Pass *pass, mlir::Operation *op) override {
    record(pass, op, mlir::OpPrintingFlags().elideLargeElementsAttrs(4096), "");
  }
  void runAfterPassFailed(mlir::Pass *pass, mlir::Operation *op) override {
    record(pass, op,
           mlir::OpPrintingFlags().elideLargeElementsAttrs(4096).printGenericOpForm(),
           "-FAILED");
  }
  /// The file of the pass that failed, if one did.
  const std::string &failedFile() const { return failed; }

private:
  void record(mlir::Pass *pass, mlir::Operation *op, mlir::OpPrintingFlags flags,
              llvm::StringRef suffix) {
    if (!mlir::isa<mlir::ModuleOp>(op))
      return;
    std::string text;
    llvm::raw_string_ostream stream(text);
    op->print(stream, flags);
    files.push_back({fmt::format("intermediate/{:02}-{}{}.mlir", files.size() + 1,
                                 pass->getArgument().empty() ? pass->getName().str()
                                                             : pass->getArgument().str(),
                                 suffix.str()),
                     std::move(text)});
    if (!suffix.empty())
      failed = files.back().path;
  }

  std::vector<hlscpp::ProjectFile> &files;
  std::string failed;
};

/// The eecc-compile pipeline's options from the driver's (the same names and values).
void pipelineOptions(const CompileConfig &config, CompileOptions &options) {
  options.emit = config.emit == driver::EmitKind::Mlir  ? EmitLevel::Mlir
                 : config.emit == driver::EmitKind::Hls ? EmitLevel::Hls
                                                : EmitLevel::Project;
  options.exits = config.exitOutputs;
  options.exitMode = config.exitMode == driver::ExitMode::Static     ? eecc::ExitMode::Static
                     : config.exitMode == driver::ExitMode::Pipeline ? eecc::ExitMode::Pipeline
                     : config.exitMode == driver::ExitMode::Parallel ? eecc::ExitMode::Parallel
                                                             : eecc::ExitMode::Auto;
  options.criterion = !config.criterion                               ? eecc::Criterion::Model
                      : *config.criterion == driver::Criterion::Entropy       ? eecc::Criterion::Entropy
                      : *config.criterion == driver::Criterion::MaxSoftmax    ? eecc::Criterion::MaxSoftmax
                                                                      : eecc::Criterion::Margin;
  options.thresholds = config.thresholds;
  options.accuracyBudget = config.accuracyBudget.value_or(-1.0);
  options.objective = config.objective == driver::Objective::Latency  ? eecc::Objective::Latency
                      : config.objective == driver::Objective::Energy ? eecc::Objective::Energy
                                                              : eecc::Objective::Edp;
  options.calibration = config.calibrationFile;
  options.calibrationCount = config.calibrationCount.value_or(0);
  options.labels = config.labelsFile;
  options.testInput = config.testInputFile;
  options.testCount = config.testCount.value_or(-1);
  options.binding = config.binding == driver::Binding::Dedicated ? eecc::Binding::Dedicated
                    : config.binding == driver::Binding::Engine  ? eecc::Binding::Engine
                                                         : eecc::Binding::Auto;
  if (config.engineTiles)
    options.engineTiles = llvm::ArrayRef<int64_t>{config.engineTiles->first, config.engineTiles->second};
  if (config.precision)
    options.precision = config.precision->isFloat ? std::string("float")
                        : config.precision->integerBits
                            ? fmt::format("{},{}", config.precision->width, *config.precision->integerBits)
                            : std::to_string(config.precision->width);
  options.rounding = config.rounding;
  options.overflow = config.overflow;
  options.precisionOverrides = config.precisionOverrides;
  options.target = config.target;
  options.clock = config.clockNs;
  options.allowOverfit = config.allowOverfit;
  options.quiet = config.quiet;
  options.model = llvm::sys::path::filename(config.input).str();
}

int compile(const CompileConfig &config) {
  if (!config.ingestCsynth.empty())
    return ingestCsynth(config);
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.printOpOnDiagnostic(false); // users want the message, not an IR dump
  DriverDiagnostics diagnostics(context, config.quiet);
  // The output directory is checked (and its staging directory made) before any work: a
  // wrong -o fails at once, not after a minute of calibration.
  std::optional<OutputDirectory> output;
  if (!config.run && config.output != "-") {
    auto created = OutputDirectory::create(config.output, config.force);
    if (!created)
      return fail(llvm::toString(created.takeError()));
    output.emplace(std::move(*created));
  }
  mlir::OwningOpRef<mlir::ModuleOp> module = loadModel(config, context, diagnostics);
  if (!module || mlir::failed(checkNamesAreText(config, *module)))
    return 1;
  // Every decision is a pass of eecc-compile (eecc-opt --pass-pipeline reproduces this).
  CompileOptions options;
  pipelineOptions(config, options);
  mlir::PassManager pm(&context);
  if (mlir::failed(config.run ? buildRunPipeline(pm, options, config.run->fixed)
                              : buildCompilePipeline(pm, options)))
    return fail("malformed --precision or --engine-tiles");
  std::vector<hlscpp::ProjectFile> files;
  IntermediateIR *intermediate = nullptr;
  if (config.saveIntermediate) {
    auto instrumentation = std::make_unique<IntermediateIR>(files);
    intermediate = instrumentation.get();
    pm.addInstrumentation(std::move(instrumentation));
  }
  if (mlir::failed(pm.run(*module))) {
    // The passes said what is wrong. Asked for, OUT/intermediate/ still shows how far the
    // pipeline came (and nothing else of a project).
    if (intermediate && output && !files.empty()) {
      for (const hlscpp::ProjectFile &file : files)
        if (llvm::Error error = output->writeFile(file.path, file.contents))
          return fail(llvm::toString(std::move(error)));
      if (llvm::Error error = output->commit())
        return fail(llvm::toString(std::move(error)));
      llvm::errs() << fmt::format("eecc: the IR after each pass up to the failure: {}/{}\n",
                                  config.output,
                                  intermediate->failedFile().empty() ? std::string("intermediate/")
                                                                     : intermediate->failedFile());
    }
    return 1;
  }
  if (config.run)
    return runModel(config, *module);
  if (config.emit == driver::EmitKind::Mlir) {
    std::string text;
    llvm::raw_string_ostream stream(text);
    module->print(stream);
    if (config.output == "-")
      return writeStdout(text);
    files.push_back({"model.mlir", std::move(text)});
    for (const hlscpp::ProjectFile &file : files)
      if (llvm::Error error = output->writeFile(file.path, file.contents))
        return fail(llvm::toString(std::move(error)));
    if (llvm::Error error = output->commit())
      return fail(llvm::toString(std::move(error)));
    if (!config.quiet)
      llvm::outs() << compileSummary(*module, config.input)
                   << fmt::format("eecc: wrote {}/model.mlir\n", config.output);
    return 0;
  }
  const bool hlsOnly = config.emit == driver::EmitKind::Hls;
  if (mlir::failed(emitProjectFiles(*module, config.input, hlsOnly, files)))
    return 1;
  const bool engine = emitsEngine(*module);
  if (engine && !hlsOnly && !config.quiet)
    llvm::WithColor::warning(llvm::errs(), "eecc")
        << "engine binding: scripts/ and runtime/ are not emitted yet (the board runtime does "
           "not load the weight image into DDR yet); hls/ and csim/ are complete\n";
  if (config.output == "-") {
    std::string all;
    for (const hlscpp::ProjectFile &file : files)
      if (llvm::StringRef(file.path).starts_with("hls/"))
        all += "// ===== " + file.path + " =====\n" + file.contents;
    return writeStdout(all);
  }
  for (const hlscpp::ProjectFile &file : files) {
    llvm::StringRef path(file.path);
    if (hlsOnly && !path.starts_with("hls/") && !path.starts_with("intermediate/"))
      continue; // --emit=hls: the sources only
    if (llvm::Error error = output->writeFile(file.path, file.contents))
      return fail(llvm::toString(std::move(error)));
  }
  if (llvm::Error error = output->commit())
    return fail(llvm::toString(std::move(error)));
  if (!config.quiet)
    llvm::outs() << compileSummary(*module, config.input)
                 << fmt::format("eecc: wrote {} ({}); C-simulation: make -C {}/csim\n",
                                config.output,
                                hlsOnly  ? "hls/"
                                : engine ? "README.md, hls/, csim/, model.mlir, report.json, report.html"
                                         : "README.md, hls/, csim/, scripts/, runtime/, model.mlir, "
                                           "report.json, report.html",
                                config.output);
  return 0;
}

void printSupportedOps(llvm::raw_ostream &os) {
  os << fmt::format("ONNX operators eecc imports (opsets {} to {}):\n", EECC_MIN_ONNX_OPSET,
                    EECC_MAX_ONNX_OPSET);
  os << fmt::format("  {:<20} {:<20} {}\n", "operator", "becomes", "notes");
  for (const onnx_frontend::SupportedOp &op : onnx_frontend::supportedOps())
    os << fmt::format("  {:<20} {:<20} {}\n", op.opType, op.lowersTo, op.notes);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // --mlir-print-debuginfo, --mlir-elide-elementsattrs-if-larger, ... for --emit=mlir.
  mlir::registerAsmPrinterCLOptions();
  // `eecc run ... --help` describes a run: its own overview and options.
  bool run = false, help = false;
  for (int i = 1; i < argc; ++i) {
    run = run || llvm::StringRef(argv[i]) == "run";
    help = help || llvm::StringRef(argv[i]) == "--help" || llvm::StringRef(argv[i]) == "-help";
  }
  registerDriverOptions(run && help);
  llvm::cl::SetVersionPrinter(printVersion);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          run && help
              ? "eecc run: samples through the reference interpreter (float, or the fixed "
                "point of a compile)\n\n  eecc run MODEL.onnx --input FILE [--count N] "
                "--output RESULT.json [--fixed [--calibration FILE]] [--all-exits]\n"
              : "eecc: compile early-exit (BranchyNet) networks to Vitis HLS projects for the "
                "ZCU106\n\n  eecc MODEL.onnx -o OUT [options]\n  eecc run MODEL.onnx --input "
                "FILE --output RESULT.json [--fixed]   (eecc run --help)\n",
          &llvm::errs()))
    return 1;
  if (listOpsRequested()) {
    printSupportedOps(llvm::outs());
    return 0;
  }
  auto config = readDriverOptions();
  if (!config)
    return fail(llvm::toString(config.takeError()));
  return compile(*config);
}
