// The feature-map arena of engine binding on a network small enough to lay out by hand,
// with a parallel exit (whose maps may not share words with the stage beside it).
#include "compiler/Analysis/Arena.h"
#include "compiler/InitAll.h"
#include "dialects/ee/EEOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

namespace {

using namespace eecc;

constexpr const char *kNetwork = R"mlir(
ee.network @net {
^bb0(%in: tensor<1x1x4x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x1x4x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x1x1x1xf32>
    %c = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
    %r = nn.relu %c : tensor<1x2x4x4xf32>
    ee.yield %r : tensor<1x2x4x4xf32>
  }
  %e0 = ee.exit 0 (%s0) criterion max_softmax threshold 0.8 placement PLACEMENT : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x2x4x4xf32>):
    %r = nn.relu %x : tensor<1x2x4x4xf32>
    ee.yield %r : tensor<1x2x4x4xf32>
  }
  %e1 = ee.exit 1 final (%s1) : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
}
)mlir";

struct Layout {
  int64_t input, conv, relu0, exitPool, exitView, relu1, finalPool, words;
};

Layout layOut(const std::string &placement) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  std::string text = kNetwork;
  text.replace(text.find("PLACEMENT"), 9, placement);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  EXPECT_TRUE(module);
  if (!module)
    return {};
  ee::NetworkOp network = *module->getOps<ee::NetworkOp>().begin();
  ArenaPlan plan = planArena(network);
  auto ops = [&](mlir::Region &region) {
    llvm::SmallVector<mlir::Operation *> result;
    for (mlir::Operation &op : region.front())
      if (!llvm::isa<mlir::arith::ConstantOp, ee::YieldOp>(op))
        result.push_back(&op);
    return result;
  };
  llvm::SmallVector<mlir::Operation *> blocks;
  for (mlir::Operation &op : network.getBody().front())
    blocks.push_back(&op);
  auto at = [&](int block, int index) {
    return plan.offset.lookup(ops(blocks[block]->getRegion(0))[index]->getResult(0));
  };
  return {plan.offset.lookup(network.getBody().front().getArgument(0)),
          at(0, 0), at(0, 1), at(1, 0), at(1, 1), at(2, 0), at(3, 0), plan.words};
}

TEST(Arena, PipelineReusesWordsOnceMapsAreDead) {
  // Steps: conv 1, relu 2 (stage 0); pool 3, view 4, decision 6 (exit 0); relu 6
  // (stage 1); pool 8 (final). The input (16 words, read at 1) and the conv (32, read at
  // 2) die early, so the exit's pool (2 words) takes word 0 and stage 1's relu word 2;
  // no map takes the words of a map its own layer reads.
  Layout l = layOut("pipeline");
  EXPECT_EQ(l.input, 0);
  EXPECT_EQ(l.conv, 16);    // beside the input it reads
  EXPECT_EQ(l.relu0, 48);   // beside the conv it reads
  EXPECT_EQ(l.exitPool, 0); // the input and the conv are dead by then
  EXPECT_EQ(l.exitView, l.exitPool); // flatten is a view
  EXPECT_EQ(l.relu1, 2);    // after the exit's logits, which live until its decision
  EXPECT_EQ(l.finalPool, 0); // the exit's logits are dead
  EXPECT_EQ(l.words, 80);
}

TEST(Arena, ParallelExitAndItsStageNeverShareWords) {
  // Exit 0 and stage 1 run at once (steps 3 to 8): everything they touch lives through
  // the span, so stage 1's relu cannot take the exit's words, and the final pool (step
  // 8) cannot take either's.
  Layout l = layOut("parallel");
  EXPECT_EQ(l.exitPool, 0);
  EXPECT_EQ(l.relu1, 2);
  EXPECT_EQ(l.finalPool, 34);
  EXPECT_EQ(l.words, 80);
}

} // namespace
