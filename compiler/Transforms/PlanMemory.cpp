// hls-plan-memory: where every feature map of an engine design lives in the shared arena,
// and where every MAC layer's weights and biases lie in the DDR weight image.
#include "compiler/Analysis/Arena.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

namespace eecc {
#define GEN_PASS_DEF_PLANMEMORY
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

struct PlanMemoryPass : eecc::impl::PlanMemoryBase<PlanMemoryPass> {
  void runOnOperation() override {
    for (ee::NetworkOp network : getOperation().getOps<ee::NetworkOp>()) {
      // Clear an earlier plan: a network re-bound to dedicated kernels has no arena.
      network->removeAttr(hls::attrs::kArenaWords);
      network->removeAttr(hls::attrs::kArenaOffset);
      network->removeAttr(hls::attrs::kWeightImageWords);
      network.walk([](Operation *op) {
        op->removeAttr(hls::attrs::kArenaOffset);
        op->removeAttr(hls::attrs::kWeightOffset);
        op->removeAttr(hls::attrs::kBiasOffset);
      });
      if (hls::emittedBinding(network) != hls::Binding::engine)
        continue;
      ArenaPlan plan = planArena(network);
      Builder builder(&getContext());
      network->setAttr(hls::attrs::kArenaWords, builder.getI64IntegerAttr(plan.words));
      network->setAttr(hls::attrs::kArenaOffset,
                       builder.getI64IntegerAttr(plan.offset.lookup(
                           network.getBody().front().getArgument(0))));
      network.walk([&](Operation *op) {
        if (op->getNumResults() != 1 || isa<ee::StageOp, ee::ExitOp, arith::ConstantOp>(op))
          return;
        auto found = plan.offset.find(op->getResult(0));
        if (found != plan.offset.end())
          op->setAttr(hls::attrs::kArenaOffset, builder.getI64IntegerAttr(found->second));
      });
      // The weight image: each MAC layer's weights in the order the layers run, then its
      // biases (the 64-bit accumulator value of each: 4 words).
      int64_t words = 0;
      network.walk([&](Operation *op) {
        if (!isa<nn::Conv2DOp, nn::DenseOp>(op))
          return;
        auto count = [](Value value) { return cast<ShapedType>(value.getType()).getNumElements(); };
        op->setAttr(hls::attrs::kWeightOffset, builder.getI64IntegerAttr(words));
        words += count(op->getOperand(1));
        if (op->getNumOperands() > 2) {
          op->setAttr(hls::attrs::kBiasOffset, builder.getI64IntegerAttr(words));
          words += 4 * count(op->getOperand(2));
        }
      });
      network->setAttr(hls::attrs::kWeightImageWords, builder.getI64IntegerAttr(words));
    }
  }
};

} // namespace
