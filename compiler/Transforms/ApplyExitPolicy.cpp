// ee-apply-exit-policy: --exit-mode, --criterion and --thresholds over what the model says.
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"

#include "mlir/IR/Verifier.h"

#include <fmt/format.h>

namespace eecc {
#define GEN_PASS_DEF_APPLYEXITPOLICY
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

struct ApplyExitPolicyPass : eecc::impl::ApplyExitPolicyBase<ApplyExitPolicyPass> {
  using ApplyExitPolicyBase::ApplyExitPolicyBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (mode != "static" && mode != "pipeline" && mode != "parallel" && mode != "auto") {
      module.emitError("ee-apply-exit-policy: mode must be static, pipeline, parallel or auto, "
                       "not '")
          << mode.getValue() << "'";
      return signalPassFailure();
    }
    std::optional<ee::Criterion> newCriterion;
    if (!criterion.empty()) {
      newCriterion = ee::symbolizeCriterion(criterion == "max-softmax" ? "max_softmax"
                                                                       : criterion.getValue());
      if (!newCriterion) {
        module.emitError("ee-apply-exit-policy: criterion must be entropy, max-softmax or "
                         "margin, not '")
            << criterion.getValue() << "'";
        return signalPassFailure();
      }
    }
    // An earlier compile's design goes with the rest of what it decided.
    for (auto design : llvm::make_early_inc_range(module.getOps<hls::DesignOp>()))
      design.erase();
    for (ee::NetworkOp network : module.getOps<ee::NetworkOp>())
      if (failed(apply(network, newCriterion)))
        return signalPassFailure();
    if (failed(verify(module))) // thresholds in range for their criterion
      return signalPassFailure();
  }

  LogicalResult apply(ee::NetworkOp network, std::optional<ee::Criterion> newCriterion) {
    MLIRContext *context = network.getContext();
    Builder builder(context);
    // A compile starts afresh: what an earlier compile measured, estimated or carried
    // (report sections, test samples, exit counts, the arena plan) goes.
    for (NamedAttribute attribute : llvm::to_vector(network->getAttrs())) {
      StringRef name = attribute.getName().getValue();
      if (name.starts_with("hls.report.") || name.starts_with("hls.test_") ||
          name == hls::attrs::kArenaWords || name == hls::attrs::kArenaOffset)
        network->removeAttr(attribute.getName());
    }
    network.walk([](Operation *op) {
      op->removeAttr("hls.calibration_exits");
      op->removeAttr(hls::attrs::kArenaOffset);
    });
    if (!source.empty() && !network->hasAttr("eecc.source"))
      network->setAttr("eecc.source", builder.getStringAttr(source));
    network->setAttr(hls::attrs::kExitMode, builder.getStringAttr(mode));
    for (ee::ExitOp exit : ee::getExits(network)) {
      if (mode == "static" && !exit.getFinal()) {
        exit.erase(); // the backbone alone: the baseline every report compares against
      } else if (mode == "static") {
        exit.setIndexAttr(builder.getI64IntegerAttr(0));
      } else if (!exit.getFinal() && mode == "auto") {
        if (!keepPlacements)
          exit.removePlacementAttr(); // ee-place-exits decides, after hls-bind
      } else if (!exit.getFinal()) {
        exit.setPlacementAttr(ee::PlacementAttr::get(
            context, mode == "pipeline" ? ee::Placement::pipeline : ee::Placement::parallel));
      }
    }
    if (mode == "static")
      network->setAttr(hls::attrs::kPlacementHow, builder.getStringAttr("--exit-mode=static"));
    else if (mode != "auto")
      network->setAttr(hls::attrs::kPlacementHow, builder.getStringAttr("--exit-mode"));
    if (!newCriterion && thresholds.empty())
      return success();
    SmallVector<ee::ExitOp> early;
    for (ee::ExitOp exit : ee::getExits(network))
      if (!exit.getFinal())
        early.push_back(exit);
    if (!thresholds.empty() && thresholds.size() != early.size()) {
      auto source = network->getAttrOfType<StringAttr>("eecc.source");
      return network.emitError(fmt::format(
          "--thresholds gives {} value(s) but {} has {} early exit(s)", thresholds.size(),
          source ? source.str() : "@" + network.getSymName().str(), early.size()));
    }
    for (auto [index, exit] : llvm::enumerate(early)) {
      if (newCriterion && thresholds.empty() && exit.getThreshold())
        return network.emitError(
            "--criterion replaces the model's criteria; give --thresholds for the new one");
      if (newCriterion)
        exit.setCriterionAttr(ee::CriterionAttr::get(context, *newCriterion));
      if (!thresholds.empty()) {
        if (!exit.getCriterion())
          return network.emitError(
              fmt::format("--thresholds: exit {} has no criterion; give --criterion", index));
        exit.setThresholdAttr(builder.getF64FloatAttr(thresholds[index]));
        exit.setStrict(false); // --thresholds are passed at >= (<= for entropy)
      }
    }
    return success();
  }
};

} // namespace
