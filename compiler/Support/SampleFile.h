// Files of samples (`--input`, `--test-input`, `eecc run`): raw little-endian float32 in
// the model's input layout, one sample after the other, or a .npy array.
#ifndef EECC_SUPPORT_SAMPLEFILE_H
#define EECC_SUPPORT_SAMPLEFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>

namespace eecc {

struct SampleFile {
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  size_t sampleBytes = 0;
  size_t count = 0; // samples to use
  llvm::StringRef sample(size_t index) const {
    return llvm::StringRef(buffer->getBufferStart() + index * sampleBytes, sampleBytes);
  }
};

/// Checks `bytes` (the contents of `name`) as samples of `sampleFloats` floats: the first
/// `wanted` (`countOption` names the option that asked), or every one (at most `cap`),
/// each value finite. Returns how many to use, or an error naming the file and sample.
llvm::Expected<size_t> countSamples(llvm::StringRef name, llvm::StringRef bytes,
                                    uint64_t sampleFloats, std::optional<int64_t> wanted,
                                    llvm::StringRef countOption, size_t cap = SIZE_MAX);

/// Reads and checks a sample file of inputs of `inputShape`: a regular file only (a FIFO
/// would block, a device never end), raw float32 or .npy (compiler/Support/SampleData.h),
/// then countSamples.
llvm::Expected<SampleFile> readSampleFile(llvm::StringRef path, llvm::ArrayRef<int64_t> inputShape,
                                          std::optional<int64_t> wanted,
                                          llvm::StringRef countOption = "--count",
                                          size_t cap = SIZE_MAX);

} // namespace eecc

#endif // EECC_SUPPORT_SAMPLEFILE_H
