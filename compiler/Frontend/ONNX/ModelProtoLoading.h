// Internal: protobuf parsing under limits, checker and shape inference of a ModelProto.
#ifndef EECC_FRONTEND_ONNX_MODELPROTOLOADING_H
#define EECC_FRONTEND_ONNX_MODELPROTOLOADING_H

#include "compiler/Frontend/ONNX/ModelLoader.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <onnx/onnx_pb.h>

namespace eecc::onnx_frontend {

/// Parses `buffer` into `model` under `limits`; the message names `path`.
llvm::Error parseModelProto(const llvm::MemoryBuffer &buffer, llvm::StringRef path,
                            const LoadLimits &limits, onnx::ModelProto &model);

/// Runs the ONNX checker and strict shape inference (may throw: call inside try).
llvm::Error checkAndInferShapes(onnx::ModelProto &model, llvm::StringRef path);

/// Opset of the default domain, or 0 when the model imports none.
int64_t defaultOpset(const onnx::ModelProto &model);

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_MODELPROTOLOADING_H
