// Sample files (see SampleFile.h).
#include "compiler/Support/SampleFile.h"

#include "compiler/Support/SampleData.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

namespace eecc {

namespace {
llvm::Error error(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}
} // namespace

llvm::Expected<size_t> countSamples(llvm::StringRef name, llvm::StringRef bytes,
                                    uint64_t sampleFloats, std::optional<int64_t> wanted,
                                    llvm::StringRef countOption, size_t cap) {
  if (sampleFloats == 0 || sampleFloats > (uint64_t{1} << 40))
    return error(fmt::format("{}: samples of {} floats cannot be read", name.str(), sampleFloats));
  const size_t sampleBytes = static_cast<size_t>(sampleFloats) * sizeof(float);
  if (bytes.size() < sampleBytes)
    return error(fmt::format("{}: {} bytes hold no sample of {} bytes", name.str(), bytes.size(),
                             sampleBytes));
  const size_t available = bytes.size() / sampleBytes;
  if (!wanted && bytes.size() % sampleBytes != 0)
    return error(fmt::format("{}: {} bytes is not a whole number of {}-byte samples", name.str(),
                             bytes.size(), sampleBytes));
  if (wanted && *wanted < 1)
    return error(fmt::format("{}: {} must be at least 1, got {}", name.str(), countOption.str(),
                             *wanted));
  const size_t count = wanted ? static_cast<size_t>(*wanted) : std::min(available, cap);
  if (count > available)
    return error(fmt::format("{}: {} {} but the file holds {} sample(s) of {} bytes", name.str(),
                             countOption.str(), count, available, sampleBytes));
  // The interpreter would answer class 0 with null logits for a NaN: say which sample.
  for (size_t index = 0; index < count * sampleFloats; ++index) {
    float value;
    std::memcpy(&value, bytes.data() + index * sizeof value, sizeof value);
    if (!std::isfinite(value))
      return error(fmt::format("{}: sample {} holds {} (element {}); samples must be finite",
                               name.str(), index / sampleFloats,
                               std::isnan(value) ? "NaN" : "an infinity", index % sampleFloats));
  }
  return count;
}

llvm::Expected<SampleFile> readSampleFile(llvm::StringRef path, llvm::ArrayRef<int64_t> inputShape,
                                          std::optional<int64_t> wanted,
                                          llvm::StringRef countOption, size_t cap) {
  uint64_t sampleFloats = 1;
  for (int64_t dim : inputShape)
    sampleFloats *= static_cast<uint64_t>(dim);
  auto file = readSampleBytes(path, inputShape);
  if (!file)
    return file.takeError();
  SampleFile samples;
  samples.buffer = std::move(*file);
  samples.sampleBytes = static_cast<size_t>(sampleFloats) * sizeof(float);
  auto count = countSamples(path, samples.buffer->getBuffer(), sampleFloats, wanted, countOption,
                            cap);
  if (!count)
    return count.takeError();
  samples.count = *count;
  return std::move(samples);
}

} // namespace eecc
