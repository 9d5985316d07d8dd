// hls-bind: dedicated kernels or shared engines, by option or by the device's budget.
#include "compiler/Analysis/CostModel.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"

namespace eecc {
#define GEN_PASS_DEF_HLSBIND
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

struct HLSBindPass : eecc::impl::HLSBindBase<HLSBindPass> {
  using HLSBindBase::HLSBindBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<cost::Binding> forced;
    if (binding == "dedicated")
      forced = cost::Binding::Dedicated;
    else if (binding == "engine")
      forced = cost::Binding::Engine;
    else if (binding != "auto") {
      module.emitError("hls-bind: binding must be auto, dedicated or engine, not '")
          << binding.getValue() << "'";
      return signalPassFailure();
    }
    auto tileValid = [](int64_t t) { return t >= 0 && t <= 1024; };
    if (!tileValid(tileM) || !tileValid(tileN) || (tileM == 0) != (tileN == 0)) {
      module.emitError("hls-bind: tile-m and tile-n must both be 0 (chosen) or both 1 to 1024, "
                       "not ")
          << tileM.getValue() << " and " << tileN.getValue();
      return signalPassFailure();
    }
    if (tileM > 0 && forced == cost::Binding::Dedicated) {
      module.emitError("hls-bind: tile-m and tile-n need binding=engine or auto");
      return signalPassFailure();
    }
    auto device = cost::loadDevice(target);
    if (!device) {
      module.emitError("hls-bind: ") << llvm::toString(device.takeError());
      return signalPassFailure();
    }
    for (ee::NetworkOp network : module.getOps<ee::NetworkOp>()) {
      cost::BindingPlan plan = cost::chooseBinding(network, *device, forced);
      // The engine design runs everything on one engine over one feature-map arena: an
      // exit and the next stage cannot run beside each other in a canonical DATAFLOW
      // region (both would use the arena), so a parallel exit is refused, never emitted
      // in a form that Vitis serializes.
      if (plan.binding == cost::Binding::Engine)
        for (ee::ExitOp exit : ee::getExits(network))
          if (!exit.getFinal() && exit.getPlacement() == ee::Placement::parallel) {
            exit.emitError("exit ")
                << exit.getIndex() << " is placed parallel, but engine binding"
                << (forced ? "" : " (the dedicated design does not fit the device)")
                << " runs every layer on one engine over one feature-map arena, so the exit "
                   "cannot run beside the next stage; use --exit-mode=pipeline"
                << (forced ? ", or --binding=dedicated" : "");
            return signalPassFailure();
          }
      if (plan.binding == cost::Binding::Engine && tileM > 0)
        plan.engine = {tileM, tileN};
      cost::NetworkCost costs = cost::analyzeNetwork(network, *device, plan);
      cost::recordBinding(network, costs);
    }
  }
};

} // namespace
