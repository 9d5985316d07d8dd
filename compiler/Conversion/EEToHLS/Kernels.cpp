// The loop nests of eecc's kernels (see Kernels.h). Each builder below mirrors one
// function of templates/hls/eecc_layers.h or eecc_engine.h: the same loops, in the same
// order, with the label the C++ uses, the accesses one iteration makes, and what the
// loop does outside its inner loops (overhead). A change to a template's loops is a
// change here.
#include "compiler/Conversion/EEToHLS/Kernels.h"
#include "compiler/Numerics/Attributes.h"

#include "dialects/ee/EEOps.h"
#include "dialects/nn/NNDialect.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <functional>

using namespace mlir;

namespace eecc::hls {

namespace {
int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
int64_t elements(Value value) { return cast<ShapedType>(value.getType()).getNumElements(); }
ArrayRef<int64_t> shapeOf(Value value) { return cast<ShapedType>(value.getType()).getShape(); }

/// Bits of one element of `value`: its hls.type width, or 32 (float).
int64_t bitsOf(Value value) {
  if (auto type = dyn_cast_or_null<FixedPointAttr>(fixedFormatOf(value)))
    return type.getWidth();
  return 32;
}

/// The options of one loop beyond its label and trip count.
struct Shape {
  bool pipeline = false;
  int64_t depth = 0, recurrence = 1, overhead = 0;
  bool flatten = false;
};
Shape pipelined(int64_t depth, int64_t recurrence = 1) { return {true, depth, recurrence, 0}; }
Shape sequential(int64_t overhead = 0) { return {false, 0, 1, overhead}; }
/// The outer loop of a perfect nest Vitis flattens into the pipelined loop inside.
Shape flattened() { return {false, 0, 1, 0, true}; }
} // namespace

DesignBuilder::DesignBuilder(DesignOp design, const LoopTiming &timing, const EngineShape *engine)
    : design(design), symbols((design.getBody().empty() ? design.getBody().emplaceBlock()
                                                         : design.getBody().front(),
                               design)),
      builder(design.getContext()), timing(timing), engine(engine) {
  for (MemoryOp memory : design.getBody().front().getOps<MemoryOp>())
    lastMemory = memory;
}

std::string DesignBuilder::nameOf(Operation *op) {
  auto [it, inserted] = names.try_emplace(op);
  if (inserted) {
    auto cname = op->getAttrOfType<StringAttr>("eecc.cname");
    it->second = cname ? cname.str() : "op" + std::to_string(unnamed++);
  }
  return it->second;
}

MemoryOp DesignBuilder::memory(StringRef name, MemoryKind kind, int64_t words, int64_t width,
                               int64_t banks, int64_t ports, StringRef holds) {
  // Memories derived from a kernel's name carry a '.', which no C++ name (a kernel's
  // symbol) has: the two never collide.
  if (Operation *existing = symbols.lookup(name))
    return cast<MemoryOp>(existing);
  OpBuilder::InsertionGuard guard(builder);
  Block &body = design.getBody().front();
  // Memories first, in the order they are met; kernels after them.
  if (lastMemory)
    builder.setInsertionPointAfter(lastMemory);
  else
    builder.setInsertionPointToStart(&body);
  auto i64 = [&](int64_t v) { return builder.getI64IntegerAttr(v); };
  const bool ddr = kind == MemoryKind::ddr;
  auto memory = builder.create<MemoryOp>(
      design.getLoc(), builder.getStringAttr(name), MemoryKindAttr::get(builder.getContext(), kind),
      i64(words), i64(width), i64(banks), i64(ports), builder.getStringAttr(holds),
      FixedPointAttr(), ddr ? i64(timing.ddrLatency) : IntegerAttr(),
      ddr ? i64(timing.outstanding) : IntegerAttr(), UnitAttr());
  symbols.insert(memory);
  lastMemory = memory;
  return memory;
}

void DesignBuilder::setArenaWords(int64_t words) {
  if (Operation *arena = symbols.lookup("arena"))
    cast<MemoryOp>(arena).setWords(words);
}

void DesignBuilder::setWeightImageWords(int64_t words) {
  if (Operation *image = symbols.lookup("weight_image"))
    cast<MemoryOp>(image).setWords(words);
}

MemoryKind arrayKind(int64_t words, int64_t width) {
  return words * width <= 4096 ? MemoryKind::lutram : MemoryKind::bram;
}

MemoryOp DesignBuilder::source(Value value) {
  if (MemoryOp memory = bound.lookup(value))
    return memory;
  Value resolved = ee::resolveNetworkValue(value);
  Operation *producer = resolved.getDefiningOp();
  const int64_t words = elements(resolved), width = bitsOf(resolved);
  if (producer && isa<arith::ConstantOp>(producer)) {
    if (!engine)
      return memory(nameOf(producer), arrayKind(words, width), words, width, 1, 2, "weights");
    // The engine: a MAC layer's weights are in the weight image (see result()); any other
    // constant operand is a ROM of its own words.
    return memory(nameOf(producer) + ".words", arrayKind(words, width), words, width, 1, 2,
                  "constant operand");
  }
  if (engine)
    return memory("arena", MemoryKind::bram, 0, 16, 1, 2, "feature maps");
  if (!producer) {
    // A float design's layers read the input in place, from the top's m_axi port (DDR);
    // a fixed-point one's from the on-chip copy the top quantizes it into.
    if (!fixedFormatOf(resolved))
      return memory("input", MemoryKind::ddr, words, width, 1, 1,
                    "network input (the top's m_axi port, read in place)");
    return memory("input", arrayKind(words, width), words, width, 1, 2, "network input");
  }
  return result(producer);
}

MemoryOp DesignBuilder::result(Operation *layer) {
  if (engine)
    return memory("arena", MemoryKind::bram, 0, 16, 1, 2, "feature maps");
  Value value = layer->getResult(0);
  const int64_t words = elements(value), width = bitsOf(value);
  return memory(nameOf(layer) + ".out", arrayKind(words, width), words, width, 1, 2,
                "feature map");
}

KernelOp DesignBuilder::copyKernel(StringRef symbol, int64_t elements, MemoryOp from,
                                   ArrayRef<MemoryOp> to) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(&design.getBody().front());
  auto kernel = builder.create<KernelOp>(
      design.getLoc(), builder.getStringAttr(symbol),
      BindingAttr::get(builder.getContext(), Binding::dedicated), StringAttr(), StringAttr(),
      DirectivesAttr(), EstimateAttr());
  symbols.insert(kernel);
  builder.setInsertionPointToStart(&kernel.getBody().emplaceBlock());
  auto i64 = [&](int64_t v) { return builder.getI64IntegerAttr(v); };
  auto loop = builder.create<LoopOp>(design.getLoc(), builder.getStringAttr("i"), i64(elements),
                                     builder.getUnitAttr(), UnitAttr(), IntegerAttr(),
                                     i64(timing.depth), IntegerAttr(), IntegerAttr(),
                                     StringAttr());
  builder.setInsertionPointToStart(&loop.getBody().emplaceBlock());
  builder.create<AccessOp>(design.getLoc(), FlatSymbolRefAttr::get(from.getSymNameAttr()), i64(1),
                           i64(0), UnitAttr());
  for (MemoryOp memory : to)
    builder.create<AccessOp>(design.getLoc(), FlatSymbolRefAttr::get(memory.getSymNameAttr()),
                             i64(0), i64(1), UnitAttr());
  return kernel;
}

