// The analytical cost model (see CostModel.h). Under dedicated binding the schedule it
// assumes is the one the HLS emitter prints: the layer library's loop nests with the
// innermost loop pipelined (II from the device file), no unrolling, one kernel per
// layer. Under engine binding conv2d and dense run on a shared tiled engine (see
// engineLayerCost) and feature maps share one arena.
#include "CostModel.h"
#include "Arena.h"

#include "compiler/Numerics/Attributes.h"
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;

namespace eecc::cost {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

const char *const kDevices[][2] = {
#include "Devices.inc"
};

int64_t elements(Value value) { return cast<ShapedType>(value.getType()).getNumElements(); }

/// Bits of one element of `value`: its hls.type width, or 32 (float).
int64_t bitsOf(Value value) {
  if (auto type = dyn_cast_or_null<hls::FixedPointAttr>(hls::fixedFormatOf(value)))
    return type.getWidth();
  return 32;
}

/// BRAM18s of a `depth` x `width` array in true dual-port mode.
int64_t bram18For(int64_t depth, int64_t width) {
  if (depth <= 0 || width <= 0)
    return 0;
  if (width > 18)
    return ceilDiv(width, 18) * ceilDiv(depth, 1024);
  const int64_t aspectWidth = width <= 1 ? 1 : width <= 2 ? 2 : width <= 4 ? 4 : width <= 9 ? 9 : 18;
  const int64_t aspectDepth = aspectWidth == 9 ? 2048 : aspectWidth == 18 ? 1024 : 16384 / aspectWidth;
  return ceilDiv(depth, aspectDepth);
}

/// One bank of `depth` x `width` words of `kind`, all of it memory: block RAM in the
/// BRAM18's dual-port aspect ratios, URAM as block RAM of 72-bit words (not counted
/// apart), LUTRAM 64 bits per LUT, registers a flip-flop per bit, nothing on chip for DDR.
Resources storage(hls::MemoryKind kind, int64_t depth, int64_t width) {
  Resources result;
  switch (kind) {
  case hls::MemoryKind::reg:
    result.ff = depth * width;
    break;
  case hls::MemoryKind::lutram:
    result.lut = ceilDiv(depth * width, 64);
    break;
  case hls::MemoryKind::bram:
    result.bram18 = bram18For(depth, width);
    break;
  case hls::MemoryKind::uram:
    result.bram18 = ceilDiv(width, 72) * ceilDiv(depth, 4096) * 8; // 288 Kb each
    break;
  case hls::MemoryKind::ddr:
    break;
  }
  result.memoryBram18 = result.bram18;
  result.memoryLut = result.lut;
  result.memoryFf = result.ff;
  return result;
}

/// On-chip memory for one unpartitioned array of `count` elements of `bits`, where
/// ee-to-hls puts it (hls::arrayKind).
Resources memory(int64_t count, int64_t bits) {
  return storage(hls::arrayKind(count, bits), count, bits);
}

/// The ROM of a table activation (nn.sigmoid, nn.tanh) of a fixed-point design.
Resources tableMemory(Operation *activation) {
  auto in = dyn_cast_or_null<hls::FixedPointAttr>(hls::fixedFormatOf(activation->getOperand(0)));
  auto out = dyn_cast_or_null<hls::FixedPointAttr>(activation->getAttr(hls::attrs::kType));
  if (!in || !out)
    return Resources();
  numerics::ActivationTable table = numerics::activationTable(
      numerics::tableFunctionOf(activation), numerics::toFixedFormat(in), numerics::toFixedFormat(out));
  return memory(static_cast<int64_t>(table.entries.size()), out.getWidth());
}

} // namespace

Resources memoryResources(hls::MemoryOp memory) {
  const int64_t banks = std::max<int64_t>(1, memory.getBanksAttr().getInt());
  const int64_t depth = ceilDiv(std::max<int64_t>(0, memory.getWordsAttr().getInt()), banks);
  const Resources bank = storage(memory.getKind(), depth, memory.getWidthAttr().getInt());
  Resources result;
  for (int64_t copy = 0; copy < banks * (memory.getPingpong() ? 2 : 1); ++copy)
    result += bank; // a pingpong channel: two buffers
  return result;
}

Resources designMemoryResources(hls::DesignOp design) {
  Resources total;
  for (auto memory : design.getBody().front().getOps<hls::MemoryOp>())
    total += memoryResources(memory);
  return total;
}

