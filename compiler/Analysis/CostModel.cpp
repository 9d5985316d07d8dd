// The analytical cost model (see CostModel.h). The schedule it assumes is the one the
// HLS emitter prints: the layer library's loop nests with the innermost loop pipelined
// (II from the device file), no unrolling, one kernel per layer.
#include "CostModel.h"

#include "compiler/Interpreter/Interpreter.h"
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace eecc::cost {

namespace {

const char *const kDevices[][2] = {
#include "Devices.inc"
};

int64_t elements(Value value) { return cast<ShapedType>(value.getType()).getNumElements(); }

/// Bits of one element of `value`: its hls.type width, or 32 (float).
int64_t bitsOf(Value value) {
  if (auto type = dyn_cast_or_null<hls::FixedPointAttr>(interp::fixedFormatOf(value)))
    return type.getWidth();
  return 32;
}

/// On-chip memory for `count` elements of `bits`: BRAM18 when large, LUTRAM otherwise.
Resources memory(int64_t count, int64_t bits) {
  Resources result;
  int64_t total = count * bits;
  if (count <= 64)
    result.ff += total; // registers
  else if (total <= 4096)
    result.lut += (total + 63) / 64; // LUTRAM: 64 bits per LUT
  else
    result.bram18 += (total + 18431) / 18432;
  return result;
}

double dynamicMicrojoules(const Resources &r, int64_t cycles, const Device &device) {
  double microwattsPerMhz = r.dsp * device.dspPower + r.bram18 * device.bramPower +
                            r.lut * device.lutPower + r.ff * device.ffPower;
  return microwattsPerMhz * static_cast<double>(cycles) * 1e-6;
}

} // namespace

bool fits(const Resources &used, const Device &device) {
  return used.dsp <= device.available.dsp && used.bram18 <= device.available.bram18 &&
         used.lut <= device.available.lut && used.ff <= device.available.ff;
}

std::vector<std::string> knownDevices() {
  std::vector<std::string> names;
  for (const auto &entry : kDevices)
    names.push_back(entry[0]);
  return names;
}

llvm::Expected<Device> loadDevice(llvm::StringRef name) {
  for (const auto &entry : kDevices) {
    if (name != entry[0])
      continue;
    nlohmann::json json = nlohmann::json::parse(entry[1], nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "device description '%s' is not valid JSON", entry[0]);
    Device device;
    device.name = json.value("name", "");
    device.part = json.value("part", "");
    device.boardPart = json.value("board_part", "");
    device.defaultClockNs = json.value("default_clock_ns", 5.0);
    const nlohmann::json &resources = json["resources"];
    device.available = {resources.value("dsp", int64_t(0)), resources.value("bram18", int64_t(0)),
                        resources.value("lut", int64_t(0)), resources.value("ff", int64_t(0))};
    const nlohmann::json &power = json["power"];
    device.powerSource = power.value("source", "");
    device.staticWatts = power.value("pl_static_w", 0.0);
    const nlohmann::json &dynamic = power["dynamic_uw_per_mhz"];
    device.dspPower = dynamic.value("dsp", 0.0);
    device.bramPower = dynamic.value("bram18", 0.0);
    device.lutPower = dynamic.value("lut", 0.0);
    device.ffPower = dynamic.value("ff", 0.0);
    const nlohmann::json &schedule = json["hls_schedule"];
    device.scheduleSource = schedule.value("source", "");
    device.fixedMacII = schedule.value("fixed_mac_ii", int64_t(1));
    device.floatMacII = schedule.value("float_mac_ii", int64_t(4));
    device.fixedDepth = schedule.value("fixed_pipeline_depth", int64_t(6));
    device.floatDepth = schedule.value("float_pipeline_depth", int64_t(14));
    device.dspPerFixedMac = schedule.value("dsp_per_fixed_mac_27x18", int64_t(1));
    device.dspPerFloatMac = schedule.value("dsp_per_float_mac", int64_t(5));
    return device;
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "unknown device '%s'",
                                 name.str().c_str());
}

LayerCost layerCost(Operation *op, const Device &device, bool fixed) {
  LayerCost cost;
  cost.op = op;
  const int64_t ii = fixed ? device.fixedMacII : device.floatMacII;
  const int64_t depth = fixed ? device.fixedDepth : device.floatDepth;
  Value result = op->getResult(0);
  const int64_t count = elements(result);
  Resources &r = cost.resources;
  r += memory(count, bitsOf(result)); // the layer's output buffer
  r.lut += 150;                       // loop control
  r.ff += 200;
  // One multiply-accumulate datapath: DSPs by operand widths.
  auto macUnit = [&](Value input, Value weight) {
    if (!fixed) {
      r.dsp += device.dspPerFloatMac;
      r.lut += 700;
      r.ff += 1000;
      return;
    }
    int64_t a = bitsOf(input), b = bitsOf(weight);
    if (a < b)
      std::swap(a, b);
    r.dsp += device.dspPerFixedMac * ((a + 26) / 27) * ((b + 17) / 18); // DSP48E2: 27x18
    r.lut += 60;
    r.ff += 2 * a + 2 * b;
  };
  auto shape = [](Value value) { return cast<ShapedType>(value.getType()).getShape(); };
  auto floatDatapath = [&] { // exp/pow/div cores of layers computed in float
    r.dsp += 10;
    r.lut += 3000;
    r.ff += 4000;
  };
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](nn::Conv2DOp conv) {
        auto w = shape(conv.getWeight()), out = shape(result);
        // for m, oy, ox, c, ky: the kx loop, pipelined (KW * II + depth)
        cost.cycles = w[0] * out[2] * out[3] * (w[1] * w[2] * (w[3] * ii + depth) + 2);
        macUnit(conv.getInput(), conv.getWeight());
        r += memory(elements(conv.getWeight()), bitsOf(conv.getWeight()));
        if (conv.getBias())
          r += memory(elements(conv.getBias()), bitsOf(conv.getBias()));
      })
      .Case([&](nn::DenseOp dense) {
        auto w = shape(dense.getWeight());
        cost.cycles = shape(dense.getInput())[0] * w[0] * (w[1] * ii + depth + 2);
        macUnit(dense.getInput(), dense.getWeight());
        r += memory(elements(dense.getWeight()), bitsOf(dense.getWeight()));
        if (dense.getBias())
          r += memory(elements(dense.getBias()), bitsOf(dense.getBias()));
      })
      .Case<nn::MaxPool2DOp, nn::AvgPool2DOp>([&](auto pool) {
        auto k = pool.getKernelShape();
        auto out = shape(result);
        // for plane, oy, ox, ky: the kx loop, pipelined
        cost.cycles = out[0] * out[1] * out[2] * out[3] * (k[0] * (k[1] + depth) + 2);
        if (isa<nn::AvgPool2DOp>(op))
          r.dsp += fixed ? 2 : device.dspPerFloatMac; // the reciprocal multiply / divider
      })
      .Case([&](nn::GlobalAvgPoolOp pool) {
        auto in = shape(pool.getInput());
        cost.cycles = in[0] * in[1] * (in[2] * in[3] * ii + depth + 2);
        r.dsp += fixed ? 2 : device.dspPerFloatMac;
      })
      .Case<nn::LRNOp>([&](nn::LRNOp lrn) {
        cost.cycles = count * (static_cast<int64_t>(lrn.getSize()) * 4 + 40); // pow, not pipelined
        floatDatapath();
      })
      .Case<nn::SoftmaxOp>([&](nn::SoftmaxOp) {
        cost.cycles = count * 3 + 40;
        floatDatapath();
      })
      .Case<nn::BatchNormOp>([&](nn::BatchNormOp) {
        cost.cycles = count + depth;
        floatDatapath();
      })
      .Case<nn::LeakyReluOp>([&](nn::LeakyReluOp) {
        cost.cycles = count + depth;
        r.dsp += 3; // the float multiply of the negative side
        r.lut += 400;
      })
      .Default([&](Operation *) { // relu, clip, add, pad, flatten, reshape, concat
        cost.cycles = count + depth;
        r.lut += 80;
      });
  cost.dynamicMicrojoules = dynamicMicrojoules(r, cost.cycles, device);
  return cost;
}

