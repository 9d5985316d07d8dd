// Sample files (see SampleData.h).
#include "SampleData.h"

#include "RegularFile.h"

#include "llvm/ADT/SmallVector.h"

#include <fmt/format.h>

#include <cstring>
#include <string>

namespace eecc {

namespace {

constexpr llvm::StringLiteral kNpyMagic("\x93NUMPY");

llvm::Error error(llvm::StringRef name, const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 fmt::format("{}: {}", name.str(), message));
}

/// The value of `key` in the header's dict literal: the text after "'key':" up to the
/// next top-level comma or the closing brace.
std::optional<llvm::StringRef> headerValue(llvm::StringRef header, llvm::StringRef key) {
  std::string quoted = "'" + key.str() + "'";
  size_t at = header.find(quoted);
  if (at == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef rest = header.drop_front(at + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  int depth = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if ((c == ',' || c == '}') && depth == 0)
      return rest.take_front(i).rtrim();
  }
  return std::nullopt;
}

std::string shapeText(llvm::ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
decodeNpy(llvm::StringRef name, llvm::StringRef bytes, llvm::ArrayRef<int64_t> inputShape) {
  if (!bytes.starts_with(kNpyMagic) || bytes.size() < 10)
    return error(name, "not a .npy file (no NumPy magic)");
  const unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t headerLength = 0, start = 0;
  if (major == 1) {
    headerLength = static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8;
    start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return error(name, ".npy header is cut short");
    for (int i = 3; i >= 0; --i)
      headerLength = headerLength << 8 | static_cast<unsigned char>(bytes[8 + i]);
    start = 12;
  } else {
    return error(name, fmt::format(".npy format version {} is not supported (1 to 3)", major));
  }
  if (headerLength > bytes.size() - start)
    return error(name, ".npy header is cut short");
  llvm::StringRef header = bytes.substr(start, headerLength);
  llvm::StringRef data = bytes.drop_front(start + headerLength);
  std::optional<llvm::StringRef> descr = headerValue(header, "descr");
  std::optional<llvm::StringRef> fortran = headerValue(header, "fortran_order");
  std::optional<llvm::StringRef> shapeValue = headerValue(header, "shape");
  if (!descr || !fortran || !shapeValue)
    return error(name, "the .npy header lacks descr, fortran_order or shape");
  llvm::StringRef type = descr->trim("'\"");
  size_t itemBytes = 0;
  if (type == "<f4")
    itemBytes = 4;
  else if (type == "<f8")
    itemBytes = 8;
  else
    return error(name, fmt::format("the .npy array holds '{}'; eecc reads float32 ('<f4') or "
                                   "float64 ('<f8') samples",
                                   type.str()));
  // Shape: a tuple of non-negative integers.
  llvm::StringRef tuple = shapeValue->trim();
  if (!tuple.consume_front("(") || !tuple.consume_back(")"))
    return error(name, "the .npy shape is not a tuple");
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<llvm::StringRef> parts;
  tuple.split(parts, ',', -1, /*KeepEmpty=*/false);
  uint64_t elements = 1;
  for (llvm::StringRef part : parts) {
    part = part.trim();
    if (part.empty())
      continue;
    uint64_t dim = 0;
    if (part.getAsInteger(10, dim) || dim > (uint64_t{1} << 40))
      return error(name, fmt::format("the .npy shape has a bad dimension '{}'", part.str()));
    shape.push_back(static_cast<int64_t>(dim));
    if (dim != 0 && elements > (uint64_t{1} << 40) / dim)
      return error(name, "the .npy array is too large");
    elements *= dim;
  }
  if (*fortran != "False" && shape.size() > 1)
    return error(name, "the .npy array is in Fortran order; save it in C order "
                       "(numpy.ascontiguousarray)");
  if (elements * itemBytes != data.size())
    return error(name, fmt::format("the .npy data holds {} bytes, its header says {} elements of "
                                   "{} bytes",
                                   data.size(), elements, itemBytes));
  if (!inputShape.empty()) {
    llvm::ArrayRef<int64_t> sample = inputShape.drop_front(); // without the batch
    llvm::ArrayRef<int64_t> dims(shape);
    bool matches = !dims.empty() && (dims.drop_front() == sample ||
                                     (dims.size() > 1 && dims[1] == inputShape.front() &&
                                      dims.drop_front(2) == sample));
    if (!matches) {
      llvm::SmallVector<int64_t> expected = {-1};
      expected.append(sample.begin(), sample.end());
      std::string wanted = shapeText(expected);
      wanted.replace(1, 2, "N");
      return error(name, fmt::format("the .npy array has shape {}; the model's input is {} "
                                     "(one sample), so samples need shape {}",
                                     shapeText(shape), shapeText(inputShape), wanted));
    }
  }
  auto buffer = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(elements * sizeof(float), name);
  char *out = buffer->getBufferStart();
  for (uint64_t i = 0; i < elements; ++i) {
    float value;
    if (itemBytes == 4) {
      std::memcpy(&value, data.data() + i * 4, 4);
    } else {
      double wide;
      std::memcpy(&wide, data.data() + i * 8, 8);
      value = static_cast<float>(wide);
    }
    std::memcpy(out + i * sizeof(float), &value, sizeof(float));
  }
  return std::unique_ptr<llvm::MemoryBuffer>(std::move(buffer));
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readSampleBytes(llvm::StringRef path, llvm::ArrayRef<int64_t> inputShape) {
  auto file = readRegularFile(path);
  if (!file)
    return file.takeError();
  if (!(*file)->getBuffer().starts_with(kNpyMagic))
    return std::move(*file);
  return decodeNpy(path, (*file)->getBuffer(), inputShape);
}

} // namespace eecc
