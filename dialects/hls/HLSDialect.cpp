// Registration of the hls dialect and verifiers of its attributes.
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace eecc::hls;

#include "dialects/hls/HLSDialect.cpp.inc"
#include "dialects/hls/HLSEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hls/HLSAttrs.cpp.inc"

void HLSDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/hls/HLSAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/hls/HLSOps.cpp.inc"
      >();
}

// ap_fixed accepts widths 1..1024 (AP_INT_MAX_W default).
LogicalResult FixedPointAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     int64_t width, int64_t integerBits) {
  if (width < 1 || width > 1024)
    return emitError() << "fixed-point width must be in [1, 1024], got " << width;
  (void)integerBits;
  return success();
}

LogicalResult DirectivesAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     int64_t pipelineII, int64_t unroll, bool dataflow,
                                     bool inlineFunction) {
  if (pipelineII < 0)
    return emitError() << "pipeline_ii must be >= 0 (0: not pipelined), got " << pipelineII;
  if (unroll < 1)
    return emitError() << "unroll must be >= 1 (1: not unrolled), got " << unroll;
  if (dataflow && inlineFunction)
    return emitError() << "a dataflow region cannot be inlined";
  return success();
}

LogicalResult EstimateAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   int64_t cycles, int64_t dsp, int64_t bram18, int64_t uram,
                                   int64_t lut, int64_t ff) {
  const std::pair<const char *, int64_t> fields[] = {{"cycles", cycles}, {"dsp", dsp},
                                                     {"bram18", bram18}, {"uram", uram},
                                                     {"lut", lut},       {"ff", ff}};
  for (auto [name, value] : fields)
    if (value < 0)
      return emitError() << "estimate '" << name << "' must be >= 0, got " << value;
  return success();
}
