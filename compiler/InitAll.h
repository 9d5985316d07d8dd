// Registration of every dialect, pass and pipeline eecc's tools expose.
#ifndef EECC_INITALL_H
#define EECC_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace eecc {

/// nn, ee, hls and the upstream dialects eecc IR uses (func, arith, tensor).
void registerAllDialects(mlir::DialectRegistry &registry);

/// eecc's passes and named pipelines, plus the upstream canonicalize/cse family.
void registerAllPasses();

} // namespace eecc

#endif // EECC_INITALL_H