Resources withDesignMemories(const Resources &formula, hls::DesignOp design) {
  Resources result = formula;
  result.bram18 -= formula.memoryBram18;
  result.lut -= formula.memoryLut;
  result.ff -= formula.memoryFf;
  result.memoryBram18 = result.memoryLut = result.memoryFf = 0;
  return result + designMemoryResources(design);
}

namespace {

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
    if (const nlohmann::json &range = json["clock_period_range_ns"];
        range.is_array() && range.size() == 2 && range[0].is_number() && range[1].is_number()) {
      device.minClockNs = range[0].get<double>();
      device.maxClockNs = range[1].get<double>();
    }
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
    device.dividerLatency = std::max<int64_t>(1, schedule.value("int_divider_latency", int64_t(36)));
    if (json.contains("engine")) {
      const nlohmann::json &engine = json["engine"];
      device.engineSource = engine.value("source", "");
      device.weightPorts = std::clamp<int64_t>(engine.value("weight_ports", int64_t(1)), 1, 4);
      device.bytesPerPortCycle = std::max<int64_t>(1, engine.value("bytes_per_port_cycle", int64_t(16)));
      device.ddrPeakBytesPerCycle =
          std::max<int64_t>(1, engine.value("ddr_peak_bytes_per_cycle", int64_t(96)));
      device.ddrBytesPerCycle =
          std::min(device.weightPorts * device.bytesPerPortCycle, device.ddrPeakBytesPerCycle);
      device.ddrPicojoulesPerByte = engine.value("ddr_pj_per_byte", 150.0);
      device.ddrLatency = std::max<int64_t>(1, engine.value("ddr_read_latency_cycles", int64_t(64)));
      device.outstandingReads = std::max<int64_t>(1, engine.value("m_axi_outstanding", int64_t(16)));
      device.backboneDspShare = engine.value("backbone_dsp_share", 0.6);
      device.lutPerFixedMac = engine.value("lut_per_fixed_mac", int64_t(30));
      device.ffPerFixedMac = engine.value("ff_per_fixed_mac", int64_t(60));
      device.lutPerFloatMac = engine.value("lut_per_float_mac", int64_t(400));
      device.ffPerFloatMac = engine.value("ff_per_float_mac", int64_t(600));
    }
    return device;
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "unknown device '%s'",
                                 name.str().c_str());
}

hls::LoopTiming loopTiming(const Device &device, bool fixed) {
  hls::LoopTiming timing;
  timing.accumulate = fixed ? device.fixedMacII : device.floatMacII;
  timing.depth = fixed ? device.fixedDepth : device.floatDepth;
  timing.ddrLatency = device.ddrLatency;
  timing.divider = device.dividerLatency;
  timing.outstanding = device.outstandingReads;
  return timing;
}

namespace {

/// DSP48E2 slices (27 x 18 multipliers) of one a x b-bit fixed-point multiply.
int64_t fixedMacDsp(int64_t a, int64_t b, const Device &device) {
  if (a < b)
    std::swap(a, b);
  return device.dspPerFixedMac * ((a + 26) / 27) * ((b + 17) / 18);
}

LayerCost dedicatedLayerCost(Operation *op, const Device &device, bool fixed, bool outputBuffer) {
  LayerCost cost;
  cost.op = op;
  cost.cycles = hls::layerCycles(op, loopTiming(device, fixed), nullptr);
  Value result = op->getResult(0);
  Resources &r = cost.resources;
  if (outputBuffer)
    r += memory(elements(result), bitsOf(result)); // the layer's output buffer
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
    r.dsp += fixedMacDsp(a, b, device);
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
        cost.macs = w[0] * out[2] * out[3] * w[1] * w[2] * w[3];
        macUnit(conv.getInput(), conv.getWeight());
        r += memory(elements(conv.getWeight()), bitsOf(conv.getWeight()));
        if (conv.getBias())
          r += memory(elements(conv.getBias()), bitsOf(conv.getBias()));
      })
      .Case([&](nn::DenseOp dense) {
        auto w = shape(dense.getWeight());
        cost.macs = shape(dense.getInput())[0] * w[0] * w[1];
        macUnit(dense.getInput(), dense.getWeight());
        r += memory(elements(dense.getWeight()), bitsOf(dense.getWeight()));
        if (dense.getBias())
          r += memory(elements(dense.getBias()), bitsOf(dense.getBias()));
      })
      .Case<nn::AvgPool2DOp, nn::GlobalAvgPoolOp>([&](Operation *) {
        r.dsp += fixed ? 2 : device.dspPerFloatMac; // the reciprocal multiply / divider
      })
      .Case<nn::LRNOp, nn::SoftmaxOp, nn::LogSoftmaxOp, nn::BatchNormOp>(
          [&](Operation *) { floatDatapath(); })
      .Case<nn::SigmoidOp, nn::TanhOp>([&](Operation *activation) {
        if (fixed)
          r += tableMemory(activation); // the ROM: one lookup per cycle
        else
          floatDatapath();
      })
      .Case<nn::MulOp>([&](nn::MulOp mul) {
        macUnit(mul.getLhs(), mul.getRhs()); // one multiplier
      })
      .Case<nn::LeakyReluOp>([&](nn::LeakyReluOp) {
        r.dsp += 3; // the float multiply of the negative side
        r.lut += 400;
      })
      .Default([&](Operation *) { // relu, clip, add, pad, flatten, reshape, concat
        r.lut += 80;
      });
  if (!isa<nn::Conv2DOp, nn::DenseOp>(op)) // a constant operand's own ROM (a Mul's factor)
    for (Value operand : op->getOperands())
      if (operand.getDefiningOp<arith::ConstantOp>())
        r += memory(elements(operand), bitsOf(operand));
  cost.dynamicMicrojoules = dynamicMicrojoules(r, cost.cycles, device);
  return cost;
}

