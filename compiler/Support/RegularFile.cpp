// Regular files only (see RegularFile.h).
#include "compiler/Support/RegularFile.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace eecc {

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readRegularFile(llvm::StringRef path) {
  auto error = [&](const std::string &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), path.str() + ": " + message);
  };
  // O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting.
  int fd = ::open(path.str().c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return error(std::error_code(errno, std::generic_category()).message());
  struct stat status;
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    return error("not a regular file");
  }
  auto buffer = llvm::MemoryBuffer::getOpenFile(fd, path, static_cast<uint64_t>(status.st_size),
                                                /*RequiresNullTerminator=*/false);
  ::close(fd);
  if (!buffer)
    return error(buffer.getError().message());
  return std::move(*buffer);
}

} // namespace eecc
