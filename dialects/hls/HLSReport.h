// A report.json section carried in the IR: the pass that decides something records what
// report.json says about it as an attribute, and the project emitter prints it back.
#ifndef EECC_DIALECTS_HLS_HLSREPORT_H
#define EECC_DIALECTS_HLS_HLSREPORT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/MLIRContext.h"

#include <nlohmann/json.hpp>

namespace eecc::report {

/// A report section as an attribute: its JSON text (a StringAttr), keys in the order the
/// deciding pass wrote them, numbers exactly (toJson(toAttr(j)) dumps as j does).
mlir::Attribute toAttr(mlir::MLIRContext *context, const nlohmann::ordered_json &json);

/// The JSON of an attribute built by toAttr (null for a missing or malformed one).
nlohmann::ordered_json toJson(mlir::Attribute attr);

/// The names of the report sections, as attributes of the ee.network that the passes
/// deciding them set (hls.report.<section>).
inline constexpr llvm::StringLiteral kEstimated = "hls.report.estimated";
inline constexpr llvm::StringLiteral kOtherBinding = "hls.report.other_binding";
inline constexpr llvm::StringLiteral kCalibration = "hls.report.calibration";
inline constexpr llvm::StringLiteral kAccuracy = "hls.report.accuracy";
inline constexpr llvm::StringLiteral kThresholdCalibration = "hls.report.threshold_calibration";

} // namespace eecc::report

#endif // EECC_DIALECTS_HLS_HLSREPORT_H