KernelOp DesignBuilder::buildCopy(Value value, StringRef symbol) {
  const int64_t words = elements(value), width = bitsOf(value);
  MemoryOp from = source(value);
  MemoryOp to = memory(symbol.str() + ".out", arrayKind(words, width), words, width, 1, 2,
                       "a block's result");
  return copyKernel(symbol, words, from, {to});
}

KernelOp DesignBuilder::buildFork(ValueRange values, StringRef symbol) {
  if (values.empty())
    return KernelOp();
  int64_t words = 0, width = 1;
  for (Value value : values) {
    words += elements(value);
    width = std::max(width, bitsOf(value));
  }
  MemoryOp from = source(values.front());
  MemoryOp toExit = memory(symbol.str() + ".exit", arrayKind(words, width), words, width, 1, 2,
                           "the branch point's copy for the exit");
  MemoryOp toStage = memory(symbol.str() + ".stage", arrayKind(words, width), words, width, 1,
                            2, "the branch point's copy for the next stage");
  // Channels of the parallel region's DATAFLOW (the exit's task, the next stage's).
  toExit.setPingpong(true);
  toStage.setPingpong(true);
  return copyKernel(symbol, words, from, {toExit, toStage});
}

KernelOp DesignBuilder::buildLayer(Operation *layer, StringRef symbol) {
  if (engine && isa<nn::FlattenOp, nn::ReshapeOp>(layer))
    return KernelOp(); // a view of the arena
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(&design.getBody().front());
  Location loc = layer->getLoc();
  const bool mac = isa<nn::Conv2DOp, nn::DenseOp>(layer);
  std::string layerName = nn::layerName(layer);
  auto kernel = builder.create<KernelOp>(
      loc, builder.getStringAttr(symbol),
      BindingAttr::get(builder.getContext(), engine ? Binding::engine : Binding::dedicated),
      builder.getStringAttr(layerName),
      engine && mac ? builder.getStringAttr("mac_engine") : StringAttr(), DirectivesAttr(),
      EstimateAttr());
  symbols.insert(kernel);
  builder.setInsertionPointToStart(&kernel.getBody().emplaceBlock());

  auto i64 = [&](int64_t v) { return builder.getI64IntegerAttr(v); };
  auto optional = [&](int64_t v, int64_t unset) { return v == unset ? IntegerAttr() : i64(v); };
  // loop(label, trip, shape, body): a loop at the insertion point, `body` inside it.
  std::function<void(StringRef, int64_t, Shape, const std::function<void()> &)> loop =
      [&](StringRef label, int64_t trip, Shape shape, const std::function<void()> &body) {
        auto op = builder.create<LoopOp>(
            loc, builder.getStringAttr(label), i64(trip),
            shape.pipeline ? builder.getUnitAttr() : UnitAttr(),
            shape.flatten ? builder.getUnitAttr() : UnitAttr(), IntegerAttr(),
            shape.pipeline ? i64(shape.depth) : IntegerAttr(),
            shape.pipeline ? optional(shape.recurrence, 1) : IntegerAttr(),
            optional(shape.overhead, 0), StringAttr());
        OpBuilder::InsertionGuard inner(builder);
        builder.setInsertionPointToStart(&op.getBody().emplaceBlock());
        body();
      };
  auto access = [&](MemoryOp memory, int64_t reads, int64_t writes) {
    builder.create<AccessOp>(loc, FlatSymbolRefAttr::get(memory.getSymNameAttr()), i64(reads),
                             i64(writes), UnitAttr());
  };
  Value resultValue = layer->getResult(0);
  const int64_t count = elements(resultValue);
  const int64_t depth = timing.depth;
  MemoryOp out = result(layer);

  // The engine's shared MAC array (eecc_engine::mac_engine_tiled).
  auto engineMac = [&](int64_t filters, int64_t groups, int64_t reduction, int64_t pixels,
                       Value input, bool hasBias, bool conv) {
    const EngineShape &e = *engine;
    MemoryOp arena = source(input);
    MemoryOp image = memory("weight_image", MemoryKind::ddr, 0, 16, e.weightPorts, 1,
                            "weight image");
    MemoryOp tile = memory("weight_tile", MemoryKind::reg, e.tileM * e.tileN, 16, 1, 1,
                           "the weight tile (a word per MAC, in registers)");
    MemoryOp psum = memory("partial_sums", arrayKind(e.maxPixels, 64), e.tileM * e.maxPixels, 64,
                           e.tileM, 2, "partial sums (one bank per output channel of a tile)");
    const int64_t perGroup = filters / groups;
    const int64_t lanes = std::min(e.tileN, reduction);
    // An accumulation into one partial sum recurs only when the plane is shorter than the
    // adder's latency.
    const int64_t recurrence = pixels < timing.accumulate ? timing.accumulate : 1;
    auto outputTile = [&](int64_t drained) {
      // psum init from the bias: 4 words of the image per output channel of the tile,
      // read one after the other (bias_of's loop is not pipelined); the channels past the
      // layer's last (a partial tile) start at 0 without a read. One loop in the C++: its
      // iterations with and without the bias read.
      loop("init_mm", drained, sequential(hasBias ? 4 * (timing.ddrLatency + 1) : 0), [&] {
        loop("init_p", pixels, pipelined(depth), [&] { access(psum, 0, 1); });
      });
      if (e.tileM > drained)
        loop("init_mm", e.tileM - drained, sequential(), [&] {
          loop("init_p", pixels, pipelined(depth), [&] { access(psum, 0, 1); });
        });
      loop("r0", ceilDiv(reduction, e.tileN), sequential(), [&] {
        // PORTS words per cycle, one per bundle (fewer when the tile is smaller).
        const int64_t words = std::min(e.weightPorts, e.tileM * e.tileN);
        loop("load", ceilDiv(e.tileM * e.tileN, e.weightPorts), pipelined(timing.ddrLatency), [&] {
          access(image, words, 0);
          access(tile, 0, words);
        });
        // fetch() divides by the layer's taps and then the kernel's width at run time:
        // two dividers in series in the one datapath every layer runs (dense too).
        loop("sweep", pixels, pipelined(depth + 2 * timing.divider, recurrence), [&] {
          access(arena, lanes, 0);
          access(tile, e.tileM * lanes, 0);
          access(psum, e.tileM, e.tileM);
        });
      });
      loop("drain_mm", drained, sequential(), [&] {
        loop("drain_p", pixels, pipelined(depth), [&] {
          access(psum, 1, 0);
          access(arena, 0, 1);
        });
      });
    };
    loop("g", groups, sequential(), [&] {
      if (perGroup / e.tileM > 0)
        loop("m0", perGroup / e.tileM, sequential(), [&] { outputTile(e.tileM); });
      if (perGroup % e.tileM)
        loop("m0", 1, sequential(), [&] { outputTile(perGroup % e.tileM); }); // the last, partial tile
    });
  };

  // A pooling window walk (eecc_hls::window_max / avg_pool2d): for plane, oy, ox: the
  // window's ky x kx in one pipeline; the result stored once per window.
  auto window = [&](Value input, int64_t planes, ArrayRef<int64_t> kernelShape,
                    int64_t recurrence) {
    auto outShape = shapeOf(resultValue);
    MemoryOp in = source(input);
    loop("p", planes, sequential(), [&] {
      loop("oy", outShape[2], sequential(), [&] {
        loop("ox", outShape[3], sequential(2), [&] {
          access(out, 0, 1);
          // A perfect nest (the padding test is inside kx): flattened.
          loop("ky", kernelShape[0], flattened(), [&] {
            loop("kx", kernelShape[1], pipelined(depth, recurrence),
                 [&] { access(in, 1, 0); });
          });
        });
      });
    });
  };
  // One element per iteration over the result: every operand read once, the result written.
  auto elementwise = [&](ArrayRef<MemoryOp> extra) {
    loop("i", count, pipelined(depth), [&] {
      for (Value operand : layer->getOperands())
        access(source(operand), 1, 0);
      for (MemoryOp memory : extra)
        access(memory, 1, 0);
      access(out, 0, 1);
    });
  };

  llvm::TypeSwitch<Operation *>(layer)
      .Case([&](nn::Conv2DOp conv) {
        auto w = shapeOf(conv.getWeight()), o = shapeOf(resultValue);
        if (engine) {
          engineMac(w[0], static_cast<int64_t>(conv.getGroups()), w[1] * w[2] * w[3],
                    o[2] * o[3], conv.getInput(), static_cast<bool>(conv.getBias()), true);
          return;
        }
        MemoryOp in = source(conv.getInput()), weight = source(conv.getWeight());
        loop("m", w[0], sequential(), [&] {
          loop("oy", o[2], sequential(), [&] {
            loop("ox", o[3], sequential(2), [&] { // the accumulator's bias, the store
              if (conv.getBias())
                access(source(conv.getBias()), 1, 0);
              access(out, 0, 1);
              loop("c", w[1], sequential(), [&] {
                loop("ky", w[2], sequential(), [&] {
                  loop("kx", w[3], pipelined(depth, timing.accumulate), [&] {
                    access(in, 1, 0);
                    access(weight, 1, 0);
                  });
                });
              });
            });
          });
        });
      })
      .Case([&](nn::DenseOp dense) {
        auto w = shapeOf(dense.getWeight());
        const int64_t rows = shapeOf(dense.getInput())[0];
        if (engine) {
          engineMac(w[0], 1, w[1], rows, dense.getInput(), static_cast<bool>(dense.getBias()),
                    false);
          return;
        }
        MemoryOp in = source(dense.getInput()), weight = source(dense.getWeight());
        loop("n", rows, sequential(), [&] {
          loop("m", w[0], sequential(2), [&] {
            if (dense.getBias())
              access(source(dense.getBias()), 1, 0);
            access(out, 0, 1);
            loop("k", w[1], pipelined(depth, timing.accumulate), [&] {
              access(in, 1, 0);
              access(weight, 1, 0);
            });
          });
        });
      })
      .Case([&](nn::MaxPool2DOp pool) {
        auto in = shapeOf(pool.getInput());
        window(pool.getInput(), in[0] * in[1], pool.getKernelShape(), 1);
      })
      .Case([&](nn::AvgPool2DOp pool) {
        auto in = shapeOf(pool.getInput());
        window(pool.getInput(), in[0] * in[1], pool.getKernelShape(), timing.accumulate);
      })
      .Case([&](nn::GlobalAvgPoolOp pool) {
        auto in = shapeOf(pool.getInput());
        MemoryOp input = source(pool.getInput());
        loop("p", in[0] * in[1], sequential(2), [&] { // the mean, the store
          access(out, 0, 1);
          loop("i", in[2] * in[3], pipelined(depth, timing.accumulate),
               [&] { access(input, 1, 0); });
        });
      })
      .Case([&](nn::LRNOp lrn) {
        // In float: per element, the window's squares and a pow (not pipelined).
        const int64_t size = static_cast<int64_t>(lrn.getSize());
        MemoryOp input = source(lrn.getInput());
        loop("i", count, sequential(size * 4 + 40), [&] {
          access(input, size, 0);
          access(out, 0, 1);
        });
      })
      .Case<nn::SoftmaxOp, nn::LogSoftmaxOp>([&](Operation *softmax) {
        // In float: the row's max, the exponentials and their sum, the division (three
        // passes of one element each), and the exp/log cores' latency once.
        MemoryOp input = source(softmax->getOperand(0));
        loop("row", 1, sequential(40), [&] {
          loop("i", count, sequential(3), [&] {
            access(input, 1, 0);
            access(out, 0, 1);
          });
        });
      })
      .Case<nn::SigmoidOp, nn::TanhOp>([&](Operation *activation) {
        if (!fixedFormatOf(resultValue)) {
          elementwise({});
          return;
        }
        // The ROM indexed by the input's raw bits: the entries the emitter prints.
        Attribute inFormat = fixedFormatOf(activation->getOperand(0));
        const int64_t entries =
            inFormat ? static_cast<int64_t>(
                           numerics::activationTable(numerics::tableFunctionOf(activation),
                                                     numerics::toFixedFormat(inFormat),
                                                     numerics::toFixedFormat(fixedFormatOf(resultValue)))
                               .entries.size())
                     : 0;
        MemoryOp table = memory(nameOf(activation) + ".table", MemoryKind::lutram, entries,
                                bitsOf(resultValue), 1, 2, "activation table");
        elementwise({table});
      })
      .Default([&](Operation *) { elementwise({}); });
  return kernel;
}

