// The cost model on cases small enough to count by hand: one conv and one dense layer
// (cycles of the layer library's loop nests) and a two-stage network with one exit
// (latency and energy of every exit path, their expectation, resources by placement).
#include "compiler/Analysis/CostModel.h"
#include "compiler/InitAll.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/Error.h"

#include <gtest/gtest.h>

namespace {

using namespace eecc;

constexpr const char *kLayers = R"mlir(
ee.network @layers {
^bb0(%x: tensor<1x1x4x4xf32>):
  %s = ee.stage 0 (%x) : (tensor<1x1x4x4xf32>) -> tensor<1x8xf32> {
  ^bb0(%in: tensor<1x1x4x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x1x3x3xf32>
    %c = nn.conv2d %in, %w : (tensor<1x1x4x4xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x2x2xf32>
    %f = nn.flatten %c : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
    ee.yield %f : tensor<1x8xf32>
  }
  %e = ee.exit 0 final (%s) : (tensor<1x8xf32>) -> tensor<1x4xf32> {
  ^bb0(%h: tensor<1x8xf32>):
    %w = arith.constant dense<0.25> : tensor<4x8xf32>
    %l = nn.dense %h, %w : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<1x4xf32>
    ee.yield %l : tensor<1x4xf32>
  }
}
)mlir";

TEST(CostModel, LayerCyclesFollowTheLoopNests) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kLayers, &context);
  ASSERT_TRUE(module);
  auto device = cost::loadDevice("zcu106");
  ASSERT_TRUE(static_cast<bool>(device)) << llvm::toString(device.takeError());
  ASSERT_EQ(device->floatMacII, 4);
  ASSERT_EQ(device->floatDepth, 14);
  ee::NetworkOp network = *module->getOps<ee::NetworkOp>().begin();
  cost::NetworkCost costs = cost::analyzeNetwork(network, *device);

  // conv2d, float: for m (2), oy (2), ox (2): an accumulator set and a store (2 cycles)
  // around for c (1), ky (3): the pipelined kx loop of 3 iterations at II 4 with depth
  // 14 (3 * 4 + 14 = 26 cycles). 8 outputs x (3 x 26 + 2) = 8 x 80 = 640.
  ASSERT_FALSE(costs.stages.empty());
  const cost::LayerCost *conv = nullptr;
  for (const cost::LayerCost &layer : costs.stages[0].layers)
    if (llvm::isa<nn::Conv2DOp>(layer.op))
      conv = &layer;
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->cycles, 640);
  EXPECT_EQ(conv->resources.dsp, device->dspPerFloatMac); // one float MAC datapath

  // dense, float: for m (4): the pipelined k loop of 8 iterations (8 * 4 + 14 = 46)
  // plus the accumulator set and the store: 4 x 48 = 192.
  const cost::LayerCost *dense = nullptr;
  for (const cost::LayerCost &layer : costs.exits.back().layers)
    if (llvm::isa<nn::DenseOp>(layer.op))
      dense = &layer;
  ASSERT_NE(dense, nullptr);
  EXPECT_EQ(dense->cycles, 192);
}

