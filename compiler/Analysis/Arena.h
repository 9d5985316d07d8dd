// The feature-map arena of engine binding: every feature map of a network at a word
// offset of one shared buffer, maps whose lifetimes overlap never sharing words.
#ifndef EECC_ANALYSIS_ARENA_H
#define EECC_ANALYSIS_ARENA_H

#include "dialects/ee/EEOps.h"

#include "llvm/ADT/DenseMap.h"

#include <cstdint>

namespace eecc {

struct ArenaPlan {
  /// The first word of every feature map: the network's input, every layer result, and
  /// (at their producer's offset) block arguments, block results and the views flatten
  /// and reshape make.
  llvm::DenseMap<mlir::Value, int64_t> offset;
  int64_t words = 0; // the arena's size, in elements
};

/// Lays out the feature maps of `network` in execution order (stages and exits as they
/// appear; a parallel exit and the stage beside it as one span, since they run at
/// once): a map lives from the step that writes it to the last step that reads it (an
/// exit's logits until its decision), and takes the lowest free offset that fits (first
/// fit). A map is never placed over one its own layer reads.
ArenaPlan planArena(ee::NetworkOp network);

} // namespace eecc

#endif // EECC_ANALYSIS_ARENA_H