void earnIIs(DesignOp design) {
  SymbolTable symbols(design);
  OpBuilder builder(design.getContext());
  // A shared unit's loops: one II per label, the largest, and the reason for it.
  llvm::StringMap<std::pair<int64_t, std::string>> shared;
  auto sharedKey = [](LoopOp loop) -> std::string {
    auto kernel = loop->getParentOfType<KernelOp>();
    if (!kernel || !kernel.getUnit())
      return "";
    return kernel.getUnit()->str() + "\n" + loop.getLabel().str();
  };
  design.walk([&](LoopOp loop) {
    if (!loop.getPipeline())
      return;
    std::string why;
    int64_t ii = earnII(loop, symbols, why);
    loop.setIiAttr(builder.getI64IntegerAttr(ii));
    if (why.empty())
      loop.removeWhyAttr();
    else
      loop.setWhyAttr(builder.getStringAttr(why));
    if (std::string key = sharedKey(loop); !key.empty()) {
      auto &entry = shared[key];
      if (ii > entry.first)
        entry = {ii, why};
    }
  });
  if (shared.empty())
    return;
  design.walk([&](LoopOp loop) {
    std::string key = loop.getPipeline() ? sharedKey(loop) : "";
    if (key.empty())
      return;
    const auto &[ii, why] = shared[key];
    if (ii <= loop.getIiAttr().getInt())
      return;
    loop.setIiAttr(builder.getI64IntegerAttr(ii));
    loop.setWhyAttr(builder.getStringAttr("one pragma for the shared " +
                                          loop->getParentOfType<KernelOp>().getUnit()->str() +
                                          ": " + why));
  });
}

