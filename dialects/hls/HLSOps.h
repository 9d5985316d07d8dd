// Operations and attributes of the hls dialect.
#ifndef EECC_DIALECTS_HLS_HLSOPS_H
#define EECC_DIALECTS_HLS_HLSOPS_H

#include "dialects/hls/HLSDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"

#include "dialects/hls/HLSEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hls/HLSAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/hls/HLSOps.h.inc"

#endif // EECC_DIALECTS_HLS_HLSOPS_H
