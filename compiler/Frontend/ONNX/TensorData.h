// Decoding ONNX TensorProtos (float32 and int64, raw or typed, inline or external).
// Internal to the ONNX frontend: this header exposes onnx types.
#ifndef EECC_FRONTEND_ONNX_TENSORDATA_H
#define EECC_FRONTEND_ONNX_TENSORDATA_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace eecc::onnx_frontend {

/// A decoded tensor: float32 or int64 elements, row-major.
struct TensorData {
  bool isFloat = false;
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<float> floats;
  std::vector<int64_t> ints;

  size_t size() const { return isFloat ? floats.size() : ints.size(); }
  /// How many NaN and infinite floats the tensor holds (weights worth a warning).
  size_t countNaN() const;
  size_t countInf() const;
};

/// Decodes `tensor`. External data is read only from regular files inside
/// `modelDirectory` (no "..", absolute paths, symlinks or hard links; offset and
/// length inside the file), following onnx's Security.md. On failure returns false
/// and sets `error` to a message naming the tensor and the problem.
bool decodeTensor(const onnx::TensorProto &tensor, llvm::StringRef modelDirectory,
                  TensorData &result, std::string &error);

/// Name of an ONNX element type ("FLOAT", "INT64", ...), for diagnostics.
std::string elementTypeName(int32_t dataType);

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_TENSORDATA_H
