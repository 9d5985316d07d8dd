// The analytical cost model: cycles, resources, power and energy of a network's layers
// under either binding (dedicated: one kernel per layer as the eecc layer library
// schedules it, the innermost loop pipelined, weights on chip; engine: conv2d and dense
// on one shared MAC engine of tile factors Tm x Tn, weights streamed from DDR, feature
// maps in a reused on-chip arena or in DDR), and the latency and energy of every exit
// path under the static, pipeline and parallel placements. Every number is an estimate.
#ifndef EECC_ANALYSIS_COSTMODEL_H
#define EECC_ANALYSIS_COSTMODEL_H

#include "compiler/Conversion/EEToHLS/Kernels.h"
#include "dialects/ee/EEOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eecc::cost {

struct Resources {
  int64_t dsp = 0, bram18 = 0, lut = 0, ff = 0;
  /// The part of bram18 / lut / ff that data memories take (feature maps, weights, ROMs,
  /// partial sums), so that a design's own hls.memory ops can stand in for the formula's
  /// (withDesignMemories).
  int64_t memoryBram18 = 0, memoryLut = 0, memoryFf = 0;
  Resources &operator+=(const Resources &other) {
    dsp += other.dsp;
    bram18 += other.bram18;
    lut += other.lut;
    ff += other.ff;
    memoryBram18 += other.memoryBram18;
    memoryLut += other.memoryLut;
    memoryFf += other.memoryFf;
    return *this;
  }
  friend Resources operator+(Resources a, const Resources &b) { return a += b; }
};

/// A device description (templates/devices/<name>.json, embedded in the binary).
struct Device {
  std::string name, part, powerSource, scheduleSource;
  std::string boardPart; // Vivado board part (board files), empty when the device has none
  Resources available;
  double defaultClockNs = 5.0;
  /// The clock periods a design for this device can be built at (the PL clock the PS
  /// generates, and what the fabric reaches), in ns.
  double minClockNs = 2.5, maxClockNs = 100.0;
  double staticWatts = 0.0;
  /// Dynamic power per resource in µW/MHz: dsp, bram18, lut, ff.
  double dspPower = 0.0, bramPower = 0.0, lutPower = 0.0, ffPower = 0.0;
  int64_t fixedMacII = 1, floatMacII = 4, fixedDepth = 6, floatDepth = 14;
  /// A pipelined run-time integer divider's latency, and an m_axi read's (request to data).
  int64_t dividerLatency = 36, ddrLatency = 64;
  /// Single-beat m_axi reads a bundle keeps in flight (Vitis' num_read_outstanding).
  int64_t outstandingReads = 16;
  int64_t dspPerFixedMac = 1, dspPerFloatMac = 5;
  // Engine binding (the device file's "engine" section).
  std::string engineSource;
  /// m_axi bundles the engine reads weights over (one per HP port), bytes per cycle of
  /// each, and DDR's peak; ddrBytesPerCycle = min(ports x per port, peak).
  int64_t weightPorts = 1, bytesPerPortCycle = 16, ddrPeakBytesPerCycle = 96;
  int64_t ddrBytesPerCycle = 16;
  double ddrPicojoulesPerByte = 150.0;
  /// The share of the DSPs the backbone's engine may take (the rest: parallel exits'
  /// engines and the other kernels).
  double backboneDspShare = 0.6;
  int64_t lutPerFixedMac = 30, ffPerFixedMac = 60, lutPerFloatMac = 400, ffPerFloatMac = 600;
};

/// The loop timing of the device's schedule for a fixed-point or float design: what
/// the kernels' loop nests (hls IR) take from the device file.
hls::LoopTiming loopTiming(const Device &device, bool fixed);

/// The on-chip resources of one hls.memory: per bank, block RAM in the aspect ratios of a
/// true dual-port BRAM18 (16K x 1, 8K x 2, 4K x 4, 2K x 9, 1K x 18; wider words side by
/// side), URAM as block RAM of 72-bit words (not counted apart), LUTRAM 64 bits per LUT,
/// registers one flip-flop per bit; nothing on chip for DDR; twice that for a pingpong
/// channel of a DATAFLOW region.
Resources memoryResources(hls::MemoryOp memory);

/// The memories of `design`, summed.
Resources designMemoryResources(hls::DesignOp design);

/// `formula` (an estimate whose memories the cost model sized itself) with those memories
/// replaced by the design's: operators and control from the formula, memories from the IR.
Resources withDesignMemories(const Resources &formula, hls::DesignOp design);

/// Whether `used` fits within the device's resources.
bool fits(const Resources &used, const Device &device);

/// The devices eecc knows (names of templates/devices/*.json).
std::vector<std::string> knownDevices();
llvm::Expected<Device> loadDevice(llvm::StringRef name);

enum class Binding { Dedicated, Engine };

/// A MAC engine's tile factors: `m` output channels times `n` input channels per cycle.
struct Tiles {
  int64_t m = 1, n = 1;
  int64_t macs() const { return m * n; }
};

/// How a network binds to hardware: what hls-bind decides and records on ee.network.
struct BindingPlan {
  Binding binding = Binding::Dedicated;
  Tiles engine; // the backbone's shared MAC engine (engine binding only)
};

/// The plan recorded on `network` (dedicated when it carries none).
BindingPlan bindingOf(ee::NetworkOp network);
/// hls-bind's choice: `forced`, or under auto dedicated when the design fits the
/// device with every exit pipelined and engine binding otherwise; the engine's tiles
/// minimize the static path's cycles within the backbone's DSP share (ties: fewer DSPs)
/// among powers of two up to 64 x 64.
BindingPlan chooseBinding(ee::NetworkOp network, const Device &device,
                          std::optional<Binding> forced);
