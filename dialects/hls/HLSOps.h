// Operations and attributes of the hls dialect.
#ifndef EECC_DIALECTS_HLS_HLSOPS_H
#define EECC_DIALECTS_HLS_HLSOPS_H

#include "dialects/hls/HLSDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"

#include <string>

#include "dialects/hls/HLSEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hls/HLSAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/hls/HLSOps.h.inc"

namespace eecc::hls {

/// The binding the HLS C++ of a network realizes: hls.emitted_binding (hls-bind sets it
/// when the engine emitter lacks a piece of the network), else hls.binding, else dedicated.
inline Binding emittedBinding(mlir::Operation *network) {
  auto binding = network->getAttrOfType<BindingAttr>(attrs::kEmittedBinding);
  if (!binding)
    binding = network->getAttrOfType<BindingAttr>(attrs::kBinding);
  return binding ? binding.getValue() : Binding::dedicated;
}

/// The hls.fixed format of a value of an ee.network: its producer's hls.type (through
/// ee::resolveNetworkValue); the network's input type (hls.input_type) for its argument.
/// Null when nn-quantize has not set it.
mlir::Attribute fixedFormatOf(mlir::Value value);

/// The II a pipelined loop can reach: its recurrence, and for every memory its body
/// touches, the accesses of one iteration (inner loops unrolled) over the accesses the
/// memory sustains per cycle. `why` names the constraint that sets it (empty at 1).
/// `symbols` is the design's symbol table.
int64_t earnII(LoopOp loop, mlir::SymbolTable &symbols, std::string &why);

} // namespace eecc::hls

#endif // EECC_DIALECTS_HLS_HLSOPS_H