/// A MAC layer's shape as the engine sees it: every group's output channels against
/// its input channels, over `pixels` output positions and `taps` kernel positions.
struct MacShape {
  int64_t outChannels = 0, groupChannels = 0, groups = 1, pixels = 0, taps = 1;
  Value input, weight, bias;
};

std::optional<MacShape> macShape(Operation *op) {
  auto shape = [](Value value) { return cast<ShapedType>(value.getType()).getShape(); };
  if (auto conv = dyn_cast<nn::Conv2DOp>(op)) {
    auto w = shape(conv.getWeight());
    auto out = shape(conv.getResult());
    return MacShape{w[0], w[1], static_cast<int64_t>(conv.getGroups()), out[2] * out[3],
                    w[2] * w[3], conv.getInput(), conv.getWeight(), conv.getBias()};
  }
  if (auto dense = dyn_cast<nn::DenseOp>(op)) {
    auto w = shape(dense.getWeight());
    return MacShape{w[0], w[1], 1, shape(dense.getInput())[0], 1, dense.getInput(),
                    dense.getWeight(), dense.getBias()};
  }
  return std::nullopt;
}

/// The engine's accumulator bits: the fixed-point accumulator of the widest format it
/// serves (an exact integer sum), or a float.
constexpr int64_t kPartialSumBits = 64; // the engine's acc_t (ap_int<64>)

/// What one engine of `tiles` costs, as templates/hls/eecc_engine.h builds it: its MAC
/// array (Tm x Tn products per sweep iteration; at the sweep's II of `sweepII` Vitis
/// shares each multiplier over that many cycles), the weight tile (Tm x Tn 16-bit words,
/// completely partitioned: registers), the partial sums (Tm banks of the largest output
/// plane, 64-bit accumulators) and the m_axi adapter, requantizer and sequencer. (The
/// window buffer and double-buffered tiles of the engine #22 rebuilds are not there yet.)
Resources engineResources(Tiles tiles, bool fixed, int64_t maxPixels,
                          int64_t maxInputBits, int64_t maxWeightBits, const Device &device,
                          int64_t sweepII) {
  Resources r;
  const int64_t macs = ceilDiv(tiles.macs(), std::max<int64_t>(1, sweepII));
  if (fixed) {
    r.dsp = macs * fixedMacDsp(maxInputBits, maxWeightBits, device);
    r.lut = macs * device.lutPerFixedMac;
    r.ff = macs * device.ffPerFixedMac;
  } else {
    r.dsp = macs * device.dspPerFloatMac;
    r.lut = macs * device.lutPerFloatMac;
    r.ff = macs * device.ffPerFloatMac;
  }
  r.lut += 2500 + 1500 * device.weightPorts; // m_axi adapters, address generators,
  r.ff += 3500 + 2500 * device.weightPorts;   // requantizer, layer sequencer
  // The vector unit: Tn lanes of compare / add / multiply (pools, element-wise layers).
  r.dsp += tiles.n;
  r.lut += tiles.n * 60;
  r.ff += tiles.n * 100;
  r += storage(hls::MemoryKind::reg, tiles.macs(), 16); // the weight tile in registers
  Resources psum = memory(maxPixels, fixed ? kPartialSumBits : 32);
  for (int64_t i = 0; i < tiles.m; ++i)
    r += psum;
  return r;
}
} // namespace

