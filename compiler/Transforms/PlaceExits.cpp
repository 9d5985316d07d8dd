// ee-place-exits: pipeline or parallel per early exit, by option or by the cost model.
#include "compiler/Analysis/CostModel.h"
#include "compiler/Interpreter/Interpreter.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"

namespace eecc {
#define GEN_PASS_DEF_PLACEEXITS
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

struct PlaceExitsPass : eecc::impl::PlaceExitsBase<PlaceExitsPass> {
  using PlaceExitsBase::PlaceExitsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (mode != "pipeline" && mode != "parallel" && mode != "auto") {
      module.emitError("ee-place-exits: mode must be pipeline, parallel or auto, not '")
          << mode.getValue() << "'";
      return signalPassFailure();
    }
    if (objective != "latency" && objective != "energy" && objective != "edp") {
      module.emitError("ee-place-exits: objective must be latency, energy or edp, not '")
          << objective.getValue() << "'";
      return signalPassFailure();
    }
    for (ee::NetworkOp network : module.getOps<ee::NetworkOp>())
      if (failed(place(network)))
        return signalPassFailure();
  }

  LogicalResult place(ee::NetworkOp network) {
    SmallVector<ee::ExitOp> exits = ee::getExits(network);
    const size_t early = exits.empty() ? 0 : exits.size() - 1;
    std::vector<cost::Mode> placements(early, mode == "parallel" ? cost::Mode::Parallel
                                                                 : cost::Mode::Pipeline);
    // hls-bind's engine design has no parallel exits (see HLSBind.cpp).
    auto binding = network->getAttrOfType<hls::BindingAttr>(hls::attrs::kBinding);
    const bool engine = binding && binding.getValue() == hls::Binding::engine;
    if (engine && mode == "parallel" && early > 0)
      return network.emitError("ee-place-exits: engine binding runs every layer on one engine "
                               "over one feature-map arena: its exits cannot be parallel");
    if (engine && mode == "auto" && early > 0)
      network.emitRemark("ee-place-exits: engine binding: every exit pipeline (the engine design "
                         "has no parallel exits)");
    bool haveRates = false;
    if (mode == "auto" && early > 0 && !engine) {
      std::vector<double> rates;
      int64_t total = 0;
      for (ee::ExitOp exit : exits)
        if (auto count = exit->getAttrOfType<IntegerAttr>(interp::kCalibrationExitsAttr)) {
          rates.push_back(static_cast<double>(count.getInt()));
          total += count.getInt();
        }
      if (rates.size() != exits.size() || total == 0) {
        network.emitRemark("ee-place-exits: no exit rates (") << interp::kCalibrationExitsAttr
                                                              << "): every exit pipeline";
      } else {
        haveRates = true;
        for (double &rate : rates)
          rate /= static_cast<double>(total);
        auto device = cost::loadDevice(target);
        if (!device)
          return network.emitError("ee-place-exits: ") << llvm::toString(device.takeError());
        cost::NetworkCost costs = cost::analyzeNetwork(network, *device);
        auto score = [&](const cost::DesignEstimate &d) {
          return objective == "latency"  ? d.expectedCycles
                 : objective == "energy" ? d.expectedMicrojoules
                                         : d.expectedCycles * d.expectedMicrojoules;
        };
        for (size_t e = 0; e < early; ++e) {
          // An exit that is never taken (no threshold, or no calibration sample takes it)
          // gets no hardware of its own.
          if (rates[e] == 0.0 || !exits[e].getThreshold())
            continue;
          std::vector<cost::Mode> trial = placements;
          trial[e] = cost::Mode::Parallel;
          cost::DesignEstimate current =
              cost::estimateDesign(costs, *device, clockNs, placements, rates);
          cost::DesignEstimate candidate = cost::estimateDesign(costs, *device, clockNs, trial, rates);
          if (score(candidate) < score(current) && cost::fits(candidate.resources, *device))
            placements = trial;
        }
      }
    }
    if (mode == "auto") {
      std::string goal = objective == "latency"  ? "latency"
                         : objective == "energy" ? "energy"
                                                 : "energy-delay product";
      network->setAttr(
          hls::attrs::kPlacementHow,
          StringAttr::get(network.getContext(),
                          engine ? "auto: engine binding has no parallel exits (one engine, one "
                                   "feature-map arena): every exit pipeline"
                          : haveRates ? "auto: per exit, parallel where it lowers the expected " +
                                            goal + " within the device"
                                      : "auto without a calibration set: exit rates unknown, "
                                        "every exit pipeline (no extra kernels)"));
    }
    for (size_t e = 0; e < early; ++e)
      exits[e].setPlacementAttr(ee::PlacementAttr::get(
          network.getContext(), placements[e] == cost::Mode::Parallel ? ee::Placement::parallel
                                                                      : ee::Placement::pipeline));
    return success();
  }
};

} // namespace
