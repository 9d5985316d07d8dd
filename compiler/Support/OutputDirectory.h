// All-or-nothing output directories: files go to a staging directory that replaces
// the destination only when everything was written.
#ifndef EECC_SUPPORT_OUTPUTDIRECTORY_H
#define EECC_SUPPORT_OUTPUTDIRECTORY_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/Error.h"

#include <string>

namespace eecc {

class OutputDirectory {
public:
  /// Every output directory holds this file; --force replaces only such directories.
  static constexpr const char *kMarkerFile = ".eecc-output";

  /// Prepares to write `destination`. Fails if it exists and `force` is false, or
  /// if it exists and is not a directory.
  static llvm::Expected<OutputDirectory> create(llvm::StringRef destination, bool force);

  OutputDirectory(OutputDirectory &&other) noexcept;
  OutputDirectory &operator=(OutputDirectory &&) = delete;
  OutputDirectory(const OutputDirectory &) = delete;
  /// Removes the staging directory unless commit() succeeded.
  ~OutputDirectory();

  /// Writes `contents` to `relativePath` inside the staging directory, creating
  /// parent directories. `relativePath` must stay inside the directory.
  llvm::Error writeFile(llvm::StringRef relativePath, llvm::StringRef contents);
  /// The same, with the contents streamed by `write` (no copy of a large text in memory).
  llvm::Error writeFileWith(llvm::StringRef relativePath,
                            llvm::function_ref<void(llvm::raw_ostream &)> write);

  /// Moves the staging directory to the destination (replacing it under --force).
  llvm::Error commit();

  llvm::StringRef stagingPath() const { return staging; }
  llvm::StringRef destinationPath() const { return destination; }

private:
  OutputDirectory(std::string destination, std::string staging, bool force)
      : destination(std::move(destination)), staging(std::move(staging)), force(force) {}

  std::string destination;
  std::string staging;
  bool force = false;
  bool committed = false;
  /// The staging directory's marker file, locked (flock) while this run owns it: a later
  /// run removes a staging directory only if no live process holds that lock.
  int lockFd = -1;
};

} // namespace eecc

#endif // EECC_SUPPORT_OUTPUTDIRECTORY_H
