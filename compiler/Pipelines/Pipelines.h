// Named pass pipelines of eecc.
#ifndef EECC_PIPELINES_PIPELINES_H
#define EECC_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace eecc {

/// Options of the nn clean-up pipeline.
struct NNCleanupOptions : mlir::PassPipelineOptions<NNCleanupOptions> {
  Option<bool> strictBatchNorm{*this, "strict-batch-norm",
                               llvm::cl::desc("Fail on batch_norm that cannot be folded"),
                               llvm::cl::init(false)};
};

/// Layer-level clean-up after import: fold batch norms, canonicalize, CSE.
void buildNNCleanupPipeline(mlir::OpPassManager &pm, const NNCleanupOptions &options);

enum class EmitLevel { Mlir, Hls, Project };
enum class ExitMode { Static, Pipeline, Parallel, Auto };
enum class Criterion { Model, Entropy, MaxSoftmax, Margin };
enum class Objective { Latency, Energy, Edp };
enum class Binding { Auto, Dedicated, Engine };

/// The options of `eecc-compile`: the driver's compile options, one to one (the same
/// names, values and defaults as `eecc MODEL -o OUT --NAME=VALUE`).
struct CompileOptions : mlir::PassPipelineOptions<CompileOptions> {
  Option<EmitLevel> emit{
      *this, "emit", llvm::cl::desc("How far: mlir (the ee network), hls or project (the design)"),
      llvm::cl::init(EmitLevel::Project),
      llvm::cl::values(clEnumValN(EmitLevel::Mlir, "mlir", "the ee network"),
                       clEnumValN(EmitLevel::Hls, "hls", "the design"),
                       clEnumValN(EmitLevel::Project, "project", "the design"))};
  ListOption<std::string> exits{*this, "exits",
                                llvm::cl::desc("Outputs that are early exits (names or indices)")};
  Option<ExitMode> exitMode{
      *this, "exit-mode", llvm::cl::desc("Placement of every early exit"),
      llvm::cl::init(ExitMode::Auto),
      llvm::cl::values(clEnumValN(ExitMode::Static, "static", "no early exits"),
                       clEnumValN(ExitMode::Pipeline, "pipeline", "on the backbone's hardware"),
                       clEnumValN(ExitMode::Parallel, "parallel", "beside the next stage"),
                       clEnumValN(ExitMode::Auto, "auto", "by the cost model"))};
  Option<Criterion> criterion{
      *this, "criterion", llvm::cl::desc("Exit criterion of every early exit"),
      llvm::cl::init(Criterion::Model),
      llvm::cl::values(clEnumValN(Criterion::Model, "model", "the model's"),
                       clEnumValN(Criterion::Entropy, "entropy", "entropy <= threshold"),
                       clEnumValN(Criterion::MaxSoftmax, "max-softmax", "max softmax >= threshold"),
                       clEnumValN(Criterion::Margin, "margin", "top-2 margin >= threshold"))};
  ListOption<double> thresholds{*this, "thresholds",
                                llvm::cl::desc("One threshold per early exit")};
  Option<double> accuracyBudget{
      *this, "accuracy-budget",
      llvm::cl::desc("Calibrate thresholds within this many points (negative: off)"),
      llvm::cl::init(-1.0)};
  Option<Objective> objective{
      *this, "objective", llvm::cl::desc("What auto placement and threshold calibration minimize"),
      llvm::cl::init(Objective::Latency),
      llvm::cl::values(clEnumValN(Objective::Latency, "latency", "expected latency"),
                       clEnumValN(Objective::Energy, "energy", "expected energy"),
                       clEnumValN(Objective::Edp, "edp", "energy-delay product"))};
  Option<std::string> calibration{*this, "calibration",
                                  llvm::cl::desc("Calibration samples (raw float32 or .npy)")};
  Option<int64_t> calibrationCount{*this, "calibration-count",
                                   llvm::cl::desc("Calibration samples to use (0: all)"),
                                   llvm::cl::init(0)};
  Option<std::string> labels{*this, "labels",
                             llvm::cl::desc("Classes of the calibration samples")};
  Option<std::string> testInput{*this, "test-input",
                                llvm::cl::desc("Samples the project carries")};
  Option<int64_t> testCount{*this, "test-count",
                            llvm::cl::desc("Samples carried (-1: all, at most 100)"),
                            llvm::cl::init(-1)};
  Option<Binding> binding{
      *this, "binding", llvm::cl::desc("Kernels per layer or a shared engine"),
      llvm::cl::init(Binding::Auto),
      llvm::cl::values(clEnumValN(Binding::Auto, "auto", "dedicated when it fits"),
                       clEnumValN(Binding::Dedicated, "dedicated", "one kernel per layer"),
                       clEnumValN(Binding::Engine, "engine", "a shared MAC engine"))};
  ListOption<int64_t> engineTiles{*this, "engine-tiles",
                                  llvm::cl::desc("Engine tiles M,N (default: chosen)")};
  Option<std::string> precision{
      *this, "precision",
      llvm::cl::desc("float, W or W,I (default: 16-bit, calibrated); quote W,I in a pipeline")};
  Option<std::string> rounding{*this, "rounding", llvm::cl::desc("ap_fixed quantization mode"),
                               llvm::cl::init("rnd")};
  Option<std::string> overflow{*this, "overflow", llvm::cl::desc("ap_fixed overflow mode"),
                               llvm::cl::init("sat")};
  ListOption<std::string> precisionOverrides{*this, "precision-override",
                                             llvm::cl::desc("KEY[:ROLE]=W[,I] per layer")};
  Option<std::string> target{*this, "target", llvm::cl::desc("Device"), llvm::cl::init("zcu106")};
  Option<double> clock{*this, "clock", llvm::cl::desc("Clock period in ns"), llvm::cl::init(5.0)};
  Option<bool> allowOverfit{*this, "allow-overfit",
                            llvm::cl::desc("Write a design that does not fit the device"),
                            llvm::cl::init(false)};
  Option<bool> quiet{*this, "quiet", llvm::cl::desc("No progress lines"), llvm::cl::init(false)};
  Option<std::string> model{*this, "model",
                            llvm::cl::desc("The model's file name when the IR does not say "
                                           "(eecc.source): reports and the design are named so")};
};

/// `eecc-compile`: from the imported nn function to the whole design, every decision an
/// attribute — nn clean-up, exit discovery, the exit policy, nn-quantize, hls-bind,
/// threshold calibration, exit measurement, placement, estimates, the carried samples,
/// names for emission. `emit=mlir` stops after the exit policy. Fails with a diagnostic
/// when an option value is malformed (see the driver for the same checks with CLI words).
mlir::LogicalResult buildCompilePipeline(mlir::OpPassManager &pm, const CompileOptions &options);

/// `eecc run`: the network (as emit=mlir), quantized when `fixed`.
mlir::LogicalResult buildRunPipeline(mlir::OpPassManager &pm, const CompileOptions &options,
                                     bool fixed);

/// Registers the pipelines with the global registry (for eecc-opt).
void registerPipelines();

} // namespace eecc

#endif // EECC_PIPELINES_PIPELINES_H
