// ee-to-hls: build the hls.design of a network (see Passes.td).
#include "compiler/Analysis/CostModel.h"
#include "compiler/Conversion/EEToHLS/Kernels.h"
#include "compiler/Conversion/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace eecc {
#define GEN_PASS_DEF_EETOHLS
#include "compiler/Conversion/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

/// The largest output plane (a dense layer's rows) of the network's MAC layers: the
/// engine's partial-sum depth (as the engine emitter sizes it).
int64_t maxMacPixels(ee::NetworkOp network) {
  int64_t pixels = 1;
  network.walk([&](Operation *op) {
    if (auto conv = dyn_cast<nn::Conv2DOp>(op)) {
      auto out = cast<ShapedType>(conv.getType()).getShape();
      pixels = std::max(pixels, out[2] * out[3]);
    } else if (auto dense = dyn_cast<nn::DenseOp>(op)) {
      pixels = std::max(pixels, cast<ShapedType>(dense.getInput().getType()).getShape()[0]);
    }
  });
  return pixels;
}

struct EEToHLSPass : eecc::impl::EEToHLSBase<EEToHLSPass> {
  using EEToHLSBase::EEToHLSBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::Expected<cost::Device> device = cost::loadDevice(target);
    if (!device) {
      module.emitError() << "ee-to-hls: " << llvm::toString(device.takeError());
      return signalPassFailure();
    }
    for (auto design : llvm::make_early_inc_range(module.getOps<hls::DesignOp>()))
      design.erase();
    for (ee::NetworkOp network : llvm::make_early_inc_range(module.getOps<ee::NetworkOp>()))
      build(network, *device);
  }

  void build(ee::NetworkOp network, const cost::Device &device) {
    const bool fixed = network->hasAttr(hls::attrs::kInputType);
    const bool engine = hls::emittedBinding(network) == hls::Binding::engine;
    hls::EngineShape shape;
    if (engine) {
      if (auto tiles = network->getAttrOfType<DenseI64ArrayAttr>(hls::attrs::kEngineTiles);
          tiles && tiles.size() == 2) {
        shape.tileM = tiles[0];
        shape.tileN = tiles[1];
      }
      if (auto ports = network->getAttrOfType<IntegerAttr>(hls::attrs::kWeightPorts))
        shape.weightPorts = ports.getInt();
      shape.maxPixels = maxMacPixels(network);
    }
    OpBuilder builder(network);
    builder.setInsertionPointAfter(network);
    auto name = network->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
    auto design = builder.create<hls::DesignOp>(
        network.getLoc(), builder.getStringAttr((name ? name.getValue() : "network") + "_design"),
        builder.getStringAttr(target), builder.getF64FloatAttr(clockNs));
    hls::DesignBuilder designer(design, cost::loopTiming(device, fixed), engine ? &shape : nullptr);
    int64_t unnamed = 0;
    auto symbolOf = [&](Operation *op) {
      auto cname = op->getAttrOfType<StringAttr>("eecc.cname");
      return cname ? cname.str() : "layer_" + std::to_string(unnamed++);
    };
    for (Operation &op : network.getBody().front()) {
      if (op.getNumRegions() != 1)
        continue;
      std::string region =
          isa<ee::StageOp>(op)
              ? "stage_" + std::to_string(cast<ee::StageOp>(op).getIndex())
              : "exit_" + std::to_string(cast<ee::ExitOp>(op).getIndex());
      for (Operation &layer : op.getRegion(0).front()) {
        if (isa<arith::ConstantOp>(layer))
          continue;
        if (auto yield = dyn_cast<ee::YieldOp>(layer)) {
          // Dedicated: each result is copied into the caller's buffer.
          if (!engine)
            for (auto [index, value] : llvm::enumerate(yield.getValues()))
              designer.buildCopy(value, region + "_result_" + std::to_string(index));
          continue;
        }
        designer.buildLayer(&layer, symbolOf(&layer));
      }
    }
    if (engine) {
      if (auto words = network->getAttrOfType<IntegerAttr>(hls::attrs::kArenaWords))
        designer.setArenaWords(words.getInt());
      if (auto words = network->getAttrOfType<IntegerAttr>(hls::attrs::kWeightImageWords))
        designer.setWeightImageWords(words.getInt());
    }
  }
};

} // namespace
