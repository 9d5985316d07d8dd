// Decoding ONNX TensorProtos (float32 and int64, raw or typed, inline or external).
#include "TensorData.h"

#include "dialects/nn/ShapeUtils.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sys/stat.h>

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace eecc::onnx_frontend {

std::string elementTypeName(int32_t dataType) {
  if (onnx::TensorProto_DataType_IsValid(dataType))
    return onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(dataType));
  return "type " + std::to_string(dataType);
}

namespace {

/// Reads the external bytes of `tensor` into `bytes`, after the checks of onnx's
/// Security.md.
bool readExternalData(const onnx::TensorProto &tensor, llvm::StringRef modelDirectory,
                      std::string &bytes, std::string &error) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto &entry : tensor.external_data()) {
    const std::string &key = entry.key();
    const std::string &value = entry.value();
    if (key == "location") {
      location = value;
    } else if (key == "offset" || key == "length") {
      int64_t number = 0;
      if (llvm::StringRef(value).getAsInteger(10, number) || number < 0) {
        error = "external data " + key + " '" + value + "' is not a non-negative integer";
        return false;
      }
      (key == "offset" ? offset : length) = number;
    } else if (key != "checksum") {
      error = "unknown external data key '" + key + "'";
      return false;
    }
  }
  if (location.empty()) {
    error = "external data has no location";
    return false;
  }
  if (path::is_absolute(location) || location.find('\\') != std::string::npos) {
    error = "external data location '" + location + "' must be a relative path";
    return false;
  }
  for (auto it = path::begin(location), end = path::end(location); it != end; ++it)
    if (*it == "..") {
      error = "external data location '" + location + "' leaves the model's directory";
      return false;
    }
  llvm::SmallString<256> file(modelDirectory);
  path::append(file, location);
  // lstat: the file itself must be regular, not a link to somewhere else.
  struct stat status;
  if (::lstat(file.c_str(), &status) != 0) {
    error = "cannot read external data file '" + location + "'";
    return false;
  }
  if (S_ISLNK(status.st_mode)) {
    error = "external data file '" + location + "' is a symbolic link";
    return false;
  }
  if (!S_ISREG(status.st_mode)) {
    error = "external data file '" + location + "' is not a regular file";
    return false;
  }
  if (status.st_nlink != 1) {
    error = "external data file '" + location + "' has several hard links";
    return false;
  }
  // Directories on the way must not be links either.
  llvm::SmallString<256> real, realDirectory;
  if (fs::real_path(file, real) || fs::real_path(modelDirectory, realDirectory) ||
      !llvm::StringRef(real).starts_with(std::string(realDirectory) + "/")) {
    error = "external data file '" + location + "' resolves outside the model's directory";
    return false;
  }
  int64_t fileSize = status.st_size;
  if (offset > fileSize || (length >= 0 && length > fileSize - offset)) {
    error = "external data range [" + std::to_string(offset) + ", " +
            (length >= 0 ? "+" + std::to_string(length) : std::string("end of file")) +
            ") is outside '" + location + "' (" + std::to_string(fileSize) + " bytes)";
    return false;
  }
  auto buffer = llvm::MemoryBuffer::getFileSlice(file, length >= 0 ? length : fileSize - offset,
                                                 offset, /*IsVolatile=*/false);
  if (!buffer) {
    error = "cannot read external data file '" + location + "': " + buffer.getError().message();
    return false;
  }
  bytes.assign((*buffer)->getBufferStart(), (*buffer)->getBufferSize());
  return true;
}

template <typename T>
bool decodeRaw(const std::string &bytes, size_t count, std::vector<T> &out, std::string &error) {
  if (bytes.size() != count * sizeof(T)) {
    error = "holds " + std::to_string(bytes.size()) + " bytes of data but its shape needs " +
            std::to_string(count * sizeof(T));
    return false;
  }
  out.resize(count);
  if (count) // memcpy from/to the null data() of empty buffers is undefined
    std::memcpy(out.data(), bytes.data(), bytes.size()); // ONNX raw data is little-endian.
  return true;
}

} // namespace

size_t TensorData::countNaN() const {
  return static_cast<size_t>(std::count_if(floats.begin(), floats.end(),
                                           [](float v) { return std::isnan(v); }));
}

size_t TensorData::countInf() const {
  return static_cast<size_t>(std::count_if(floats.begin(), floats.end(),
                                           [](float v) { return std::isinf(v); }));
}

bool decodeTensor(const onnx::TensorProto &tensor, llvm::StringRef modelDirectory,
                  TensorData &result, std::string &error) {
  std::string prefix = "tensor '" + tensor.name() + "' ";
  for (int64_t dim : tensor.dims()) {
    if (dim < 0) {
      error = prefix + "has a negative dimension";
      return false;
    }
    result.shape.push_back(dim);
  }
  std::optional<int64_t> count = numElements(result.shape);
  if (!count || *count > (int64_t{1} << 31)) {
    error = prefix + "has too many elements";
    return false;
  }
  int32_t type = tensor.data_type();
  if (type != onnx::TensorProto_DataType_FLOAT && type != onnx::TensorProto_DataType_INT64) {
    error = prefix + "has element type " + elementTypeName(type) +
            "; eecc reads FLOAT and INT64 tensors";
    return false;
  }
  result.isFloat = type == onnx::TensorProto_DataType_FLOAT;

  std::string external;
  const std::string *raw = tensor.has_raw_data() ? &tensor.raw_data() : nullptr;
  if (tensor.data_location() == onnx::TensorProto_DataLocation_EXTERNAL) {
    if (!readExternalData(tensor, modelDirectory, external, error)) {
      error = prefix + error;
      return false;
    }
    raw = &external;
  }
  size_t expected = static_cast<size_t>(*count);
  bool ok = true;
  if (raw) {
    ok = result.isFloat ? decodeRaw(*raw, expected, result.floats, error)
                        : decodeRaw(*raw, expected, result.ints, error);
  } else if (result.isFloat) {
    result.floats.assign(tensor.float_data().begin(), tensor.float_data().end());
  } else {
    result.ints.assign(tensor.int64_data().begin(), tensor.int64_data().end());
  }
  if (ok && result.size() != expected) {
    error = "holds " + std::to_string(result.size()) + " elements but its shape needs " +
            std::to_string(expected);
    ok = false;
  }
  if (!ok)
    error = prefix + error;
  return ok;
}

} // namespace eecc::onnx_frontend
