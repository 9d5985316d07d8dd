// A report.json section carried in the IR: the pass that decides something records what
// report.json says about it as an attribute, and the project emitter prints it back.
#ifndef EECC_ANALYSIS_REPORTATTR_H
#define EECC_ANALYSIS_REPORTATTR_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/MLIRContext.h"

#include <nlohmann/json.hpp>

namespace eecc::report {

/// JSON as an attribute: objects become dictionaries (keys sorted, as MLIR keeps them),
/// arrays ArrayAttr, integers i64, numbers f64, booleans BoolAttr, strings StringAttr,
/// null UnitAttr. Exact: toJson(toAttr(j)) prints the same numbers and strings as j.
mlir::Attribute toAttr(mlir::MLIRContext *context, const nlohmann::ordered_json &json);

/// The JSON of an attribute built by toAttr (null for a null attribute).
nlohmann::ordered_json toJson(mlir::Attribute attr);

/// The names of the report sections, as attributes of the ee.network that the passes
/// deciding them set (hls.report.<section>).
inline constexpr llvm::StringLiteral kEstimated = "hls.report.estimated";
inline constexpr llvm::StringLiteral kOtherBinding = "hls.report.other_binding";
inline constexpr llvm::StringLiteral kCalibration = "hls.report.calibration";
inline constexpr llvm::StringLiteral kAccuracy = "hls.report.accuracy";
inline constexpr llvm::StringLiteral kThresholdCalibration = "hls.report.threshold_calibration";

} // namespace eecc::report

#endif // EECC_ANALYSIS_REPORTATTR_H
