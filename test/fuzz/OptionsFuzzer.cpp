// libFuzzer target: arbitrary bytes as eecc's command line (NUL-separated arguments,
// through llvm::cl and readDriverOptions' validation) and as a sample file (through
// countSamples, the checks of --input/--test-input/`eecc run`). Any crash, sanitizer
// report or leak is a bug: bad options and bad sample files end in an error.
#include "DriverOptions.h"
#include "compiler/Support/SampleFile.h"
#include "compiler/Support/SampleData.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cl = llvm::cl;

namespace {

/// The driver's own options: those in a category of theirs. LLVM's global options
/// (which write files or print and exit) and --help/--version never reach the parser.
const llvm::StringSet<> &driverOptionNames() {
  static const llvm::StringSet<> names = [] {
    eecc::driver::registerDriverOptions();
    llvm::StringSet<> result;
    for (auto &entry : cl::getRegisteredOptions())
      for (cl::OptionCategory *category : entry.second->Categories)
        if (category != &cl::getGeneralCategory())
          result.insert(entry.first());
    for (llvm::StringRef exiting : {"help", "help-list", "help-hidden", "version", "list-ops"})
      result.erase(exiting);
    return result;
  }();
  return names;
}

bool allowed(llvm::StringRef argument) {
  if (argument.empty() || argument.front() == '@') // response files read the disk
    return false;
  if (argument.front() != '-')
    return true; // positional
  llvm::StringRef name = argument.drop_while([](char c) { return c == '-'; });
  name = name.take_until([](char c) { return c == '='; });
  return driverOptionNames().contains(name);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);

  // The command line: arguments separated by NUL bytes, at most 32.
  std::vector<std::string> arguments = {"eecc"};
  for (llvm::StringRef rest = bytes; !rest.empty() && arguments.size() < 33;) {
    auto [argument, tail] = rest.split('\0');
    if (allowed(argument))
      arguments.push_back(argument.str());
    rest = tail;
  }
  std::vector<const char *> argv;
  for (const std::string &argument : arguments)
    argv.push_back(argument.c_str());
  (void)driverOptionNames();
  cl::ResetAllOptionOccurrences();
  if (cl::ParseCommandLineOptions(static_cast<int>(argv.size()), argv.data(), "",
                                  &llvm::nulls())) {
    auto config = eecc::driver::readDriverOptions();
    if (!config)
      llvm::consumeError(config.takeError());
  }

  // The same bytes as a sample file, with a shape and count taken from its first bytes.
  if (size >= 3) {
    uint64_t sampleFloats = 1 + data[0] % 16;
    std::optional<int64_t> wanted;
    if (data[1] % 4 != 0)
      wanted = static_cast<int64_t>(data[1] % 8) - 1;
    auto count = eecc::countSamples("fuzz.bin", bytes, sampleFloats, wanted, "--count",
                                            data[2]);
    if (!count)
      llvm::consumeError(count.takeError());
    // ... and as a .npy file (the magic prepended), for an input of 1 x sampleFloats.
    std::string npy = "\x93NUMPY" + bytes.str();
    const int64_t shape[] = {1, static_cast<int64_t>(sampleFloats)};
    auto decoded = eecc::decodeNpy("fuzz.npy", npy, data[2] % 2 ? llvm::ArrayRef<int64_t>(shape)
                                                               : llvm::ArrayRef<int64_t>());
    if (!decoded)
      llvm::consumeError(decoded.takeError());
  }
  return 0;
}
