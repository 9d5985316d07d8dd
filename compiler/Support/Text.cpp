// Valid UTF-8 out of arbitrary bytes (see Text.h).
#include "compiler/Support/Text.h"

#include "llvm/Support/ConvertUTF.h"

namespace eecc {

namespace {
/// The length of the valid UTF-8 sequence at `text[offset]`, or 0.
size_t validSequenceLength(llvm::StringRef text, size_t offset) {
  auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.data() + offset);
  unsigned length = llvm::getNumBytesForUTF8(*begin);
  if (offset + length > text.size() || !llvm::isLegalUTF8Sequence(begin, begin + length))
    return 0;
  return length;
}
} // namespace

std::optional<size_t> invalidUtf8Offset(llvm::StringRef text) {
  for (size_t offset = 0; offset < text.size();) {
    size_t length = validSequenceLength(text, offset);
    if (length == 0)
      return offset;
    offset += length;
  }
  return std::nullopt;
}

std::string escapeInvalidUtf8(llvm::StringRef text) {
  std::string result;
  result.reserve(text.size());
  for (size_t offset = 0; offset < text.size();) {
    size_t length = validSequenceLength(text, offset);
    if (length == 0) {
      static constexpr char kHex[] = "0123456789abcdef";
      auto byte = static_cast<unsigned char>(text[offset]);
      result += {'\\', 'x', kHex[byte >> 4], kHex[byte & 15]};
      ++offset;
    } else {
      result.append(text.data() + offset, length);
      offset += length;
    }
  }
  return result;
}

} // namespace eecc