namespace {
BlockCost blockCost(Region &region, const Device &device, bool fixed) {
  BlockCost block;
  for (Operation &op : region.front()) {
    if (auto yield = dyn_cast<ee::YieldOp>(op)) { // copies into the caller's buffers
      for (Value value : yield.getValues())
        block.cycles += elements(value) + (fixed ? device.fixedDepth : device.floatDepth);
      continue;
    }
    if (auto constant = dyn_cast<arith::ConstantOp>(op))
      continue; // counted with the layer that reads it
    LayerCost layer = layerCost(&op, device, fixed);
    block.cycles += layer.cycles;
    block.resources += layer.resources;
    block.dynamicMicrojoules += layer.dynamicMicrojoules;
    for (Value operand : op.getOperands())
      if (auto constant = operand.getDefiningOp<arith::ConstantOp>())
        block.weightMemory += memory(elements(operand), bitsOf(operand));
    block.layers.push_back(layer);
  }
  return block;
}
} // namespace

NetworkCost analyzeNetwork(ee::NetworkOp network, const Device &device) {
  NetworkCost cost;
  cost.fixed = network->hasAttr(hls::attrs::kInputType);
  int64_t stage = -1;
  for (Operation &op : network.getBody().front()) {
    if (auto stageOp = dyn_cast<ee::StageOp>(op)) {
      cost.stages.push_back(blockCost(stageOp.getBody(), device, cost.fixed));
      ++stage;
    } else if (auto exit = dyn_cast<ee::ExitOp>(op)) {
      cost.exits.push_back(blockCost(exit.getBody(), device, cost.fixed));
      cost.exitAfterStage.push_back(stage);
    }
  }
  // The exit decision unit: max/exp-table/sum/compare over the classes (fixed point), or
  // the double-precision softmax of the behavioural float design.
  int64_t classes = 0;
  for (ee::ExitOp exit : ee::getExits(network))
    classes = std::max(classes, elements(exit.getLogits()));
  BlockCost &decision = cost.decision;
  if (cost.fixed) {
    decision.cycles = classes * 2 + device.fixedDepth + 64;
    decision.resources = {4, 4, 500, 600}; // exp table 4096 x 17 bits: 4 BRAM18
  } else {
    decision.cycles = classes * 40 + 120;
    decision.resources = {40, 0, 8000, 10000}; // double exp/log/div cores
  }
  decision.dynamicMicrojoules = dynamicMicrojoules(decision.resources, decision.cycles, device);
  return cost;
}

