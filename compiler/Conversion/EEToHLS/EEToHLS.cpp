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

/// The design's hls.schedule: each block's kernel calls in order, an exit unit's call
/// after its exit's kernels; a parallel exit's fork, then its kernels and decision beside
/// the next stage, which polls the decision between its layers.
template <typename Plan>
void buildSchedule(hls::DesignOp design, ArrayRef<Plan> blocks) {
  OpBuilder builder(design.getContext());
  builder.setInsertionPointToEnd(&design.getBody().front());
  auto schedule = builder.create<hls::ScheduleOp>(design.getLoc());
  builder.setInsertionPointToStart(&schedule.getBody().emplaceBlock());
  auto call = [&](StringRef symbol) {
    builder.create<hls::CallOp>(design.getLoc(), FlatSymbolRefAttr::get(builder.getContext(), symbol));
  };
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Plan &block = blocks[i];
    if (block.fork.empty() || i + 1 >= blocks.size() || !isa<ee::StageOp>(blocks[i + 1].op)) {
      if (!block.fork.empty())
        call(block.fork);
      for (const std::string &kernel : block.kernels)
        call(kernel);
      if (!block.unit.empty())
        call(block.unit);
      continue;
    }
    call(block.fork);
    auto concurrent = builder.create<hls::ConcurrentOp>(design.getLoc());
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(&concurrent.getExitBody().emplaceBlock());
    for (const std::string &kernel : block.kernels)
      call(kernel);
    if (!block.unit.empty())
      call(block.unit);
    builder.setInsertionPointToStart(&concurrent.getStageBody().emplaceBlock());
    const Plan &next = blocks[++i];
    for (auto [index, kernel] : llvm::enumerate(next.kernels)) {
      if (index > 0 && !block.unit.empty() && !StringRef(kernel).contains("_result_"))
        builder.create<hls::PollOp>(design.getLoc(),
                                    FlatSymbolRefAttr::get(builder.getContext(), block.unit));
      call(kernel);
    }
    builder.setInsertionPointAfter(concurrent);
  }
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
    // Each block's kernels in the order they run, its exit unit, its fork.
    struct BlockPlan {
      Operation *op;
      SmallVector<std::string> kernels;
      std::string unit, fork;
    };
    SmallVector<BlockPlan> blocks;
    // Dedicated: the buffers the blocks' results are copied into, and a parallel exit's
    // fork feeding the next stage; a block's arguments read them.
    llvm::DenseMap<Value, hls::MemoryOp> resultBuffers;
    hls::MemoryOp forkForNextStage;
    Value forkedValue;
    for (Operation &op : network.getBody().front()) {
      if (op.getNumRegions() != 1)
        continue;
      BlockPlan &block = blocks.emplace_back(BlockPlan{&op, {}, {}, {}});
      auto exit = dyn_cast<ee::ExitOp>(op);
      std::string region = exit ? "exit_" + std::to_string(exit.getIndex())
                                : "stage_" + std::to_string(cast<ee::StageOp>(op).getIndex());
      const bool parallel = exit && !exit.getFinal() && !engine && exit.getPlacement() &&
                            *exit.getPlacement() == ee::Placement::parallel;
      mlir::Block &body = op.getRegion(0).front();
      if (!engine)
        for (auto [argument, operand] : llvm::zip(body.getArguments(), op.getOperands()))
          if (hls::MemoryOp buffer = resultBuffers.lookup(operand))
            designer.bindArgument(argument, buffer);
      if (parallel) {
        block.fork = region + "_fork";
        if (hls::KernelOp fork = designer.buildFork(exit->getOperands(), block.fork)) {
          auto memoryOf = [&](StringRef suffix) {
            return SymbolTable::lookupNearestSymbolFrom<hls::MemoryOp>(
                design, StringAttr::get(design.getContext(), block.fork + suffix.str()));
          };
          for (Value argument : body.getArguments())
            designer.bindArgument(argument, memoryOf(".exit"));
          forkForNextStage = memoryOf(".stage");
          forkedValue = exit->getOperand(0);
        }
      } else if (forkForNextStage && isa<ee::StageOp>(op)) {
        for (auto [argument, operand] : llvm::zip(body.getArguments(), op.getOperands()))
          if (operand == forkedValue)
            designer.bindArgument(argument, forkForNextStage);
        forkForNextStage = hls::MemoryOp();
      }
      for (Operation &layer : op.getRegion(0).front()) {
        if (isa<arith::ConstantOp>(layer))
          continue;
        if (auto yield = dyn_cast<ee::YieldOp>(layer)) {
          // Dedicated: each result is copied into the caller's buffer.
          if (!engine)
            for (auto [index, value] : llvm::enumerate(yield.getValues())) {
              block.kernels.push_back(region + "_result_" + std::to_string(index));
              designer.buildCopy(value, block.kernels.back());
              hls::MemoryOp buffer = SymbolTable::lookupNearestSymbolFrom<hls::MemoryOp>(
                  design, StringAttr::get(design.getContext(), block.kernels.back() + ".out"));
              resultBuffers[op.getResult(index)] = buffer;
              designer.bindArgument(op.getResult(index), buffer);
            }
          continue;
        }
        std::string symbol = symbolOf(&layer);
        if (designer.buildLayer(&layer, symbol))
          block.kernels.push_back(symbol);
      }
      if (exit && !exit.getFinal() && exit.getCriterion() && exit.getThreshold())
        block.unit = region;
    }
    // The exit units after the kernels.
    OpBuilder unitBuilder(design.getContext());
    unitBuilder.setInsertionPointToEnd(&design.getBody().front());
    for (const BlockPlan &block : blocks) {
      if (block.unit.empty())
        continue;
      auto exit = cast<ee::ExitOp>(block.op);
      unitBuilder.create<hls::ExitUnitOp>(
          exit.getLoc(), unitBuilder.getStringAttr(block.unit),
          unitBuilder.getI64IntegerAttr(exit.getIndex()),
          unitBuilder.getStringAttr(ee::stringifyCriterion(*exit.getCriterion())),
          unitBuilder.getF64FloatAttr(exit.getThreshold()->convertToDouble()),
          unitBuilder.getI64IntegerAttr(
              cast<ShapedType>(exit.getLogits().getType()).getNumElements()),
          unitBuilder.getStringAttr(block.fork.empty() ? "pipeline" : "parallel"));
    }
    buildSchedule<BlockPlan>(design, blocks);
    if (engine) {
      if (auto words = network->getAttrOfType<IntegerAttr>(hls::attrs::kArenaWords))
        designer.setArenaWords(words.getInt());
      if (auto words = network->getAttrOfType<IntegerAttr>(hls::attrs::kWeightImageWords))
        designer.setWeightImageWords(words.getInt());
    }
  }
};

} // namespace
