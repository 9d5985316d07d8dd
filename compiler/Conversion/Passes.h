// Declarations and registration of eecc's conversion passes.
#ifndef EECC_CONVERSION_PASSES_H
#define EECC_CONVERSION_PASSES_H

#include "dialects/ee/EEDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace eecc {

#define GEN_PASS_DECL
#include "compiler/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Conversion/Passes.h.inc"

} // namespace eecc

#endif // EECC_CONVERSION_PASSES_H
