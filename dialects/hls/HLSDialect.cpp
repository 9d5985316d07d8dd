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
                                     int64_t width, int64_t integerBits, QuantMode,
                                     OverflowMode) {
  if (width < 1 || width > 1024)
    return emitError() << "fixed-point width must be in [1, 1024], got " << width;
  (void)integerBits;
  return success();
}

// #hls.fixed<W, I> or #hls.fixed<W, I, quant, overflow>.
Attribute FixedPointAttr::parse(AsmParser &parser, Type) {
  int64_t width = 0, integerBits = 0;
  QuantMode quant = QuantMode::trn;
  OverflowMode overflow = OverflowMode::wrap;
  if (parser.parseLess() || parser.parseInteger(width) || parser.parseComma() ||
      parser.parseInteger(integerBits))
    return {};
  if (succeeded(parser.parseOptionalComma())) {
    StringRef quantName, overflowName;
    SMLoc quantLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&quantName))
      return {};
    std::optional<QuantMode> parsedQuant = symbolizeQuantMode(quantName);
    if (!parsedQuant) {
      parser.emitError(quantLoc, "expected a quantization mode (trn, trn_zero, rnd, rnd_zero, "
                                 "rnd_min_inf, rnd_inf, rnd_conv), got '")
          << quantName << "'";
      return {};
    }
    SMLoc overflowLoc = parser.getCurrentLocation();
    if (parser.parseComma() || parser.parseKeyword(&overflowName))
      return {};
    std::optional<OverflowMode> parsedOverflow = symbolizeOverflowMode(overflowName);
    if (!parsedOverflow) {
      parser.emitError(overflowLoc,
                       "expected an overflow mode (wrap, sat, sat_zero, sat_sym), got '")
          << overflowName << "'";
      return {};
    }
    quant = *parsedQuant;
    overflow = *parsedOverflow;
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), width, integerBits, quant, overflow);
}

void FixedPointAttr::print(AsmPrinter &printer) const {
  printer << "<" << getWidth() << ", " << getIntegerBits();
  if (getQuant() != QuantMode::trn || getOverflow() != OverflowMode::wrap)
    printer << ", " << stringifyQuantMode(getQuant()) << ", "
            << stringifyOverflowMode(getOverflow());
  printer << ">";
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
