// The eecc driver's command line, validated into a typed configuration.
#include "DriverOptions.h"

#include "compiler/Analysis/CostModel.h"
#include "compiler/Support/Version.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <fmt/format.h>

namespace cl = llvm::cl;

namespace eecc::driver {

namespace {

struct Options {
  cl::OptionCategory outputCategory{"Output"};
  cl::OptionCategory targetCategory{"Target device"};
  cl::OptionCategory exitCategory{"Early exits"};
  cl::OptionCategory calibrationCategory{"Calibration"};
  cl::OptionCategory numericsCategory{"Numerics and hardware binding"};

  cl::OptionCategory runCategory{"Running (eecc run MODEL --input FILE --count N --output RESULT.json)"};

  cl::list<std::string> positional{cl::Positional, cl::desc("[run] <MODEL.onnx | MODEL.mlir>"),
                                   cl::cat(outputCategory)};
  cl::opt<std::string> runInput{"input", cl::desc("Samples: raw little-endian float32 in the input layout, or .npy"),
                                cl::value_desc("FILE"), cl::cat(runCategory)};
  cl::opt<int64_t> runCount{"count", cl::desc("Number of samples (default: all in the file)"),
                            cl::value_desc("N"), cl::cat(runCategory)};
  cl::opt<std::string> runOutput{"output", cl::desc("Per-sample exit, class and logits (JSON)"),
                                 cl::value_desc("RESULT.json"), cl::cat(runCategory)};
  cl::opt<bool> runFixed{"fixed", cl::desc("Fixed-point arithmetic of the hardware"),
                         cl::cat(runCategory)};
  cl::opt<bool> runFloat{"float", cl::desc("Float arithmetic (default)"), cl::cat(runCategory)};
  cl::opt<bool> runAllExits{"all-exits",
                            cl::desc("Also record every exit's logits for every sample"),
                            cl::cat(runCategory)};
  cl::opt<std::string> output{"o", cl::desc("Output directory, or '-' for stdout with --emit=mlir"),
                              cl::value_desc("OUT"), cl::cat(outputCategory)};
  cl::opt<EmitKind> emit{
      "emit", cl::desc("What to produce"), cl::init(EmitKind::Project),
      cl::values(clEnumValN(EmitKind::Mlir, "mlir", "the compiled IR"),
                 clEnumValN(EmitKind::Hls, "hls", "HLS C++ sources"),
                 clEnumValN(EmitKind::Project, "project", "the whole project (default)")),
      cl::cat(outputCategory)};
  cl::opt<bool> force{"force", cl::desc("Replace an existing output directory written by eecc"),
                      cl::cat(outputCategory)};
  cl::opt<bool> quiet{"quiet", cl::desc("Print errors only"), cl::cat(outputCategory)};
  cl::opt<bool> saveIntermediate{
      "save-intermediate",
      cl::desc("Also write OUT/intermediate/NN-<pass>.mlir: the IR after each pass of the "
               "eecc-compile pipeline"),
      cl::cat(outputCategory)};
  cl::opt<bool> allowOverfit{
      "allow-overfit",
      cl::desc("Write the project even when the estimated design does not fit the device"),
      cl::cat(outputCategory)};

  cl::opt<bool> listOps{"list-ops", cl::desc("Print the supported ONNX operators and exit"),
                        cl::cat(outputCategory)};
  cl::opt<std::string> ingestCsynth{
      "ingest-csynth",
      cl::desc("Read a Vitis HLS csynth.xml into the 'csynth' key of the project -o OUT "
               "(report.json, report.html); no model is compiled"),
      cl::value_desc("csynth.xml"), cl::cat(outputCategory)};

  cl::opt<std::string> target{"target", cl::desc("Target device"), cl::init("zcu106"),
                              cl::cat(targetCategory)};
  cl::opt<std::string> clock{"clock",
                             cl::desc("Clock period (ns: 5, 5ns) or frequency (200MHz, 0.2GHz)"),
                             cl::init("5"), cl::value_desc("period|frequency"),
                             cl::cat(targetCategory)};

