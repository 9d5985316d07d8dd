// JSON <-> attributes for report sections (see ReportAttr.h).
#include "compiler/Analysis/ReportAttr.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <limits>

namespace eecc::report {

mlir::Attribute toAttr(mlir::MLIRContext *context, const nlohmann::ordered_json &json) {
  mlir::Builder builder(context);
  switch (json.type()) {
  case nlohmann::ordered_json::value_t::object: {
    llvm::SmallVector<mlir::NamedAttribute> entries;
    for (const auto &[key, value] : json.items())
      entries.push_back(builder.getNamedAttr(key, toAttr(context, value)));
    return builder.getDictionaryAttr(entries);
  }
  case nlohmann::ordered_json::value_t::array: {
    llvm::SmallVector<mlir::Attribute> items;
    for (const nlohmann::ordered_json &value : json)
      items.push_back(toAttr(context, value));
    return builder.getArrayAttr(items);
  }
  case nlohmann::ordered_json::value_t::string:
    return builder.getStringAttr(json.get<std::string>());
  case nlohmann::ordered_json::value_t::boolean:
    return builder.getBoolAttr(json.get<bool>());
  case nlohmann::ordered_json::value_t::number_integer:
    return builder.getI64IntegerAttr(json.get<int64_t>());
  case nlohmann::ordered_json::value_t::number_unsigned:
    if (json.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return builder.getI64IntegerAttr(static_cast<int64_t>(json.get<uint64_t>()));
    return builder.getF64FloatAttr(json.get<double>());
  case nlohmann::ordered_json::value_t::number_float:
    return builder.getF64FloatAttr(json.get<double>());
  default:
    return builder.getUnitAttr();
  }
}

nlohmann::ordered_json toJson(mlir::Attribute attr) {
  if (!attr || mlir::isa<mlir::UnitAttr>(attr))
    return nullptr;
  if (auto dictionary = mlir::dyn_cast<mlir::DictionaryAttr>(attr)) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (mlir::NamedAttribute entry : dictionary)
      object[entry.getName().str()] = toJson(entry.getValue());
    return object;
  }
  if (auto array = mlir::dyn_cast<mlir::ArrayAttr>(attr)) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (mlir::Attribute item : array)
      list.push_back(toJson(item));
    return list;
  }
  if (auto text = mlir::dyn_cast<mlir::StringAttr>(attr))
    return text.str();
  if (auto flag = mlir::dyn_cast<mlir::BoolAttr>(attr))
    return flag.getValue();
  if (auto integer = mlir::dyn_cast<mlir::IntegerAttr>(attr))
    return integer.getInt();
  if (auto number = mlir::dyn_cast<mlir::FloatAttr>(attr))
    return number.getValueAsDouble();
  return nullptr;
}

} // namespace eecc::report