TEST(CostModel, EngineLayersFollowTheTiling) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kLayers, &context);
  ASSERT_TRUE(module);
  auto device = cost::loadDevice("zcu106");
  ASSERT_TRUE(static_cast<bool>(device)) << llvm::toString(device.takeError());
  ASSERT_EQ(device->ddrBytesPerCycle, 64); // 4 HP ports of 16 bytes per cycle
  ee::NetworkOp network = *module->getOps<ee::NetworkOp>().begin();
  cost::BindingPlan plan{cost::Binding::Engine, {2, 1}};
  cost::NetworkCost costs = cost::analyzeNetwork(network, *device, plan);

  // conv2d (2 filters of 1 x 3 x 3 over a 2 x 2 output plane, float) on a 2 x 1 engine,
  // the loops of eecc_engine::mac_engine_tiled: one output tile of 2 channels. Its
  // partial sums set: 2 x (4 pixels + depth 14) = 36. Then 9 reduction tiles of 1
  // entry, each loading its 2 weights (1 iteration of 2 single-beat m_axi reads, no
  // burst: 16 in flight per bundle over 64 cycles = 4 cycles a read, over 4 bundles:
  // II 2, + the latency 64 = 66), then sweeping the 4 pixels. The conv alone would
  // sweep at II 1 (1 arena read, 2 weights from registers, 2 + 2 partial-sum accesses
  // on 2 banks of 2 ports; the plane is as long as the adder's 4 cycles), but the
  // engine has one sweep pragma for all its layers, and the dense layer below earns II
  // 4: 4 x 4 + depth 14 + fetch()'s two dividers in series (2 x 36) = 102.
  // 9 x (66 + 102) = 1512. The drain: 2 x (4 + 14) = 36. 1584 cycles for 72 MACs: the
  // code as written loads every tile in series with its sweep.
  const cost::LayerCost *conv = nullptr;
  for (const cost::LayerCost &layer : costs.stages[0].layers)
    if (llvm::isa<nn::Conv2DOp>(layer.op))
      conv = &layer;
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->cycles, 1584);
  EXPECT_EQ(conv->macs, 72);
  EXPECT_EQ(conv->ddrBytes, 72);
  EXPECT_EQ(conv->resources.dsp, 0); // the engine's, counted once in `shared`

  // dense 4 x 8 (batch 1): 2 output tiles; per tile the sums set (2 x (1 + 14) = 30),
  // 8 reduction tiles of a load (66) and a one-row sweep whose accumulation recurs
  // over the float adder (1 row < 4 cycles: II 4) in the same datapath (4 + 86 = 90),
  // the drain (30): 30 + 8 x 156 + 30 = 1308, twice: 2616.
  const cost::LayerCost *dense = nullptr;
  for (const cost::LayerCost &layer : costs.exits.back().layers)
    if (llvm::isa<nn::DenseOp>(layer.op))
      dense = &layer;
  ASSERT_NE(dense, nullptr);
  EXPECT_EQ(dense->cycles, 2616);
  EXPECT_EQ(dense->macs, 32);

  // 2 float MAC lanes, one multiplier shared by both at the sweep's II of 4, and the
  // vector unit's one lane (Tn = 1).
  EXPECT_EQ(costs.shared.dsp, device->dspPerFloatMac + 1);
  EXPECT_FALSE(costs.featureMapsInDDR);
  // Alive at once in the stage: its 4 x 4 input and the conv's 8 outputs (32-bit floats).
  EXPECT_EQ(costs.arenaBits, (16 + 8) * 32);
}

TEST(CostModel, AutoBindingKeepsDedicatedWhenItFits) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kLayers, &context);
  ASSERT_TRUE(module);
  auto device = cost::loadDevice("zcu106");
  ASSERT_TRUE(static_cast<bool>(device));
  ee::NetworkOp network = *module->getOps<ee::NetworkOp>().begin();
  EXPECT_EQ(cost::chooseBinding(network, *device, std::nullopt).binding, cost::Binding::Dedicated);
  cost::BindingPlan engine = cost::chooseBinding(network, *device, cost::Binding::Engine);
  EXPECT_EQ(engine.binding, cost::Binding::Engine);
  // No tile within the backbone's DSP share beats the chosen one on the static path.
  auto staticCycles = [&](cost::Tiles tiles) {
    cost::NetworkCost costs =
        cost::analyzeNetwork(network, *device, {cost::Binding::Engine, tiles});
    return cost::estimateDesign(costs, *device, 5.0, cost::Mode::Static, {}).exitCycles.back();
  };
  const double cap = device->backboneDspShare * device->available.dsp;
  for (int64_t m = 1; m <= 64; m *= 2)
    for (int64_t n = 1; n <= 64; n *= 2)
      if (m * n * device->dspPerFloatMac <= cap)
        EXPECT_LE(staticCycles(engine.engine), staticCycles({m, n})) << m << " x " << n;
}

