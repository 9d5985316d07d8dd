// Named pass pipelines of eecc.
#include "compiler/Pipelines/Pipelines.h"

#include "compiler/Conversion/Passes.h"
#include "compiler/Support/OptionParsing.h"
#include "compiler/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace eecc {

void buildNNCleanupPipeline(OpPassManager &pm, const NNCleanupOptions &options) {
  FoldBatchNormOptions foldOptions;
  foldOptions.strict = options.strictBatchNorm;
  pm.addPass(createFoldBatchNorm(foldOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

namespace {

const char *objectiveName(Objective objective) {
  return objective == Objective::Latency ? "latency"
         : objective == Objective::Energy ? "energy"
                                          : "edp";
}

/// Import to the ee network with the exit policy applied (emit=mlir).
void buildNetworkPipeline(OpPassManager &pm, const CompileOptions &options) {
  buildNNCleanupPipeline(pm, NNCleanupOptions());
  DiscoverExitsOptions discover;
  discover.exitOutputs = options.exits;
  pm.addPass(createDiscoverExits(discover));
  ApplyExitPolicyOptions policy;
  policy.mode = options.exitMode == ExitMode::Static     ? "static"
                : options.exitMode == ExitMode::Pipeline ? "pipeline"
                : options.exitMode == ExitMode::Parallel ? "parallel"
                                                         : "auto";
  policy.criterion = options.criterion == Criterion::Entropy      ? "entropy"
                     : options.criterion == Criterion::MaxSoftmax ? "max-softmax"
                     : options.criterion == Criterion::Margin     ? "margin"
                                                                  : "";
  policy.thresholds = options.thresholds;
  policy.keepPlacements = options.emit == EmitLevel::Mlir;
  policy.source = options.model;
  pm.addPass(createApplyExitPolicy(policy));
}

/// nn-quantize with the options' precision (hls4ml's ap_fixed<W, 6> without calibration).
LogicalResult addQuantize(OpPassManager &pm, const CompileOptions &options,
                          const std::optional<Precision> &precision) {
  QuantizeOptions quantize;
  quantize.calibration = options.calibration;
  quantize.calibrationCount = options.calibrationCount;
  if (precision) {
    quantize.width = precision->width;
    quantize.weightWidth = std::min<int64_t>(precision->width, 32);
    quantize.biasWidth = precision->width;
    if (precision->integerBits)
      quantize.integerBits = *precision->integerBits;
  }
  quantize.rounding = options.rounding;
  quantize.overflow = options.overflow;
  quantize.progress = !options.quiet;
  quantize.overrides = options.precisionOverrides;
  pm.addPass(createQuantize(quantize));
  return success();
}

FailureOr<std::optional<Precision>> readPrecision(const CompileOptions &options) {
  if (options.precision.empty())
    return std::optional<Precision>();
  auto precision = parsePrecision(options.precision);
  if (!precision) {
    llvm::consumeError(precision.takeError());
    return failure();
  }
  return std::optional<Precision>(*precision);
}

} // namespace

LogicalResult buildRunPipeline(OpPassManager &pm, const CompileOptions &options, bool fixed) {
  buildNetworkPipeline(pm, options);
  auto precision = readPrecision(options);
  if (failed(precision))
    return failure();
  return fixed ? addQuantize(pm, options, *precision) : success();
}

LogicalResult buildCompilePipeline(OpPassManager &pm, const CompileOptions &options) {
  buildNetworkPipeline(pm, options);
  if (options.emit == EmitLevel::Mlir)
    return success();
  auto precision = readPrecision(options);
  if (failed(precision) || (!options.engineTiles.empty() && options.engineTiles.size() != 2))
    return failure();
  if (!*precision || !(*precision)->isFloat)
    (void)addQuantize(pm, options, *precision);
  HLSBindOptions bind;
  bind.binding = options.binding == Binding::Dedicated ? "dedicated"
                 : options.binding == Binding::Engine  ? "engine"
                                                       : "auto";
  bind.target = options.target;
  if (!options.engineTiles.empty()) {
    bind.tileM = options.engineTiles[0];
    bind.tileN = options.engineTiles[1];
  }
  pm.addPass(createHLSBind(bind));
  if (options.accuracyBudget >= 0.0) {
    CalibrateThresholdsOptions calibrate;
    calibrate.budget = options.accuracyBudget;
    calibrate.objective = objectiveName(options.objective);
    calibrate.calibration = options.calibration;
    calibrate.calibrationCount = options.calibrationCount;
    calibrate.target = options.target;
    calibrate.clockNs = options.clock;
    calibrate.progress = !options.quiet;
    pm.addPass(createCalibrateThresholds(calibrate));
  }
  MeasureExitsOptions measure;
  measure.calibration = options.calibration;
  measure.calibrationCount = options.calibrationCount;
  measure.labels = options.labels;
  measure.progress = !options.quiet;
  pm.addPass(createMeasureExits(measure));
  if (options.exitMode == ExitMode::Auto) {
    PlaceExitsOptions place;
    place.mode = "auto";
    place.objective = objectiveName(options.objective);
    place.target = options.target;
    place.clockNs = options.clock;
    pm.addPass(createPlaceExits(place));
  }
  pm.addPass(createPlanMemory());
  pm.addPass(createPrepareForEmission());
  EEToHLSOptions design;
  design.target = options.target;
  design.clockNs = options.clock;
  pm.addPass(createEEToHLS(design));
  pm.addPass(createSetDirectives());
  AnnotateEstimatesOptions estimates;
  estimates.target = options.target;
  estimates.clockNs = options.clock;
  estimates.objective = objectiveName(options.objective);
  estimates.allowOverfit = options.allowOverfit;
  pm.addPass(createAnnotateEstimates(estimates));
  if (options.emit == EmitLevel::Project && !options.testInput.empty()) {
    CarryTestSamplesOptions carry;
    carry.input = options.testInput;
    carry.count = options.testCount;
    pm.addPass(createCarryTestSamples(carry));
  }
  return success();
}

void registerPipelines() {
  PassPipelineRegistration<NNCleanupOptions>(
      "eecc-nn-cleanup", "Layer-level clean-up after import (fold batch norm, canonicalize, CSE)",
      buildNNCleanupPipeline);
  registerPassPipeline(
      "eecc-compile",
      "What `eecc MODEL -o OUT` runs: from the imported model to the whole design (options "
      "as the driver's)",
      [](OpPassManager &pm, StringRef text, function_ref<LogicalResult(const Twine &)> error) {
        CompileOptions options;
        if (failed(options.parseFromString(text)))
          return failure();
        if (failed(buildCompilePipeline(pm, options)))
          return error("eecc-compile: precision must be float, W or W,I and engine-tiles two "
                       "numbers M,N");
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> handler) { handler(CompileOptions()); });
}

} // namespace eecc
