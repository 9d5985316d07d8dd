// hls-bind: dedicated kernels or shared engines, by option or by the device's budget.
#include "compiler/Analysis/CostModel.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include <fmt/format.h>

namespace eecc {
#define GEN_PASS_DEF_HLSBIND
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

/// Why the engine design cannot be emitted for `network` (empty: it can): the pieces of
/// the engine emitter (compiler/Emit/HLSCpp) a network needs.
std::string engineRefusal(ee::NetworkOp network) {
  if (!network->hasAttr(hls::attrs::kInputType))
    return "the engine design is fixed-point (a float design keeps one kernel per layer)";
  auto narrow = [](Value value) {
    auto format = dyn_cast_or_null<hls::FixedPointAttr>(hls::fixedFormatOf(value));
    return format && format.getWidth() <= 16;
  };
  if (!narrow(network.getBody().front().getArgument(0)))
    return "the network's input format is wider than the arena's 16-bit words";
  std::string why;
  network.walk([&](Operation *op) {
    if (!why.empty() ||
        isa<ee::StageOp, ee::ExitOp, ee::YieldOp, ee::NetworkOp, arith::ConstantOp>(op))
      return;
    std::string layer = fmt::format("layer '{}' ({})", nn::layerName(op), op->getName().getStringRef().str());
    if (!isa<nn::Conv2DOp, nn::DenseOp, nn::ReluOp, nn::ClipOp, nn::MaxPool2DOp,
             nn::GlobalAvgPoolOp, nn::AddOp, nn::SubOp, nn::MulOp, nn::SigmoidOp, nn::TanhOp,
             nn::SliceOp, nn::PadOp, nn::FlattenOp, nn::ReshapeOp, nn::LRNOp>(op)) {
      why = layer + ": the engine design has no kernel for it yet";
      return;
    }
    if (!narrow(op->getResult(0))) {
      why = layer + ": its output format is wider than the arena's 16-bit words";
      return;
    }
    if (isa<nn::AddOp, nn::SubOp, nn::MulOp>(op))
      for (Value operand : op->getOperands())
        if (ee::resolveNetworkValue(operand).getDefiningOp<arith::ConstantOp>() &&
            !narrow(operand)) {
          why = layer + ": its constant operand's format is wider than the engine's 16-bit words";
          return;
        }
    if (isa<nn::FlattenOp, nn::ReshapeOp>(op) &&
        hls::fixedFormatOf(op->getOperand(0)) != hls::fixedFormatOf(op->getResult(0))) {
      why = layer + ": changes the number format (the engine design reads it as a view)";
      return;
    }
    if (!isa<nn::Conv2DOp, nn::DenseOp>(op))
      return;
    Value weight = op->getOperand(1);
    auto accum = dyn_cast_or_null<hls::FixedPointAttr>(op->getAttr(hls::attrs::kAccumType));
    auto in = dyn_cast_or_null<hls::FixedPointAttr>(hls::fixedFormatOf(op->getOperand(0)));
    auto w = dyn_cast_or_null<hls::FixedPointAttr>(hls::fixedFormatOf(weight));
    if (!accum || !in || !w || !weight.getDefiningOp<arith::ConstantOp>() ||
        !cast<ShapedType>(weight.getType()).getElementType().isF32() ||
        (op->getNumOperands() > 2 && !op->getOperand(2).getDefiningOp<arith::ConstantOp>())) {
      why = layer + ": the engine needs constant float32 weights with fixed-point formats";
      return;
    }
    if (w.getWidth() > 16 || in.getWidth() > 16)
      why = layer + ": the engine multiplies 16-bit words, its operands are wider";
    else if (accum.getFractionalBits() != in.getFractionalBits() + w.getFractionalBits() ||
             accum.getOverflow() != hls::OverflowMode::wrap || accum.getWidth() > 64)
      why = layer + ": its accumulator is not exact (fractional bits of input + weight, AP_WRAP, "
                    "at most 64 bits), which the engine's integer sums need";
  });
  return why;
}

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
      const bool engine = plan.binding == cost::Binding::Engine;
      network->setAttr(hls::attrs::kBindingHow,
                       StringAttr::get(&getContext(),
                                       forced   ? "--binding"
                                       : engine ? "auto: the dedicated design does not fit the device"
                                                : "auto: the dedicated design fits the device"));
      network->removeAttr(hls::attrs::kEmittedBinding);
      network->removeAttr(hls::attrs::kEmittedWhy);
      // The engine design when the emitter has every piece of it; otherwise the
      // dedicated one (same answers), estimated as the engine design, and why.
      if (std::string refusal = engine ? engineRefusal(network) : ""; !refusal.empty()) {
        network->setAttr(hls::attrs::kEmittedBinding,
                         hls::BindingAttr::get(&getContext(), hls::Binding::dedicated));
        network->setAttr(hls::attrs::kEmittedWhy, StringAttr::get(&getContext(), refusal));
        network.emitWarning("engine binding is estimated in report.json, but hls/ binds every "
                            "layer to a dedicated kernel: ")
            << refusal;
      }
    }
  }
};

} // namespace