/// Two stages (100 and 200 cycles), one exit after stage 0 (30 cycles), a decision unit
/// of 10 cycles and a final classifier of 20; dynamic energies 2, 4, 1, 0.5 and 0.5 µJ.
cost::NetworkCost handNetwork() {
  cost::NetworkCost network;
  network.stages.resize(2);
  network.stages[0].cycles = 100;
  network.stages[0].dynamicMicrojoules = 2.0;
  network.stages[0].resources = {10, 20, 1000, 2000};
  network.stages[1].cycles = 200;
  network.stages[1].dynamicMicrojoules = 4.0;
  network.stages[1].resources = {20, 40, 2000, 4000};
  network.exits.resize(2);
  network.exits[0].cycles = 30;
  network.exits[0].dynamicMicrojoules = 1.0;
  network.exits[0].resources = {3, 5, 300, 600};
  network.exits[1].cycles = 20;
  network.exits[1].dynamicMicrojoules = 0.5;
  network.exits[1].resources = {2, 2, 200, 400};
  network.exitAfterStage = {0};
  network.decision.cycles = 10;
  network.decision.dynamicMicrojoules = 0.5;
  network.decision.resources = {4, 4, 500, 600};
  return network;
}

cost::Device handDevice() {
  cost::Device device;
  device.staticWatts = 1.0; // 1 W for 100 cycles of 10 ns = 1 µJ
  return device;
}

TEST(CostModel, StaticIsTheBackboneAlone) {
  auto estimate = cost::estimateDesign(handNetwork(), handDevice(), 10.0, cost::Mode::Static, {0.75, 0.25});
  EXPECT_EQ(estimate.exitCycles.back(), 100 + 200 + 20);
  EXPECT_DOUBLE_EQ(estimate.expectedCycles, 320.0); // every sample takes the final exit
  EXPECT_DOUBLE_EQ(estimate.exitMicrojoules.back(), 2 + 4 + 0.5 + 3.2);
  EXPECT_EQ(estimate.resources.dsp, 10 + 20 + 2);
}

TEST(CostModel, PipelineRunsTheExitInSeries) {
  auto estimate = cost::estimateDesign(handNetwork(), handDevice(), 10.0, cost::Mode::Pipeline, {0.75, 0.25});
  EXPECT_EQ(estimate.exitCycles[0], 100 + 30 + 10);
  EXPECT_EQ(estimate.exitCycles[1], 140 + 200 + 20); // continuing samples pay the exit
  EXPECT_DOUBLE_EQ(estimate.expectedCycles, 0.75 * 140 + 0.25 * 360);
  EXPECT_DOUBLE_EQ(estimate.exitMicrojoules[0], 2 + 1 + 0.5 + 1.4);
  EXPECT_DOUBLE_EQ(estimate.exitMicrojoules[1], 2 + 1.5 + 4 + 0.5 + 3.6);
  // In series, on kernels of its own (as eecc emits an exit's layers) and a decision unit.
  EXPECT_EQ(estimate.resources.dsp, 10 + 20 + 2 + 4 + 3);
  EXPECT_EQ(estimate.resources.bram18, 20 + 40 + 2 + 4 + 5);
}

