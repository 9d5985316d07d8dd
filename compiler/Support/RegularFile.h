// Reading a file that must be a regular file: opened without blocking and checked on the
// open descriptor, so that a FIFO (which would block forever) or a device such as
// /dev/zero (which never ends) is refused, even if the path is swapped after a check.
#ifndef EECC_SUPPORT_REGULARFILE_H
#define EECC_SUPPORT_REGULARFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace eecc {

/// The whole contents of the regular file `path`; errors say "PATH: not a regular file"
/// or "PATH: <system message>".
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readRegularFile(llvm::StringRef path);

} // namespace eecc

#endif // EECC_SUPPORT_REGULARFILE_H