namespace {
/// The engine a layer runs on, as the kernels' loop nests see it.
hls::EngineShape engineShape(Tiles tiles, const Device &device, int64_t sweepII = 1) {
  hls::EngineShape shape;
  shape.tileM = tiles.m;
  shape.tileN = tiles.n;
  shape.weightPorts = device.weightPorts;
  shape.sweepII = sweepII;
  return shape;
}

/// Under engine binding, the layers between the MAC layers run as the word kernels of
/// templates/hls/eecc_engine.h (their loops: hls::layerCycles on the arena: an
/// element-wise layer reading both operands from the 2-port arena runs at II 2);
/// flatten and reshape are views of the arena; the float layers (LRN, softmax,
/// log-softmax, an unfolded batch norm) keep a datapath each.
LayerCost vectorLayerCost(Operation *op, const Device &device, bool fixed, Tiles tiles) {
  if (isa<nn::LRNOp, nn::SoftmaxOp, nn::LogSoftmaxOp, nn::BatchNormOp>(op)) {
    LayerCost cost = dedicatedLayerCost(op, device, fixed, /*outputBuffer=*/false);
    hls::EngineShape shape = engineShape(tiles, device);
    cost.cycles = hls::layerCycles(op, loopTiming(device, fixed), &shape);
    return cost;
  }
  LayerCost cost;
  cost.op = op;
  hls::EngineShape shape = engineShape(tiles, device);
  cost.cycles = hls::layerCycles(op, loopTiming(device, fixed), &shape);
  if (isa<nn::FlattenOp, nn::ReshapeOp>(op))
    return cost;
  cost.resources.lut += 50; // the layer's descriptor and its sequencing
  cost.resources.ff += 60;
  if (fixed && isa<nn::SigmoidOp, nn::TanhOp>(op))
    cost.resources += tableMemory(op); // the layer's ROM
  return cost;
}
} // namespace

LayerCost layerCost(Operation *op, const Device &device, bool fixed) {
  return dedicatedLayerCost(op, device, fixed, /*outputBuffer=*/true);
}

LayerCost engineLayerCost(Operation *op, const Device &device, bool fixed, Tiles tiles,
                          bool featureMapsInDDR, int64_t sweepII) {
  LayerCost cost;
  cost.op = op;
  cost.tiles = tiles;
  std::optional<MacShape> mac = macShape(op);
  if (!mac)
    return vectorLayerCost(op, device, fixed, tiles);
  hls::EngineShape shape = engineShape(tiles, device, sweepII);
  cost.cycles = hls::layerCycles(op, loopTiming(device, fixed), &shape);
  const int64_t weightBytes = ceilDiv(bitsOf(mac->weight), 8);
  const int64_t mTiles = mac->groups * ceilDiv(mac->outChannels / mac->groups, tiles.m);
  cost.macs = mac->outChannels * mac->pixels * mac->groupChannels * mac->taps;
  cost.ddrBytes = elements(mac->weight) * weightBytes;
  if (mac->bias)
    cost.ddrBytes += elements(mac->bias) * ceilDiv(bitsOf(mac->bias), 8);
  if (featureMapsInDDR) { // every output-channel tile reads the input; the output written once
    // (energy only: the emitted engine keeps its arena on chip; issue #22 streams it)
    cost.ddrBytes += mTiles * elements(mac->input) * ceilDiv(bitsOf(mac->input), 8) +
                     elements(op->getResult(0)) * ceilDiv(bitsOf(op->getResult(0)), 8);
  }
  cost.resources.lut += 150; // the layer's descriptor and its sequencing
  cost.resources.ff += 200;
  return cost;
}