  cl::opt<ExitMode> exitMode{
      "exit-mode", cl::desc("Placement of every exit"), cl::init(ExitMode::Auto),
      cl::values(clEnumValN(ExitMode::Static, "static", "no exits: the backbone alone"),
                 clEnumValN(ExitMode::Pipeline, "pipeline", "exits on the backbone's kernels"),
                 clEnumValN(ExitMode::Parallel, "parallel", "exits on dedicated kernels"),
                 clEnumValN(ExitMode::Auto, "auto", "chosen per exit by the cost model")),
      cl::cat(exitCategory)};
  cl::opt<Criterion> criterion{
      "criterion", cl::desc("Exit decision criterion"),
      cl::values(clEnumValN(Criterion::Entropy, "entropy", "exit if entropy <= threshold"),
                 clEnumValN(Criterion::MaxSoftmax, "max-softmax",
                            "exit if max softmax >= threshold"),
                 clEnumValN(Criterion::Margin, "margin",
                            "exit if top-1 minus top-2 softmax >= threshold")),
      cl::cat(exitCategory)};
  cl::opt<std::string> finalOutput{"final-output",
                                   cl::desc("Graph output that is the final classifier "
                                            "(default: the last)"),
                                   cl::value_desc("NAME"), cl::cat(exitCategory)};
  cl::list<std::string> exits{"exits",
                              cl::desc("Graph outputs (names or indices) that are early exits "
                                       "(default: every non-final output)"),
                              cl::value_desc("o1,o2,..."), cl::CommaSeparated,
                              cl::cat(exitCategory)};
  cl::opt<std::string> thresholds{"thresholds",
                                  cl::desc("Thresholds per non-final exit, in exit order"),
                                  cl::value_desc("t0,t1,..."), cl::cat(exitCategory)};

  cl::opt<double> accuracyBudget{"accuracy-budget",
                                 cl::desc("Accuracy (percentage points) the exits may lose"),
                                 cl::value_desc("points"), cl::cat(calibrationCategory)};
  cl::opt<Objective> objective{
      "objective", cl::desc("What threshold calibration and auto placement minimize"),
      cl::init(Objective::Latency),
      cl::values(clEnumValN(Objective::Latency, "latency", "expected latency"),
                 clEnumValN(Objective::Energy, "energy", "expected energy"),
                 clEnumValN(Objective::Edp, "edp", "energy-delay product")),
      cl::cat(calibrationCategory)};
  cl::opt<std::string> calibration{"calibration",
                                   cl::desc("Calibration samples (raw float32 in the input layout, or .npy)"),
                                   cl::value_desc("FILE"), cl::cat(calibrationCategory)};
  cl::opt<int64_t> calibrationCount{"calibration-count",
                                    cl::desc("Number of samples in the calibration file"),
                                    cl::value_desc("N"), cl::cat(calibrationCategory)};
  cl::opt<std::string> testInput{
      "test-input",
      cl::desc("Samples (raw float32 or .npy) for the project's C-simulation in Vitis "
               "and the board application (with --test-count alone: the calibration file)"),
      cl::value_desc("FILE"), cl::cat(calibrationCategory)};
  cl::opt<std::string> labels{
      "labels",
      cl::desc("Labels of the calibration samples (JSON array, or an object with 'labels', or "
               "integers separated by white space): accuracy per exit in the summary and report"),
      cl::value_desc("FILE"), cl::cat(calibrationCategory)};
  cl::opt<int64_t> testCount{"test-count",
                             cl::desc("How many test samples the project carries (default 100, "
                                      "or fewer if the file has fewer)"),
                             cl::value_desc("N"), cl::cat(calibrationCategory)};

