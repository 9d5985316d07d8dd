// Parsing of the driver's structured option values (threshold lists, precisions).
#include "compiler/Support/OptionParsing.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace eecc {

namespace {
llvm::Error parseError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Parses a whole string as a finite double (no trailing characters).
std::optional<double> parseDouble(llvm::StringRef text) {
  std::string copy = text.trim().str();
  if (copy.empty())
    return std::nullopt;
  char *end = nullptr;
  errno = 0;
  double value = std::strtod(copy.c_str(), &end);
  if (errno != 0 || end != copy.c_str() + copy.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}
} // namespace

llvm::Expected<llvm::SmallVector<double>> parseNumberList(llvm::StringRef text) {
  llvm::SmallVector<double> values;
  if (text.trim().empty())
    return parseError("expected a comma-separated list of numbers, got an empty string");
  llvm::SmallVector<llvm::StringRef> items;
  text.split(items, ',');
  for (auto [index, item] : llvm::enumerate(items)) {
    std::optional<double> value = parseDouble(item);
    if (!value)
      return parseError("item " + llvm::Twine(index) + " ('" + item.trim() +
                        "') is not a finite number");
    values.push_back(*value);
  }
  return values;
}

llvm::Expected<Precision> parsePrecision(llvm::StringRef text) {
  text = text.trim();
  if (text == "float")
    return Precision{/*isFloat=*/true, 32, 0};
  auto [widthText, intText] = text.split(',');
  unsigned width = 0;
  int integerBits = 0;
  bool hasIntegerBits = text.contains(',');
  if (widthText.trim().getAsInteger(10, width) ||
      (hasIntegerBits && intText.trim().getAsInteger(10, integerBits)))
    return parseError("expected 'float', '<W>' or '<W>,<I>' (ap_fixed<W, I>; integer bits "
                      "calibrated when I is not given), got '" +
                      text + "'");
  if (width < 1 || width > 1024)
    return parseError("fixed-point width must be in [1, 1024], got " + llvm::Twine(width));
  Precision precision{/*isFloat=*/false, width, std::nullopt};
  if (hasIntegerBits)
    precision.integerBits = integerBits;
  return precision;
}

} // namespace eecc
