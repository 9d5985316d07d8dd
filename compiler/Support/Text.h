// Text that leaves eecc (JSON, HTML, diagnostics) is valid UTF-8 whatever the bytes of
// a model's names or a file name: ONNX names and Linux file names are bytes.
#ifndef EECC_SUPPORT_TEXT_H
#define EECC_SUPPORT_TEXT_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace eecc {

/// The offset of the first byte of `text` that does not start a valid UTF-8 sequence.
std::optional<size_t> invalidUtf8Offset(llvm::StringRef text);

/// `text` with every byte that is not part of a valid UTF-8 sequence written as the
/// four characters \xNN; valid text comes back unchanged.
std::string escapeInvalidUtf8(llvm::StringRef text);

} // namespace eecc

#endif // EECC_SUPPORT_TEXT_H
