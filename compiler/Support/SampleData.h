// Sample files (calibration, `eecc run --input`, `--test-input`): raw little-endian
// float32 in the model's input layout, one sample after the other, or a NumPy `.npy`
// array of float32 or float64 whose shape is (N, *the input's shape without its batch).
#ifndef EECC_SUPPORT_SAMPLEDATA_H
#define EECC_SUPPORT_SAMPLEDATA_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace eecc {

/// The samples of the regular file `path` as raw float32 bytes. A file that starts with
/// NumPy's magic is read as `.npy` (format 1.0 to 3.0, C order, '<f4' or '<f8', float64
/// rounded to float32): its shape must be (N, d1, ...) with (d1, ...) the input's shape
/// without its leading batch dimension (or with it: (N, 1, d1, ...)). Other files are
/// returned as they are. Errors name the file and what is wrong.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readSampleBytes(llvm::StringRef path, llvm::ArrayRef<int64_t> inputShape);

/// Parses `.npy` contents (see readSampleBytes); `name` is for errors.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
decodeNpy(llvm::StringRef name, llvm::StringRef bytes, llvm::ArrayRef<int64_t> inputShape);

} // namespace eecc

#endif // EECC_SUPPORT_SAMPLEDATA_H
