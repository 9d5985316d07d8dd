// JSON text that leaves eecc: a model's names are bytes, so any that are not valid UTF-8
// are replaced (U+FFFD) instead of failing the dump.
#ifndef EECC_SUPPORT_JSON_H
#define EECC_SUPPORT_JSON_H

#include <nlohmann/json.hpp>

#include <string>

namespace eecc {

/// `json` as text: compact (indent -1) or indented, invalid UTF-8 replaced.
template <class Json> std::string jsonText(const Json &json, int indent = -1) {
  return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace eecc

#endif // EECC_SUPPORT_JSON_H
