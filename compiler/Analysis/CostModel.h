// The analytical cost model: cycles, resources, power and energy of a network's layers
// as the eecc layer library schedules them (dedicated binding: one kernel per layer,
// the innermost loop pipelined), and the latency and energy of every exit path under
// the static, pipeline and parallel placements. Every number here is an estimate.
#ifndef EECC_ANALYSIS_COSTMODEL_H
#define EECC_ANALYSIS_COSTMODEL_H

#include "dialects/ee/EEOps.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace eecc::cost {

struct Resources {
  int64_t dsp = 0, bram18 = 0, lut = 0, ff = 0;
  Resources &operator+=(const Resources &other) {
    dsp += other.dsp;
    bram18 += other.bram18;
    lut += other.lut;
    ff += other.ff;
    return *this;
  }
};

/// A device description (templates/devices/<name>.json, embedded in the binary).
struct Device {
  std::string name, part, powerSource, scheduleSource;
  std::string boardPart; // Vivado board part (board files), empty when the device has none
  Resources available;
  double defaultClockNs = 5.0;
  double staticWatts = 0.0;
  /// Dynamic power per resource in µW/MHz: dsp, bram18, lut, ff.
  double dspPower = 0.0, bramPower = 0.0, lutPower = 0.0, ffPower = 0.0;
  int64_t fixedMacII = 1, floatMacII = 4, fixedDepth = 6, floatDepth = 14;
  int64_t dspPerFixedMac = 1, dspPerFloatMac = 5;
};

/// Whether `used` fits within the device's resources.
bool fits(const Resources &used, const Device &device);

/// The devices eecc knows (names of templates/devices/*.json).
std::vector<std::string> knownDevices();
llvm::Expected<Device> loadDevice(llvm::StringRef name);

/// One layer's kernel: cycles per sample and resources.
struct LayerCost {
  mlir::Operation *op = nullptr;
  int64_t cycles = 0;
  Resources resources;
  /// Dynamic energy per sample while the layer runs, in µJ.
  double dynamicMicrojoules = 0.0;
};

/// Cycles and resources of one layer; `fixed` when the network carries hls.type formats.
LayerCost layerCost(mlir::Operation *op, const Device &device, bool fixed);

/// A stage or an exit classifier: its layers, summed.
struct BlockCost {
  int64_t cycles = 0;
  Resources resources; // compute kernels and buffers
  Resources weightMemory; // the part of `resources` that holds weights
  double dynamicMicrojoules = 0.0;
  std::vector<LayerCost> layers;
};

enum class Mode { Static, Pipeline, Parallel };

/// Costs of a network's stages and exits, in backbone order.
struct NetworkCost {
  std::vector<BlockCost> stages;
  std::vector<BlockCost> exits; // by exit index; the final exit last
  std::vector<int64_t> exitAfterStage; // the stage each exit's branch point ends
  BlockCost decision; // one exit decision unit
  bool fixed = false;
};

NetworkCost analyzeNetwork(ee::NetworkOp network, const Device &device);

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
/// (one fraction per exit). `placements` has one mode per early exit; a Static exit is
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
