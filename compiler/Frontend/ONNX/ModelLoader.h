// Loading ONNX files: protobuf parse under explicit limits, checker, shape inference.
#ifndef EECC_FRONTEND_ONNX_MODELLOADER_H
#define EECC_FRONTEND_ONNX_MODELLOADER_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace eecc::onnx_frontend {

/// Bounds on what eecc accepts from a (possibly hostile) file.
struct LoadLimits {
  /// Largest file accepted; protobuf itself cannot parse messages of 2 GiB or more.
  uint64_t maxFileBytes = (uint64_t{1} << 31) - 1;
  /// Deepest message nesting (If subgraphs nest graphs inside nodes).
  int maxRecursionDepth = 64;
  /// Nodes over the graph and every subgraph: the seed networks have under 200.
  uint64_t maxNodes = 100000;
  /// Weight elements over every initializer (inline or external): 2 GiB of float32,
  /// which bounds the compiler's memory (see the README's resource limits).
  uint64_t maxInitializerElements = uint64_t{1} << 29;
};

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_MODELLOADER_H
