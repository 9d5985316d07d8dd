// Declarations and registration of eecc's passes.
#ifndef EECC_TRANSFORMS_PASSES_H
#define EECC_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "dialects/hls/HLSDialect.h"
#include "mlir/Pass/Pass.h"

namespace eecc {

#define GEN_PASS_DECL
#include "compiler/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Transforms/Passes.h.inc"

} // namespace eecc

#endif // EECC_TRANSFORMS_PASSES_H