namespace {
/// The engine a design's MAC layers share, while the blocks are costed.
struct EngineBinding {
  Tiles tiles;
  TileIndependentCosts *cache = nullptr; // the other layers' costs, across a tile search
  int64_t sweepII = 1; // the sweep pragma every MAC layer runs at
  bool featureMapsInDDR = false;
  Resources engine; // whose dynamic power the MAC layers draw while they run
};

BlockCost blockCost(Region &region, const Device &device, bool fixed,
                    const EngineBinding *engine = nullptr) {
  BlockCost block;
  for (Operation &op : region.front()) {
    if (auto yield = dyn_cast<ee::YieldOp>(op)) { // copies into the caller's buffers
      if (engine)
        continue; // in the arena, the caller reads the block's results in place
      for (Value value : yield.getValues()) {
        block.cycles += elements(value) + (fixed ? device.fixedDepth : device.floatDepth);
        block.resources += memory(elements(value), bitsOf(value)); // the caller's buffer
      }
      continue;
    }
    if (auto constant = dyn_cast<arith::ConstantOp>(op))
      continue; // counted with the layer that reads it
    LayerCost layer;
    if (!engine) {
      layer = layerCost(&op, device, fixed);
    } else if (engine->cache && !macShape(&op)) {
      auto [it, inserted] = engine->cache->try_emplace(&op);
      if (inserted)
        it->second = engineLayerCost(&op, device, fixed, engine->tiles, engine->featureMapsInDDR,
                                     engine->sweepII);
      layer = it->second;
    } else {
      layer = engineLayerCost(&op, device, fixed, engine->tiles, engine->featureMapsInDDR,
                              engine->sweepII);
    }
    if (engine && layer.tiles.m > 0) // the engine's power while it runs, and DDR's
      layer.dynamicMicrojoules = dynamicMicrojoules(engine->engine + layer.resources,
                                                    layer.cycles, device) +
                                 layer.ddrBytes * device.ddrPicojoulesPerByte * 1e-6;
    block.cycles += layer.cycles;
    block.resources += layer.resources;
    block.dynamicMicrojoules += layer.dynamicMicrojoules;
    block.layers.push_back(layer);
  }
  return block;
}
} // namespace

int64_t peakLiveBits(Region &region) {
  if (region.empty())
    return 0;
  Block &block = region.front();
  llvm::DenseMap<Value, int64_t> lastUse;
  int64_t position = 0;
  for (Operation &op : block) {
    for (Value operand : op.getOperands())
      lastUse[operand] = position;
    ++position;
  }
  auto bits = [](Value value) { return elements(value) * bitsOf(value); };
  int64_t live = 0, peak = 0;
  std::vector<std::pair<int64_t, int64_t>> endings; // (last use, bits)
  for (BlockArgument argument : block.getArguments())
    if (lastUse.count(argument)) {
      live += bits(argument);
      endings.push_back({lastUse[argument], bits(argument)});
    }
  position = 0;
  for (Operation &op : block) {
    if (!isa<arith::ConstantOp>(op))
      for (Value result : op.getResults())
        if (lastUse.count(result)) {
          live += bits(result);
          endings.push_back({lastUse[result], bits(result)});
        }
    peak = std::max(peak, live);
    for (auto &[end, size] : endings)
      if (end == position) {
        live -= size;
        size = 0;
      }
    ++position;
  }
  return peak;
}

BindingPlan bindingOf(ee::NetworkOp network) {
  BindingPlan plan;
  if (auto binding = network->getAttrOfType<hls::BindingAttr>(hls::attrs::kBinding))
    plan.binding = binding.getValue() == hls::Binding::engine ? Binding::Engine : Binding::Dedicated;
  if (auto tiles = network->getAttrOfType<DenseI64ArrayAttr>(hls::attrs::kEngineTiles))
    if (tiles.size() == 2 && tiles[0] > 0 && tiles[1] > 0)
      plan.engine = {tiles[0], tiles[1]};
  return plan;
}

const char *bindingName(Binding binding) {
  return binding == Binding::Engine ? "engine" : "dedicated";
}

