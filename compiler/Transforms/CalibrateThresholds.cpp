// ee-calibrate-thresholds: the thresholds that minimize the expected cost of the design's
// exit paths within an accuracy budget on a calibration set (--accuracy-budget).
#include "compiler/Analysis/CostModel.h"
#include "dialects/hls/HLSReport.h"
#include "compiler/Analysis/ThresholdCalibration.h"
#include "compiler/Interpreter/SampleRun.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"

#include <cmath>

namespace eecc {
#define GEN_PASS_DEF_CALIBRATETHRESHOLDS
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

struct CalibrateThresholdsPass : eecc::impl::CalibrateThresholdsBase<CalibrateThresholdsPass> {
  using CalibrateThresholdsBase::CalibrateThresholdsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (objective != "latency" && objective != "energy" && objective != "edp") {
      module.emitError("ee-calibrate-thresholds: objective must be latency, energy or edp, not '")
          << objective.getValue() << "'";
      return signalPassFailure();
    }
    if (!(budget >= 0.0 && budget <= 100.0)) {
      module.emitError("ee-calibrate-thresholds: budget must be in [0, 100] points, not ")
          << budget.getValue();
      return signalPassFailure();
    }
    auto device = cost::loadDevice(target);
    if (!device) {
      module.emitError("ee-calibrate-thresholds: ") << llvm::toString(device.takeError());
      return signalPassFailure();
    }
    for (ee::NetworkOp network : module.getOps<ee::NetworkOp>())
      if (ee::getExits(network).size() > 1 && failed(calibrate(network, *device)))
        return signalPassFailure();
  }

  LogicalResult calibrate(ee::NetworkOp network, const cost::Device &device) {
    if (calibration.empty())
      return network.emitError(
          "--accuracy-budget calibrates thresholds on a calibration set: give "
          "--calibration=FILE");
    // Thresholds for the placements the exits will have (pipeline when ee-place-exits
    // decides later: its paths are the conservative ones).
    SmallVector<ee::ExitOp> exits = ee::getExits(network);
    std::vector<cost::Mode> modes;
    for (ee::ExitOp exit : exits)
      if (!exit.getFinal())
        modes.push_back(exit.getPlacement() == ee::Placement::parallel ? cost::Mode::Parallel
                                                                       : cost::Mode::Pipeline);
    cost::NetworkCost costs = cost::analyzeNetwork(network, device);
    cost::DesignEstimate design = cost::estimateDesign(costs, device, clockNs, modes, {});

    std::optional<int64_t> wanted;
    if (calibrationCount > 0)
      wanted = calibrationCount;
    std::vector<cost::ExitLogits> logits;
    if (failed(interp::forEachSample(
            network, calibration, wanted, SIZE_MAX, "--calibration-count", /*allExits=*/true,
            [&](llvm::StringRef, const interp::SampleResult &result) {
              logits.push_back(result.allExitLogits);
            },
            progress)))
      return failure();
    std::vector<ee::Criterion> criteria;
    std::vector<int64_t> classes;
    for (size_t e = 0; e + 1 < exits.size(); ++e) {
      criteria.push_back(exits[e].getCriterion().value_or(ee::Criterion::max_softmax));
      classes.push_back(cast<ShapedType>(exits[e].getLogits().getType()).getNumElements());
    }
    std::vector<double> pathCosts;
    for (size_t e = 0; e < exits.size(); ++e)
      pathCosts.push_back(objective == "latency"  ? static_cast<double>(design.exitCycles[e])
                          : objective == "energy" ? design.exitMicrojoules[e]
                                                  : design.exitCycles[e] * design.exitMicrojoules[e]);
    cost::ThresholdOutcome chosen =
        cost::calibrateThresholds(logits, criteria, pathCosts, budget, classes);
    Builder builder(network.getContext());
    for (size_t e = 0; e + 1 < exits.size(); ++e) {
      exits[e].setCriterionAttr(ee::CriterionAttr::get(network.getContext(), criteria[e]));
      exits[e].setThresholdAttr(builder.getF64FloatAttr(chosen.thresholds[e]));
      exits[e].setStrict(false); // calibrated thresholds are passed at >= (<= for entropy)
    }
    // The rates the real decision (the fixed-point unit, or the float softmax) gives.
    std::vector<int64_t> counts;
    if (failed(interp::countExits(network, calibration, wanted, progress, counts)))
      return failure();

    // The trade-off curve: one threshold for every exit, swept.
    nlohmann::ordered_json sweep = nlohmann::ordered_json::array();
    for (int step = 0; step <= 20; ++step) {
      std::vector<double> thresholds;
      for (size_t e = 0; e < criteria.size(); ++e) {
        double upper = criteria[e] == ee::Criterion::entropy ? std::log(double(classes[e])) : 1.0;
        // from "exit at once" to "never" in the criterion's direction
        thresholds.push_back(criteria[e] == ee::Criterion::entropy ? upper * (20 - step) / 20.0
                                                                   : upper * step / 20.0);
      }
      std::vector<double> cycles(design.exitCycles.begin(), design.exitCycles.end());
      cost::ThresholdOutcome outcome = cost::evaluateThresholds(logits, criteria, thresholds, cycles);
      double energy = 0.0;
      for (size_t e = 0; e < exits.size(); ++e)
        energy += outcome.exitRates[e] * design.exitMicrojoules[e];
      sweep.push_back({{"thresholds", thresholds},
                       {"exit_rates", outcome.exitRates},
                       {"expected_latency_us", outcome.expectedCost * clockNs * 1e-3},
                       {"expected_energy_uj", energy},
                       {"disagreement_with_final_points", outcome.disagreementPoints}});
    }
    nlohmann::ordered_json section = {{"budget_points", budget.getValue()},
                                      {"objective", objective.getValue()},
                                      {"samples", logits.size()},
                                      {"thresholds", chosen.thresholds},
                                      {"disagreement_with_final_points", chosen.disagreementPoints},
                                      {"exit_rates", chosen.exitRates},
                                      {"sweep", sweep}};
    network->setAttr(report::kThresholdCalibration, report::toAttr(network.getContext(), section));
    return success();
  }
};

} // namespace
