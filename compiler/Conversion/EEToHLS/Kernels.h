// The loop nests of eecc's kernels as hls IR: what the layer library
// (templates/hls/eecc_layers.h) and the engine (templates/hls/eecc_engine.h) run for one
// layer, with the memories each iteration touches. ee-to-hls builds a network's design
// with them; the cost model builds one layer's kernel in a scratch design to read its
// cycles, so both count the same loops.
#ifndef EECC_CONVERSION_EETOHLS_KERNELS_H
#define EECC_CONVERSION_EETOHLS_KERNELS_H

#include "dialects/hls/HLSOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace eecc::hls {

/// What the loops need from the device file's schedule (templates/devices/*.json).
struct LoopTiming {
  /// Cycles an accumulation needs before the next iteration may add to it (the
  /// recurrence of a reduction loop): 1 for a fixed-point adder, a float adder's latency.
  int64_t accumulate = 1;
  /// Pipeline depth of one datapath iteration.
  int64_t depth = 6;
  /// Cycles from an m_axi read request to its data.
  int64_t ddrLatency = 64;
  /// Single-beat m_axi reads a bundle keeps in flight (Vitis' num_read_outstanding).
  int64_t outstanding = 16;
  /// Latency of a run-time integer division or modulo (a pipelined divider).
  int64_t divider = 36;
};

/// The shared MAC engine a layer runs on (engine binding).
struct EngineShape {
  int64_t tileM = 1, tileN = 1;
  int64_t weightPorts = 1;
  int64_t maxPixels = 1; // the largest output plane of the layers it serves
  /// The II of the engine's one sweep pragma, which every layer runs at: the largest its
  /// layers earn (hls-set-directives unifies a shared unit's loops in a design; a layer
  /// built alone is given it here).
  int64_t sweepII = 1;
};

/// Builds memories and kernels into one hls.design. Memories are created on first use:
/// dedicated binding gives every feature map and weight its own array; engine binding
/// keeps feature maps in the arena and weights in the DDR weight image.
class DesignBuilder {
public:
  DesignBuilder(DesignOp design, const LoopTiming &timing, const EngineShape *engine);

  /// The kernel of one layer (nn op) named `symbol`; null for a layer with no kernel
  /// (a flatten or reshape on the engine's arena is a view).
  KernelOp buildLayer(mlir::Operation *layer, llvm::StringRef symbol);
  /// A copy of `value` into its caller's buffer (an ee.yield under dedicated binding).
  KernelOp buildCopy(mlir::Value value, llvm::StringRef symbol);
  /// A parallel exit's fork: `values` (its branch point) copied into the exit's and the
  /// next stage's channels, one element per cycle.
  KernelOp buildFork(mlir::ValueRange values, llvm::StringRef symbol);

  /// Layers reading `value` (a block's result in the network, or a stage's or exit's
  /// block argument) read `memory` (the caller's buffer the result was copied into, or
  /// a fork's copy).
  void bindArgument(mlir::Value value, MemoryOp memory) { bound[value] = memory; }
  /// The memory a layer reads `value` from (its producer's output, a weight, the input,
  /// a bound block argument's buffer).
  MemoryOp source(mlir::Value value);

  /// Sizes the engine's arena and weight image (words) once they are known.
  void setArenaWords(int64_t words);
  void setWeightImageWords(int64_t words);

private:
  /// A kernel of one pipelined loop over `elements`: a read of `from`, a write of each
  /// of `to`.
  KernelOp copyKernel(llvm::StringRef symbol, int64_t elements, MemoryOp from,
                      llvm::ArrayRef<MemoryOp> to);
  MemoryOp memory(llvm::StringRef name, MemoryKind kind, int64_t words, int64_t width,
                  int64_t banks, int64_t ports, llvm::StringRef holds);
  /// The memory a layer writes its result to.
  MemoryOp result(mlir::Operation *layer);
  std::string nameOf(mlir::Operation *op);

  DesignOp design;
  mlir::SymbolTable symbols; // the design's (hashed: designs of 10^5 layers stay linear)
  mlir::Operation *lastMemory = nullptr; // memories go first, in the order they are met
  mlir::OpBuilder builder;
  LoopTiming timing;
  const EngineShape *engine;
  llvm::DenseMap<mlir::Operation *, std::string> names;
  llvm::DenseMap<mlir::Value, MemoryOp> bound;
  int64_t unnamed = 0;
};

/// Sets `ii` (and `why` when above 1) on every pipelined loop of `design` (hls::earnII);
/// the loops of kernels sharing a `unit` get one II per label (one pragma): the largest.
void earnIIs(DesignOp design);

/// Where an unpartitioned on-chip array of `words` x `width` lives, as Vitis HLS maps it:
/// LUTRAM up to 4 Kb, block RAM above (two ports either way).
MemoryKind arrayKind(int64_t words, int64_t width);

/// Cycles of one run of `layer`'s kernel: built in a scratch design, its IIs earned.
/// `engine` null: dedicated binding.
int64_t layerCycles(mlir::Operation *layer, const LoopTiming &timing, const EngineShape *engine);
/// The largest II earned by the pipelined loops labelled `label` of `layer`'s kernel
/// (built as for layerCycles); 0 when it has none.
int64_t layerLoopII(mlir::Operation *layer, const LoopTiming &timing, const EngineShape *engine,
                    llvm::StringRef label);

} // namespace eecc::hls

#endif // EECC_CONVERSION_EETOHLS_KERNELS_H