namespace {
/// The tiles an engine may have: powers of two, Tm and Tn each 1 to 64.
std::vector<Tiles> candidateTiles() {
  std::vector<Tiles> candidates;
  for (int64_t m = 1; m <= 64; m *= 2)
    for (int64_t n = 1; n <= 64; n *= 2)
      candidates.push_back({m, n});
  return candidates;
}

/// The largest taps, output plane and operand widths among the MAC layers in `regions`.
struct MacExtent {
  int64_t pixels = 1, inputBits = 1, weightBits = 1;
};
MacExtent macExtent(llvm::ArrayRef<Region *> regions) {
  MacExtent extent;
  for (Region *region : regions)
    for (Operation &op : region->front())
      if (std::optional<MacShape> mac = macShape(&op)) {
        extent.pixels = std::max(extent.pixels, mac->pixels);
        extent.inputBits = std::max(extent.inputBits, bitsOf(mac->input));
        extent.weightBits = std::max(extent.weightBits, bitsOf(mac->weight));
      }
  return extent;
}

/// The II the engine's sweep earns for the MAC layers in `regions` (the largest: one
/// engine, one pragma), read from their kernels' loops.
int64_t sweepII(llvm::ArrayRef<Region *> regions, const Device &device, bool fixed, Tiles tiles) {
  hls::EngineShape shape = engineShape(tiles, device);
  const hls::LoopTiming timing = loopTiming(device, fixed);
  int64_t ii = 1;
  for (Region *region : regions)
    for (Operation &op : region->front())
      if (macShape(&op))
        ii = std::max(ii, hls::layerLoopII(&op, timing, &shape, "sweep"));
  return ii;
}

/// The cycles of `region`'s MAC layers on an engine of `tiles`.
int64_t engineCycles(Region &region, const Device &device, bool fixed, Tiles tiles, bool ddr) {
  const int64_t ii = sweepII({&region}, device, fixed, tiles);
  int64_t cycles = 0;
  for (Operation &op : region.front())
    if (macShape(&op))
      cycles += engineLayerCost(&op, device, fixed, tiles, ddr, ii).cycles;
  return cycles;
}
} // namespace

NetworkCost analyzeNetwork(ee::NetworkOp network, const Device &device) {
  return analyzeNetwork(network, device, bindingOf(network));
}

