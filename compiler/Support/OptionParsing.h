// Parsing of the driver's structured option values (threshold lists, precisions).
#ifndef EECC_SUPPORT_OPTIONPARSING_H
#define EECC_SUPPORT_OPTIONPARSING_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace eecc {

/// Parses "0.5,0.25,1e-3" into numbers; every item must be a finite number.
llvm::Expected<llvm::SmallVector<double>> parseNumberList(llvm::StringRef text);

/// A fixed-point precision ap_fixed<width, integerBits>, or float. Without
/// integerBits, they come from calibration.
struct Precision {
  bool isFloat = false;
  unsigned width = 0;
  std::optional<int> integerBits;
};

/// Parses "float", "W" or "W,I" with 1 <= W <= 1024 (ap_fixed's limits).
llvm::Expected<Precision> parsePrecision(llvm::StringRef text);

} // namespace eecc

#endif // EECC_SUPPORT_OPTIONPARSING_H