DesignEstimate estimateDesign(const NetworkCost &network, const Device &device, double clockNs,
                              Mode mode, const std::vector<double> &exitRates) {
  std::vector<Mode> placements(network.exits.size() - 1, mode);
  if (mode != Mode::Static)
    return estimateDesign(network, device, clockNs, placements, exitRates);
  std::vector<double> finalOnly(network.exits.size(), 0.0);
  finalOnly.back() = 1.0;
  return estimateDesign(network, device, clockNs, placements, finalOnly);
}

DesignEstimate estimateDesign(const NetworkCost &network, const Device &device, double clockNs,
                              const std::vector<Mode> &placements,
                              const std::vector<double> &exitRates) {
  DesignEstimate estimate;
  estimate.placements = placements;
  const size_t numExits = network.exits.size();
  const size_t finalExit = numExits - 1;
  auto staticMicrojoules = [&](double cycles) { return device.staticWatts * cycles * clockNs * 1e-3; };
  estimate.exitCycles.assign(numExits, 0);
  estimate.exitMicrojoules.assign(numExits, 0.0);

  // Resources: the backbone and the final classifier always; early exits by placement.
  for (const BlockCost &stage : network.stages)
    estimate.resources += stage.resources;
  estimate.resources += network.exits[finalExit].resources;
  for (size_t e = 0; e < finalExit; ++e) {
    if (placements[e] == Mode::Static)
      continue;
    estimate.resources += network.decision.resources;
    if (placements[e] == Mode::Pipeline) {
      estimate.resources += network.exits[e].weightMemory; // runs on the backbone's kernels
    } else {
      estimate.resources += network.exits[e].resources; // dedicated kernels
      estimate.resources.lut += 60;                      // abort channel and its checks
      estimate.resources.ff += 40;
    }
  }

  int64_t time = 0, finalNotBefore = 0;
  double dynamic = 0.0;
  for (size_t s = 0; s < network.stages.size(); ++s) {
    time += network.stages[s].cycles;
    dynamic += network.stages[s].dynamicMicrojoules;
    for (size_t e = 0; e < finalExit; ++e) {
      if (network.exitAfterStage[e] != static_cast<int64_t>(s) || placements[e] == Mode::Static)
        continue;
      const BlockCost &exit = network.exits[e];
      int64_t exitWork = exit.cycles + network.decision.cycles;
      double exitEnergy = exit.dynamicMicrojoules + network.decision.dynamicMicrojoules;
      if (placements[e] == Mode::Pipeline) { // in series on the backbone's hardware
        time += exitWork;
        dynamic += exitEnergy;
        estimate.exitCycles[e] = time;
        estimate.exitMicrojoules[e] = dynamic + staticMicrojoules(time);
        continue;
      }
      // Parallel: the exit runs beside the next stage, which is abandoned at the
      // decision when the exit is taken; continuing samples pay its energy, not its time.
      int64_t decided = time + exitWork;
      finalNotBefore = std::max(finalNotBefore, decided);
      double speculative = 0.0;
      if (s + 1 < network.stages.size() && network.stages[s + 1].cycles > 0) {
        const BlockCost &next = network.stages[s + 1];
        double fraction = std::min(1.0, static_cast<double>(exitWork) / next.cycles);
        speculative = fraction * next.dynamicMicrojoules;
      }
      estimate.exitCycles[e] = decided;
      estimate.exitMicrojoules[e] = dynamic + exitEnergy + speculative + staticMicrojoules(decided);
      dynamic += exitEnergy;
    }
  }
  time = std::max(time + network.exits[finalExit].cycles, finalNotBefore);
  dynamic += network.exits[finalExit].dynamicMicrojoules;
  estimate.exitCycles[finalExit] = time;
  estimate.exitMicrojoules[finalExit] = dynamic + staticMicrojoules(time);

  for (size_t e = 0; e < numExits && e < exitRates.size(); ++e) {
    estimate.expectedCycles += exitRates[e] * estimate.exitCycles[e];
    estimate.expectedMicrojoules += exitRates[e] * estimate.exitMicrojoules[e];
  }
  return estimate;
}

const char *modeName(Mode mode) {
  return mode == Mode::Static ? "static" : mode == Mode::Pipeline ? "pipeline" : "parallel";
}

} // namespace eecc::cost
