// JSON <-> attributes for report sections (see HLSReport.h).
#include "dialects/hls/HLSReport.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <limits>

namespace eecc::report {

mlir::Attribute toAttr(mlir::MLIRContext *context, const nlohmann::ordered_json &json) {
  // Invalid UTF-8 in a name is replaced (U+FFFD) rather than failing the dump.
  return mlir::StringAttr::get(
      context, json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

nlohmann::ordered_json toJson(mlir::Attribute attr) {
  auto text = mlir::dyn_cast_or_null<mlir::StringAttr>(attr);
  if (!text)
    return nullptr;
  nlohmann::ordered_json json = nlohmann::ordered_json::parse(
      text.getValue().begin(), text.getValue().end(), nullptr, /*allow_exceptions=*/false);
  return json.is_discarded() ? nlohmann::ordered_json(nullptr) : json;
}

} // namespace eecc::report
