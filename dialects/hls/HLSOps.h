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

namespace eecc::hls {

/// The binding the HLS C++ of a network realizes: hls.emitted_binding (hls-bind sets it
/// when the engine emitter lacks a piece of the network), else hls.binding, else dedicated.
inline Binding emittedBinding(mlir::Operation *network) {
  auto binding = network->getAttrOfType<BindingAttr>(attrs::kEmittedBinding);
  if (!binding)
    binding = network->getAttrOfType<BindingAttr>(attrs::kBinding);
  return binding ? binding.getValue() : Binding::dedicated;
}

} // namespace eecc::hls

#endif // EECC_DIALECTS_HLS_HLSOPS_H