NetworkCost analyzeNetwork(ee::NetworkOp network, const Device &device, const BindingPlan &plan,
                           TileIndependentCosts *cache) {
  NetworkCost cost;
  cost.fixed = network->hasAttr(hls::attrs::kInputType);
  cost.binding = plan;
  cost.weightPorts = device.weightPorts;
  const bool engine = plan.binding == Binding::Engine;
  llvm::SmallVector<Region *> backbone; // stages and the final exit
  llvm::SmallVector<ee::ExitOp> early;
  for (Operation &op : network.getBody().front()) {
    if (auto stageOp = dyn_cast<ee::StageOp>(op))
      backbone.push_back(&stageOp.getBody());
    else if (auto exit = dyn_cast<ee::ExitOp>(op))
      (exit.getFinal() ? backbone.push_back(&exit.getBody()) : early.push_back(exit));
  }
  EngineBinding binding;
  if (engine) {
    // The feature maps share one arena (planArena: the layout the HLS emitter uses, one
    // word per value). It and the engine go on chip when they leave a tenth of the block
    // RAM free; else the feature maps go to DDR and only the engine's buffers stay.
    llvm::SmallVector<Region *> all(backbone);
    for (ee::ExitOp exit : early)
      all.push_back(&exit.getBody());
    cost.arenaBits = planArena(network).words * (cost.fixed ? 16 : 32);
    MacExtent extent = macExtent(all);
    binding.tiles = plan.engine;
    binding.cache = cache;
    binding.sweepII = sweepII(all, device, cost.fixed, plan.engine);
    binding.engine = engineResources(plan.engine, cost.fixed, extent.pixels,
                                     extent.inputBits, extent.weightBits, device, binding.sweepII);
    // One arena of 16-bit words (the emitted engine's; its sweep reads Tn of them through
    // the two ports: sweepII).
    Resources arena = memory(ceilDiv(cost.arenaBits, 16), 16);
    binding.featureMapsInDDR =
        (binding.engine + arena).bram18 * 10 > device.available.bram18 * 9;
    cost.featureMapsInDDR = binding.featureMapsInDDR;
    cost.shared = binding.engine;
    if (!binding.featureMapsInDDR)
      cost.shared += arena;
  }
  const EngineBinding *engineBinding = engine ? &binding : nullptr;
  int64_t stage = -1;
  for (Operation &op : network.getBody().front()) {
    if (auto stageOp = dyn_cast<ee::StageOp>(op)) {
      cost.stages.push_back(blockCost(stageOp.getBody(), device, cost.fixed, engineBinding));
      ++stage;
    } else if (auto exit = dyn_cast<ee::ExitOp>(op)) {
      cost.exits.push_back(blockCost(exit.getBody(), device, cost.fixed, engineBinding));
      cost.exitAfterStage.push_back(stage);
    }
  }
  // A parallel exit's fork: the branch point copied into the exit's and the next stage's
  // channels, one element per cycle.
  for (ee::ExitOp exit : ee::getExits(network)) {
    if (exit.getFinal())
      continue;
    int64_t copied = 0;
    for (Value operand : exit->getOperands())
      copied += elements(operand);
    cost.forkCycles.push_back(copied + (cost.fixed ? device.fixedDepth : device.floatDepth));
    Resources copies;
    if (!engine) // two copies, each a DATAFLOW channel of two buffers
      for (int i = 0; i < 4; ++i)
        copies += memory(copied, bitsOf(exit->getOperand(0)));
    cost.forkMemory.push_back(copies);
  }
  // Dedicated fixed point: the input quantized into an on-chip copy (a float design's
  // layers read the top's m_axi port in place).
  if (!engine && cost.fixed) {
    Value input = network.getBody().front().getArgument(0);
    cost.shared += memory(elements(input), bitsOf(input));
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

  if (!engine)
    return cost;
  // A parallel exit gets an engine of its own, beside the backbone's: the fastest for
  // its MAC layers within an equal share of the DSPs that the backbone's engine and
  // kernels leave, and no larger than the backbone's (ties: fewer DSPs).
  Resources used = cost.shared;
  for (const BlockCost &block : cost.stages)
    used += block.resources;
  used += cost.exits.back().resources;
  const int64_t spare = std::max<int64_t>(0, device.available.dsp - used.dsp);
  const int64_t share = early.empty() ? 0 : spare / static_cast<int64_t>(early.size());
  for (ee::ExitOp exit : early) {
    Region &body = exit.getBody();
    MacExtent extent = macExtent({&body});
    Tiles best{1, 1};
    int64_t bestCycles = engineCycles(body, device, cost.fixed, best, binding.featureMapsInDDR);
    int64_t bestDsp = std::numeric_limits<int64_t>::max();
    for (Tiles tiles : candidateTiles()) {
      if (tiles.m > plan.engine.m || tiles.n > plan.engine.n)
        continue;
      Resources r = engineResources(tiles, cost.fixed, extent.pixels,
                                    extent.inputBits, extent.weightBits, device,
                                    sweepII({&body}, device, cost.fixed, tiles));
      if (r.dsp > share && tiles.macs() > 1)
        continue;
      int64_t cycles = engineCycles(body, device, cost.fixed, tiles, binding.featureMapsInDDR);
      if (cycles < bestCycles || (cycles == bestCycles && r.dsp < bestDsp)) {
        best = tiles;
        bestCycles = cycles;
        bestDsp = r.dsp;
      }
    }
    EngineBinding own;
    own.tiles = best;
    own.featureMapsInDDR = binding.featureMapsInDDR;
    own.sweepII = sweepII({&body}, device, cost.fixed, best);
    own.engine = engineResources(best, cost.fixed, extent.pixels, extent.inputBits,
                                 extent.weightBits, device, own.sweepII);
    BlockCost block = blockCost(body, device, cost.fixed, &own);
    block.resources += own.engine;
    if (!own.featureMapsInDDR) // its own buffers: it runs beside the next stage
      block.resources += memory(ceilDiv(peakLiveBits(body), 16), 16);
    cost.parallelExits.push_back(std::move(block));
    cost.exitEngines.push_back(best);
  }
  return cost;
}

BindingPlan chooseBinding(ee::NetworkOp network, const Device &device,
                          std::optional<Binding> forced) {
  BindingPlan dedicated;
  if (forced == Binding::Dedicated)
    return dedicated;
  const double clockNs = device.defaultClockNs;
  if (!forced) {
    NetworkCost costs = analyzeNetwork(network, device, dedicated);
    if (fits(estimateDesign(costs, device, clockNs, Mode::Pipeline, {}).resources, device))
      return dedicated;
  }
  BindingPlan best;
  best.binding = Binding::Engine;
  int64_t bestCycles = std::numeric_limits<int64_t>::max(), bestDsp = 0;
  bool bestFits = false;
  const double dspCap = device.backboneDspShare * static_cast<double>(device.available.dsp);
  TileIndependentCosts tileIndependent;
  for (Tiles tiles : candidateTiles()) {
    BindingPlan plan{Binding::Engine, tiles};
    NetworkCost costs = analyzeNetwork(network, device, plan, &tileIndependent);
    if (static_cast<double>(costs.shared.dsp) > dspCap && tiles.macs() > 1)
      continue;
    int64_t cycles = estimateDesign(costs, device, clockNs, Mode::Static, {}).exitCycles.back();
    bool fit = fits(estimateDesign(costs, device, clockNs, Mode::Pipeline, {}).resources, device);
    bool better = fit != bestFits ? fit
                  : cycles != bestCycles ? cycles < bestCycles
                                         : costs.shared.dsp < bestDsp;
    if (better) {
      best.engine = tiles;
      bestCycles = cycles;
      bestDsp = costs.shared.dsp;
      bestFits = fit;
    }
  }
  return best;
}

void recordBinding(ee::NetworkOp network, const NetworkCost &costs) {
  MLIRContext *context = network.getContext();
  const bool engine = costs.binding.binding == Binding::Engine;
  network->setAttr(hls::attrs::kBinding,
                   hls::BindingAttr::get(context, engine ? hls::Binding::engine
                                                         : hls::Binding::dedicated));
  if (engine) {
    network->setAttr(hls::attrs::kEngineTiles,
                     DenseI64ArrayAttr::get(context, {costs.binding.engine.m, costs.binding.engine.n}));
    network->setAttr(hls::attrs::kWeightPorts,
                     IntegerAttr::get(IntegerType::get(context, 64), costs.weightPorts));
    network->setAttr(hls::attrs::kFeatureMaps,
                     hls::MemoryKindAttr::get(context, costs.featureMapsInDDR ? hls::MemoryKind::ddr
                                                                              : hls::MemoryKind::bram));
  } else {
    network->removeAttr(hls::attrs::kEngineTiles);
    network->removeAttr(hls::attrs::kWeightPorts);
    network->removeAttr(hls::attrs::kFeatureMaps);
  }
  network.walk([&](Operation *op) {
    if (!macShape(op))
      return;
    if (engine)
      op->setAttr(hls::attrs::kWeightMemory, hls::MemoryKindAttr::get(context, hls::MemoryKind::ddr));
    else
      op->removeAttr(hls::attrs::kWeightMemory);
  });
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

  // Resources: the shared engine and arena, the backbone and the final classifier
  // always; early exits by placement.
  estimate.resources += network.shared;
  auto parallelExit = [&](size_t e) -> const BlockCost & {
    return e < network.parallelExits.size() ? network.parallelExits[e] : network.exits[e];
  };
  for (const BlockCost &stage : network.stages)
    estimate.resources += stage.resources;
  estimate.resources += network.exits[finalExit].resources;
  for (size_t e = 0; e < finalExit; ++e) {
    if (placements[e] == Mode::Static)
      continue;
    estimate.resources += network.decision.resources;
    if (placements[e] == Mode::Pipeline) {
      // In series with the backbone, but on kernels of its own as eecc emits them: the
      // exit's layer functions (dedicated) or word kernels beside the shared engine.
      estimate.resources += network.exits[e].resources;
    } else {
      estimate.resources += parallelExit(e).resources; // dedicated kernels
      if (e < network.forkMemory.size())
        estimate.resources += network.forkMemory[e];
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
      const BlockCost &exit =
          placements[e] == Mode::Parallel ? parallelExit(e) : network.exits[e];
      int64_t exitWork = exit.cycles + network.decision.cycles;
      double exitEnergy = exit.dynamicMicrojoules + network.decision.dynamicMicrojoules;
      if (placements[e] == Mode::Pipeline) { // in series on the backbone's hardware
        time += exitWork;
        dynamic += exitEnergy;
        estimate.exitCycles[e] = time;
        estimate.exitMicrojoules[e] = dynamic + staticMicrojoules(time);
        continue;
      }
      // Parallel: the branch point is forked into the exit's and the next stage's
      // channels (every sample pays the copy); the exit runs beside the next stage, which
      // polls the decision between its layers: a taken exit returns when the stage
      // reaches the first poll after the decision (or its end, where it waits for the
      // token). Continuing samples pay the exit's energy, not its time.
      if (e < network.forkCycles.size())
        time += network.forkCycles[e];
      int64_t decided = time + exitWork;
      finalNotBefore = std::max(finalNotBefore, decided);
      double speculative = 0.0;
      if (s + 1 < network.stages.size() && network.stages[s + 1].cycles > 0) {
        const BlockCost &next = network.stages[s + 1];
        int64_t abandoned = next.cycles; // the stage runs to its end
        int64_t boundary = 0;
        for (size_t k = 0; k + 1 < next.layers.size(); ++k) { // the polls between layers
          boundary += next.layers[k].cycles;
          if (boundary >= exitWork) {
            abandoned = boundary;
            break;
          }
        }
        decided = time + std::max(exitWork, abandoned);
        double fraction = std::min(1.0, static_cast<double>(abandoned) / next.cycles);
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
