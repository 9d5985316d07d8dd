// The eecc driver's command line, validated into a typed configuration.
#ifndef EECC_TOOLS_EECC_DRIVEROPTIONS_H
#define EECC_TOOLS_EECC_DRIVEROPTIONS_H

#include "compiler/Support/OptionParsing.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace eecc::driver {

enum class EmitKind { Mlir, Hls, Project };
enum class ExitMode { Static, Pipeline, Parallel, Auto };
enum class Criterion { Entropy, MaxSoftmax, Margin };
enum class Objective { Latency, Energy, Edp };
enum class Binding { Auto, Dedicated, Engine };

/// What `eecc run` needs on top of the model and exit options.
struct RunConfig {
  std::string inputFile;
  std::optional<int64_t> count;
  std::string outputFile;
  bool fixed = false;
  bool allExits = false;
};

/// Everything a compilation needs, checked for consistency (FINN-style build config).
struct CompileConfig {
  std::string input;
  std::string output;
  EmitKind emit = EmitKind::Project;
  std::string target = "zcu106";
  double clockNs = 5.0;
  ExitMode exitMode = ExitMode::Auto;
  std::optional<Criterion> criterion;
  llvm::SmallVector<double> thresholds;
  std::optional<double> accuracyBudget;
  Objective objective = Objective::Latency;
  std::string calibrationFile;
  std::optional<int64_t> calibrationCount;
  std::string labelsFile;           // classes of the calibration samples (--labels)
  std::string testInputFile;        // samples carried by the project (csim in Vitis, board app)
  std::optional<int64_t> testCount; // unset: up to 100
  Binding binding = Binding::Auto;
  std::optional<std::pair<int64_t, int64_t>> engineTiles; // --engine-tiles=MxN
  std::optional<Precision> precision; // unset: calibrated 16-bit
  std::string rounding = "rnd";        // ap_fixed quantization mode (nn-quantize)
  std::string overflow = "sat";        // ap_fixed overflow mode
  llvm::SmallVector<std::string> precisionOverrides; // KEY[:ROLE]=W[,I]
  std::string finalOutput;                 // graph output name of the final classifier
  llvm::SmallVector<std::string> exitOutputs; // graph outputs (names or indices) that are exits
  std::string ingestCsynth; // --ingest-csynth: update OUT's reports, compile nothing
  bool force = false;
  bool allowOverfit = false; // write a design the estimate says does not fit
  bool saveIntermediate = false; // OUT/intermediate/NN-<pass>.mlir after each pass
  bool quiet = false;
  std::optional<RunConfig> run; // set for `eecc run MODEL ...`
};

/// Registers the options (call before cl::ParseCommandLineOptions).
void registerDriverOptions(bool runHelp = false);

/// Reads the parsed options into a configuration, or explains what is wrong.
llvm::Expected<CompileConfig> readDriverOptions();

/// Prints "eecc <version>", the MLIR version and the supported ONNX opsets.
void printVersion(llvm::raw_ostream &os);

/// Whether --list-ops was given (print the supported-operator table and exit).
bool listOpsRequested();

} // namespace eecc::driver

#endif // EECC_TOOLS_EECC_DRIVEROPTIONS_H
