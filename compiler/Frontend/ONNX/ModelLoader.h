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
};

/// What eecc needs to know about a model before importing it.
struct ModelSummary {
  int64_t irVersion = 0;
  int64_t opset = 0; // of the default ("" / "ai.onnx") domain
  std::string producer;
  size_t numNodes = 0;
  size_t numInitializers = 0;
  llvm::SmallVector<std::string> inputs;  // graph inputs that are not initializers
  llvm::SmallVector<std::string> outputs;
};

/// Parses, checks (onnx::checker) and shape-infers `path`. Every failure,
/// including exceptions thrown by protobuf or onnx, becomes an llvm::Error whose
/// message starts with the file name. Never throws.
llvm::Expected<ModelSummary> inspectModel(llvm::StringRef path, const LoadLimits &limits = {});

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_MODELLOADER_H