const char *bindingName(Binding binding);

/// One layer's kernel: cycles per sample (its loop nest as hls IR: hls::layerCycles) and
/// resources.
struct LayerCost {
  mlir::Operation *op = nullptr;
  int64_t cycles = 0;
  Resources resources;
  /// Dynamic energy per sample while the layer runs, in µJ.
  double dynamicMicrojoules = 0.0;
  /// Multiply-accumulates of one sample (conv2d, dense) and bytes moved over DDR.
  int64_t macs = 0, ddrBytes = 0;
  /// The engine the layer ran on (engine binding, conv2d and dense), else 0 x 0.
  Tiles tiles{0, 0};
};

/// Cycles and resources of one layer under dedicated binding; `fixed` when the network
/// carries hls.type formats.
LayerCost layerCost(mlir::Operation *op, const Device &device, bool fixed);
/// A conv2d or dense on a shared engine of `tiles` (weights from DDR, the feature maps
/// in the on-chip arena; `featureMapsInDDR` adds their DDR traffic to the energy). The
/// cycles are the loops of eecc_engine::mac_engine_tiled as written (hls::layerCycles):
/// per output tile, the partial sums set from the bias; per reduction tile of Tn
/// entries, the Tm x Tn weights loaded over the m_axi bundles, then the output pixels
/// swept at the II the arena's ports allow (Tn reads per pixel from one 2-port array);
/// each output channel drained one pixel per cycle. `sweepII`: the engine's one sweep
/// pragma, the largest II its layers earn (a layer whose own is lower runs at it).
LayerCost engineLayerCost(mlir::Operation *op, const Device &device, bool fixed, Tiles tiles,
                          bool featureMapsInDDR, int64_t sweepII = 1);

/// A stage or an exit classifier: its layers, summed.
struct BlockCost {
  int64_t cycles = 0;
  Resources resources; // compute kernels and buffers
  double dynamicMicrojoules = 0.0;
  std::vector<LayerCost> layers;
};

enum class Mode { Static, Pipeline, Parallel };

/// Costs of a network's stages and exits, in backbone order.
struct NetworkCost {
  std::vector<BlockCost> stages;
  std::vector<BlockCost> exits; // by exit index; the final exit last
  std::vector<int64_t> exitAfterStage; // the stage each exit's branch point ends
  /// Per early exit, placed parallel: the fork copying its branch point into the exit's
  /// and the next stage's channels.
  std::vector<int64_t> forkCycles;
  /// Per early exit, placed parallel under dedicated binding: the fork's two copies,
  /// channels of the parallel region's DATAFLOW (two buffers each).
  std::vector<Resources> forkMemory;
  BlockCost decision; // one exit decision unit
  bool fixed = false;
  BindingPlan binding;
  /// Engine binding: the shared engine and its buffers, and the feature-map arena
  /// (counted once per design); dedicated fixed point: the on-chip copy of the input.
  Resources shared;
  bool featureMapsInDDR = false;
  int64_t weightPorts = 1; // the engine's m_axi bundles for weights
  int64_t arenaBits = 0; // the feature-map arena (engine binding; see Arena.h)
  /// An early exit placed in parallel under engine binding runs on an engine of its own
  /// (`exitEngines`, its resources inside `parallelExits`); empty under dedicated
  /// binding, where a parallel exit's kernels are `exits`.
  std::vector<BlockCost> parallelExits;
  std::vector<Tiles> exitEngines;
};

/// Costs under the binding the network records (bindingOf).
NetworkCost analyzeNetwork(ee::NetworkOp network, const Device &device);
/// The costs of engine-bound layers that do not depend on the tiles (every layer but
/// conv2d and dense), kept across the candidates of a tile search.
using TileIndependentCosts = llvm::DenseMap<mlir::Operation *, LayerCost>;
NetworkCost analyzeNetwork(ee::NetworkOp network, const Device &device, const BindingPlan &plan,
                           TileIndependentCosts *cache = nullptr);

/// The largest number of feature-map bits alive at once in one of `region`'s blocks
/// (block arguments until their last use, results from their layer to their last use).
int64_t peakLiveBits(mlir::Region &region);

/// Records `costs.binding` on `network` (binding, engine tiles, feature-map memory) and
/// on its MAC layers where their weights are.
void recordBinding(ee::NetworkOp network, const NetworkCost &costs);

/// The estimate of one design point: each early exit pipeline, parallel or absent
/// (Static).
struct DesignEstimate {
  std::vector<Mode> placements;
  /// Latency in cycles of a sample leaving through each exit (static: final only).
  std::vector<int64_t> exitCycles;
  /// Energy in µJ of a sample leaving through each exit.
  std::vector<double> exitMicrojoules;
  Resources resources;
  /// With exit rates (fractions summing to 1): sum_i a_i T_i and sum_i a_i E_i.
  double expectedCycles = 0.0, expectedMicrojoules = 0.0;
};

/// Latency and energy of every exit path, and their expectation under `exitRates`
/// (one fraction per exit). A parallel exit's path pays the fork, and when taken, the
/// next stage's run to its first layer boundary after the decision (where it polls). `placements` has one mode per early exit; a Static exit is
/// left out of the design (its samples would continue: give it a rate of 0).
DesignEstimate estimateDesign(const NetworkCost &network, const Device &device, double clockNs,
                              const std::vector<Mode> &placements,
                              const std::vector<double> &exitRates);
/// Every early exit in `mode`; Static: the backbone alone (every sample takes the final exit).
DesignEstimate estimateDesign(const NetworkCost &network, const Device &device, double clockNs,
                              Mode mode, const std::vector<double> &exitRates);

const char *modeName(Mode mode);

} // namespace eecc::cost

#endif // EECC_ANALYSIS_COSTMODEL_H