  cl::opt<Binding> binding{
      "binding", cl::desc("How layers bind to hardware kernels"), cl::init(Binding::Auto),
      cl::values(clEnumValN(Binding::Auto, "auto", "by the device's resource budget"),
                 clEnumValN(Binding::Dedicated, "dedicated", "one kernel per layer, ROM weights"),
                 clEnumValN(Binding::Engine, "engine", "shared engines, weights in DDR")),
      cl::cat(numericsCategory)};
  cl::opt<std::string> engineTiles{
      "engine-tiles",
      cl::desc("The shared MAC engine's tile factors: M output channels x N reduction entries "
               "per cycle (engine binding; default: chosen by the cost model)"),
      cl::value_desc("MxN"), cl::cat(numericsCategory)};
  cl::opt<std::string> precision{"precision",
                                 cl::desc("'float' or ap_fixed '<W>,<I>' (default: calibrated "
                                          "16-bit per layer)"),
                                 cl::value_desc("float|W,I"), cl::cat(numericsCategory)};
  cl::opt<std::string> rounding{
      "rounding", cl::desc("Quantization mode of activations and weights: trn, trn_zero, rnd, "
                           "rnd_zero, rnd_min_inf, rnd_inf, rnd_conv (AP_*)"),
      cl::init("rnd"), cl::value_desc("mode"), cl::cat(numericsCategory)};
  cl::opt<std::string> overflow{
      "overflow", cl::desc("Overflow mode of activations and weights: wrap, sat, sat_zero, sat_sym"),
      cl::init("sat"), cl::value_desc("mode"), cl::cat(numericsCategory)};
  cl::list<std::string> precisionOverrides{
      "precision-override",
      cl::desc("Format of some layers: KEY[:ROLE]=W[,I], KEY a node name, an op kind (conv2d, "
               "dense, ...) or 'input', ROLE data (default), weight, bias or accum; repeatable"),
      cl::value_desc("KEY[:ROLE]=W[,I]"), cl::cat(numericsCategory)};
};

Options &options() {
  static Options instance;
  return instance;
}

llvm::Error usageError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Devices with a description under templates/devices.
constexpr const char *kKnownTargets[] = {"zcu106"};

} // namespace

void registerDriverOptions(bool runHelp) {
  Options &opts = options();
  if (runHelp) // `eecc run --help`: what a run reads (the compile-only options hidden)
    cl::HideUnrelatedOptions({&opts.runCategory, &opts.exitCategory, &opts.calibrationCategory,
                              &opts.numericsCategory});
  else
    cl::HideUnrelatedOptions({&opts.outputCategory, &opts.targetCategory, &opts.exitCategory,
                              &opts.calibrationCategory, &opts.numericsCategory,
                              &opts.runCategory});
}

llvm::Expected<CompileConfig> readDriverOptions() {
  Options &opts = options();
  CompileConfig config;
  std::vector<std::string> positional(opts.positional.begin(), opts.positional.end());
  if (!opts.ingestCsynth.empty()) {
    if (!positional.empty())
      return usageError("--ingest-csynth updates a project: give -o OUT, not a model");
    if (opts.output.empty() || opts.output == "-")
      return usageError("--ingest-csynth needs -o OUT, the eecc project to update");
    config.ingestCsynth = opts.ingestCsynth;
    config.output = opts.output;
    return config;
  }
  bool runMode = !positional.empty() && positional.front() == "run";
  if (runMode)
    positional.erase(positional.begin());
  if (positional.empty())
    return usageError(runMode ? "no input model given (usage: eecc run MODEL.onnx --input FILE "
                                "--count N --output RESULT.json)"
                              : "no input model given (usage: eecc MODEL.onnx -o OUT)");
  if (positional.size() > 1)
    return usageError("more than one model given: '" + positional[0] + "' and '" +
                      positional[1] + "'");
  config.input = positional.front();
  bool runOptionGiven = opts.runInput.getNumOccurrences() || opts.runCount.getNumOccurrences() ||
                        opts.runOutput.getNumOccurrences() || opts.runFixed || opts.runFloat ||
                        opts.runAllExits;
  if (runMode) {
    RunConfig run;
    if (opts.runInput.empty() || opts.runOutput.empty())
      return usageError("eecc run needs --input FILE and --output RESULT.json");
    if (opts.output.getNumOccurrences())
      return usageError("eecc run writes --output RESULT.json; -o is for compiling");
    if (opts.runFixed && opts.runFloat)
      return usageError("--fixed and --float exclude each other");
    run.inputFile = opts.runInput;
    run.outputFile = opts.runOutput;
    if (opts.runCount.getNumOccurrences()) {
      if (opts.runCount < 1)
        return usageError("--count must be >= 1");
      run.count = opts.runCount;
    }
    run.fixed = opts.runFixed;
    run.allExits = opts.runAllExits;
    config.run = run;
    config.emit = EmitKind::Mlir;
  } else {
    if (runOptionGiven)
      return usageError("--input, --count, --output, --fixed, --float and --all-exits belong to "
                        "'eecc run' (a compile writes its project to -o OUT)");
    if (opts.output.empty())
      return usageError("no output given: use -o OUT (a new directory) or -o - with --emit=mlir");
    config.output = opts.output;
    config.emit = opts.emit;
    if (config.output == "-" && config.emit == EmitKind::Project)
      return usageError("-o - (stdout) needs --emit=mlir or --emit=hls; a project is a directory");
  }

  config.target = opts.target;
  if (llvm::find(kKnownTargets, config.target) == std::end(kKnownTargets))
    return usageError("unknown --target '" + config.target + "' (supported: zcu106)");
  {
    // A period in ns (a bare number or with "ns") or a frequency in MHz or GHz.
    llvm::StringRef text = llvm::StringRef(opts.clock).trim();
    double scale = 0.0; // ns = scale / value for a frequency, value for a period
    std::string lower = text.lower();
    llvm::StringRef number(lower);
    bool frequency = false;
    if (number.consume_back("mhz")) {
      frequency = true;
      scale = 1e3;
    } else if (number.consume_back("ghz")) {
      frequency = true;
      scale = 1.0;
    } else {
      number.consume_back("ns");
    }
    number = number.trim();
    double value = 0.0;
    if (number.empty() || number.getAsDouble(value) || !(value > 0.0) || !std::isfinite(value))
      return usageError("--clock: expected a positive period in ns (5, 5ns) or a frequency "
                        "(200MHz, 0.2GHz), got '" + opts.clock + "'");
    config.clockNs = frequency ? scale / value : value;
  }
  if (auto device = cost::loadDevice(config.target); !device) {
    return device.takeError();
  } else if (config.clockNs < device->minClockNs || config.clockNs > device->maxClockNs) {
    return usageError(fmt::format("--clock={:g} ns is outside what a {} design can be built at: "
                                  "{:g} to {:g} ns ({:g} to {:g} MHz)",
                                  config.clockNs, config.target, device->minClockNs,
                                  device->maxClockNs, 1e3 / device->maxClockNs,
                                  1e3 / device->minClockNs));
  }

  config.exitMode = opts.exitMode;
  if (opts.criterion.getNumOccurrences())
    config.criterion = opts.criterion;
  if (opts.thresholds.getNumOccurrences()) {
    auto values = parseNumberList(opts.thresholds);
    if (!values)
      return usageError("--thresholds: " + llvm::toString(values.takeError()));
    config.thresholds = std::move(*values);
    if (config.exitMode == ExitMode::Static)
      return usageError("--thresholds has no effect with --exit-mode=static (no exits)");
  }
  if (opts.accuracyBudget.getNumOccurrences()) {
    if (!(opts.accuracyBudget >= 0.0 && opts.accuracyBudget <= 100.0))
      return usageError("--accuracy-budget must be in [0, 100] points");
    if (!config.thresholds.empty())
      return usageError("--accuracy-budget calibrates thresholds; do not also give --thresholds");
    config.accuracyBudget = opts.accuracyBudget;
  }
  config.objective = opts.objective;
  config.calibrationFile = opts.calibration;
  if (opts.calibrationCount.getNumOccurrences()) {
    if (opts.calibrationCount < 1)
      return usageError("--calibration-count must be >= 1");
    if (config.calibrationFile.empty())
      return usageError("--calibration-count needs --calibration=FILE");
    config.calibrationCount = opts.calibrationCount;
  }
  // Test samples cost a reference run each at compile time: only when asked for, from
  // --test-input or (with --test-count) the calibration file.
  config.testInputFile = !opts.testInput.empty()             ? std::string(opts.testInput)
                         : opts.testCount.getNumOccurrences() ? std::string(opts.calibration)
                                                              : std::string();
  if (opts.testCount.getNumOccurrences()) {
    if (opts.testCount < 1 || opts.testCount > 100000)
      return usageError("--test-count must be in [1, 100000]");
    if (config.testInputFile.empty())
      return usageError("--test-count needs --test-input=FILE or --calibration=FILE");
    config.testCount = opts.testCount;
  }
  if (opts.labels.getNumOccurrences()) {
    if (opts.calibration.empty())
      return usageError("--labels names the classes of the calibration samples: it needs "
                        "--calibration=FILE");
    config.labelsFile = opts.labels;
  }
  config.binding = opts.binding;
  if (opts.engineTiles.getNumOccurrences()) {
    llvm::StringRef text(opts.engineTiles);
    auto [m, n] = text.split('x');
    int64_t tileM = 0, tileN = 0;
    if (m.getAsInteger(10, tileM) || n.getAsInteger(10, tileN) || tileM < 1 || tileN < 1 ||
        tileM > 1024 || tileN > 1024)
      return usageError("--engine-tiles: expected MxN with M and N in [1, 1024], not '" +
                        opts.engineTiles + "'");
    if (config.binding == Binding::Dedicated)
      return usageError("--engine-tiles needs --binding=engine or auto");
    config.engineTiles = {tileM, tileN};
  }
  if (opts.precision.getNumOccurrences()) {
    auto precision = parsePrecision(opts.precision);
    if (!precision)
      return usageError("--precision: " + llvm::toString(precision.takeError()));
    config.precision = *precision;
  }
  config.rounding = opts.rounding;
  config.overflow = opts.overflow;
  config.precisionOverrides.assign(opts.precisionOverrides.begin(), opts.precisionOverrides.end());
  bool fixedPoint = config.run ? config.run->fixed : !(config.precision && config.precision->isFloat);
  if (!fixedPoint && (opts.rounding.getNumOccurrences() || opts.overflow.getNumOccurrences() ||
                      !config.precisionOverrides.empty()))
    return usageError("--rounding, --overflow and --precision-override apply to fixed point, not "
                      "to a float run or --precision=float");
  if (config.run && config.precision && config.precision->isFloat && config.run->fixed)
    return usageError("--fixed and --precision=float exclude each other");
  config.finalOutput = opts.finalOutput;
  config.exitOutputs.assign(opts.exits.begin(), opts.exits.end());
  config.force = opts.force;
  config.allowOverfit = opts.allowOverfit;
  config.quiet = opts.quiet;
  config.saveIntermediate = opts.saveIntermediate;
  if (config.saveIntermediate && (config.run || config.output == "-"))
    return usageError("--save-intermediate writes OUT/intermediate/: it needs a compile with -o "
                      "OUT (a directory)");
  return config;
}

bool listOpsRequested() { return options().listOps; }

void printVersion(llvm::raw_ostream &os) {
  os << "eecc " << EECC_VERSION << "\n"
     << "  MLIR/LLVM " << EECC_MLIR_VERSION << "\n"
     << "  ONNX opsets " << EECC_MIN_ONNX_OPSET << " to " << EECC_MAX_ONNX_OPSET
     << " (libonnx " << EECC_ONNX_LIBRARY_VERSION << ")\n"
     << "  targets: zcu106\n";
}

} // namespace eecc::driver