namespace {
/// `layer`'s kernel in a scratch design (in `scratch`), its IIs earned; null when the
/// layer has no kernel.
KernelOp scratchKernel(Operation *layer, const LoopTiming &timing, const EngineShape *engine,
                       OwningOpRef<ModuleOp> &scratch) {
  MLIRContext *context = layer->getContext();
  context->getOrLoadDialect<HLSDialect>();
  OpBuilder builder(context);
  scratch = ModuleOp::create(layer->getLoc());
  builder.setInsertionPointToStart(scratch->getBody());
  auto design = builder.create<DesignOp>(layer->getLoc(), builder.getStringAttr("scratch"),
                                         builder.getStringAttr("scratch"),
                                         builder.getF64FloatAttr(1.0));
  DesignBuilder designBuilder(design, timing, engine);
  KernelOp kernel = designBuilder.buildLayer(layer, "kernel");
  if (!kernel)
    return kernel;
  earnIIs(design);
  if (engine && engine->sweepII > 1) // the engine's one pragma (see EngineShape)
    kernel.walk([&](LoopOp loop) {
      if (loop.getPipeline() && loop.getLabel() == "sweep" &&
          loop.getIiAttr().getInt() < engine->sweepII)
        loop.setIiAttr(builder.getI64IntegerAttr(engine->sweepII));
    });
  return kernel;
}
} // namespace

int64_t layerCycles(Operation *layer, const LoopTiming &timing, const EngineShape *engine) {
  OwningOpRef<ModuleOp> scratch;
  KernelOp kernel = scratchKernel(layer, timing, engine, scratch);
  return kernel ? kernel.getCycles() : 0;
}

int64_t layerLoopII(Operation *layer, const LoopTiming &timing, const EngineShape *engine,
                    StringRef label) {
  OwningOpRef<ModuleOp> scratch;
  KernelOp kernel = scratchKernel(layer, timing, engine, scratch);
  int64_t ii = 0;
  if (kernel)
    kernel.walk([&](LoopOp loop) {
      if (loop.getPipeline() && loop.getLabel() == label && loop.getIiAttr())
        ii = std::max<int64_t>(ii, loop.getIiAttr().getInt());
    });
  return ii;
}

} // namespace eecc::hls