TEST(CostModel, ParallelOverlapsTheExitWithTheNextStage) {
  // Stage 1 is two layers (50 and 150 cycles): it polls the decision between them. The
  // fork copies the branch point in 5 cycles.
  cost::NetworkCost network = handNetwork();
  network.stages[1].layers.resize(2);
  network.stages[1].layers[0].cycles = 50;
  network.stages[1].layers[1].cycles = 150;
  network.forkCycles = {5};
  network.forkMemory = {cost::Resources{0, 6, 0, 0}}; // two copies, two buffers each
  auto estimate = cost::estimateDesign(network, handDevice(), 10.0, cost::Mode::Parallel, {0.75, 0.25});
  // Decided 40 cycles into stage 1; the stage returns at its first poll after that.
  EXPECT_EQ(estimate.exitCycles[0], 100 + 5 + 50);
  EXPECT_EQ(estimate.exitCycles[1], 100 + 5 + 200 + 20); // continuing samples pay no exit time
  EXPECT_DOUBLE_EQ(estimate.expectedCycles, 0.75 * 155 + 0.25 * 325);
  // The exit's energy, plus the share of stage 1 that ran speculatively beside it
  // (50 of its 200 cycles: 0.25 x 4 µJ), plus static energy for 155 cycles.
  EXPECT_DOUBLE_EQ(estimate.exitMicrojoules[0], 2 + 1.5 + 1.0 + 1.55);
  EXPECT_DOUBLE_EQ(estimate.exitMicrojoules[1], 2 + 1.5 + 4 + 0.5 + 3.25);
  // Dedicated kernels, a decision unit and the abort channel's logic.
  EXPECT_EQ(estimate.resources.dsp, 10 + 20 + 2 + 4 + 3);
  EXPECT_EQ(estimate.resources.lut, 1000 + 2000 + 200 + 500 + 300 + 60);
  EXPECT_EQ(estimate.resources.bram18, 20 + 40 + 2 + 4 + 5 + 6); // and the fork's channels
  // A decision after the stage's last poll: the taken exit waits for the whole stage.
  network.stages[1].layers[0].cycles = 20;
  network.stages[1].layers[1].cycles = 20;
  estimate = cost::estimateDesign(network, handDevice(), 10.0, cost::Mode::Parallel, {0.75, 0.25});
  EXPECT_EQ(estimate.exitCycles[0], 100 + 5 + 200);
}

} // namespace

// A design's memories by kind: block RAM in its dual-port aspect ratios per bank, LUTRAM
// 64 bits per LUT, registers a flip-flop per bit, nothing for DDR; withDesignMemories
// keeps the formula's operators and replaces its memories.
TEST(CostModel, DesignMemoriesByKindAndBank) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"mlir(
hls.design @d target "zcu106" clock 5.0 {
  hls.memory @fm : bram words 1100 width 16 banks 1 ports 2 holds "feature map"
  hls.memory @psum : bram words 2048 width 64 banks 8 ports 2 holds "partial sums"
  hls.memory @narrow : bram words 5000 width 4 banks 1 ports 2 holds "weights"
  hls.memory @rom : lutram words 100 width 16 banks 1 ports 2 holds "table"
  hls.memory @tile : reg words 32 width 16 banks 1 ports 1 holds "tile"
  hls.memory @image : ddr words 1000000 width 16 banks 4 ports 1 holds "weight image"
  hls.memory @channel : bram words 1176 width 16 banks 1 ports 2 pingpong holds "channel"
}
)mlir", &context);
  ASSERT_TRUE(module);
  auto design = *module->getOps<hls::DesignOp>().begin();
  // 1100 x 16: two 1K x 18 BRAMs (the bits alone would fit in one); 8 banks of 256 x 64:
  // 4 BRAMs side by side each; 5000 x 4: two 4K x 4; a pingpong channel of 1176 x 16:
  // two buffers of two BRAMs.
  cost::Resources memories = cost::designMemoryResources(design);
  EXPECT_EQ(memories.bram18, 2 + 8 * 4 + 2 + 4);
  EXPECT_EQ(memories.lut, 25);       // 1600 bits
  EXPECT_EQ(memories.ff, 32 * 16);   // registers
  cost::Resources formula;
  formula.dsp = 5;
  formula.lut = 1000;
  formula.bram18 = 7;
  formula.memoryBram18 = 7;
  formula.memoryLut = 100;
  cost::Resources designed = cost::withDesignMemories(formula, design);
  EXPECT_EQ(designed.dsp, 5);
  EXPECT_EQ(designed.bram18, 40);
  EXPECT_EQ(designed.lut, 900 + 25);
  EXPECT_EQ(designed.ff, 512);
}
