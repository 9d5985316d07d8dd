// Verifiers of the hls ops.
#include "dialects/hls/HLSOps.h"

#include "dialects/ee/EEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace eecc::hls;

LogicalResult DesignOp::verify() {
  double clock = getClockNs().convertToDouble();
  if (!(clock > 0.0))
    return emitOpError("expects a positive clock period in ns, got ") << clock;
  if (getTarget().empty())
    return emitOpError("expects a non-empty target device name");
  return success();
}

LogicalResult BufferOp::verify() {
  auto type = cast<ShapedType>(getType());
  std::optional<PartitionKind> partition = getPartition();
  if (!partition) {
    if (getFactor() || getDim())
      return emitOpError("has 'factor' or 'dim' but no 'partition'");
    return success();
  }
  if (getMemory() == MemoryKind::ddr)
    return emitOpError("cannot partition a buffer in ddr");
  if (!getDim())
    return emitOpError("expects 'dim' with 'partition'");
  int64_t dim = static_cast<int64_t>(*getDim());
  if (dim < 0 || dim >= type.getRank())
    return emitOpError("partition dim ") << dim << " is out of range for rank "
                                         << type.getRank();
  if (*partition == PartitionKind::complete) {
    if (getFactor())
      return emitOpError("complete partitioning takes no 'factor'");
    return success();
  }
  if (!getFactor())
    return emitOpError("expects 'factor' with ")
           << stringifyPartitionKind(*partition) << " partitioning";
  int64_t factor = static_cast<int64_t>(*getFactor());
  if (factor < 1 || factor > type.getDimSize(dim))
    return emitOpError("partition factor ")
           << factor << " must be in [1, " << type.getDimSize(dim) << "] (size of dim " << dim
           << ")";
  return success();
}

#define GET_OP_CLASSES
#include "dialects/hls/HLSOps.cpp.inc"

mlir::Attribute eecc::hls::fixedFormatOf(mlir::Value value) {
  mlir::Value resolved = ee::resolveNetworkValue(value);
  if (auto argument = mlir::dyn_cast<mlir::BlockArgument>(resolved))
    return argument.getOwner()->getParentOp()->getAttr(attrs::kInputType);
  return resolved.getDefiningOp()->getAttr(attrs::kType);
}
