// All-or-nothing output directories (see OutputDirectory.h).
#include "compiler/Support/OutputDirectory.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace eecc {

namespace {
constexpr const char *kMarkerFile = OutputDirectory::kMarkerFile;

llvm::Error fileError(const llvm::Twine &message, std::error_code code = {}) {
  std::string text = message.str();
  if (code)
    text += ": " + code.message();
  return llvm::createStringError(code ? code : llvm::inconvertibleErrorCode(), text);
}
/// --force only replaces directories eecc wrote (or empty ones), never a user's
/// home or source tree given by mistake.
bool isReplaceable(llvm::StringRef directory) {
  llvm::SmallString<256> marker(directory);
  path::append(marker, kMarkerFile);
  if (fs::exists(marker))
    return true;
  std::error_code code;
  return fs::directory_iterator(directory, code) == fs::directory_iterator() && !code;
}
} // namespace

llvm::Expected<OutputDirectory> OutputDirectory::create(llvm::StringRef destination, bool force) {
  if (destination.empty())
    return fileError("no output directory given (-o)");
  fs::file_status linkStatus;
  if (!fs::status(destination, linkStatus, /*follow=*/false) && fs::is_symlink_file(linkStatus))
    return fileError("output '" + destination + "' is a symbolic link; give the real directory");
  llvm::SmallString<256> real, current;
  if (!fs::real_path(destination, real) && !fs::current_path(current) &&
      (real == current || real == "/" || llvm::StringRef(current).starts_with((real + "/").str())))
    return fileError("refusing to replace '" + destination +
                     "': it is the working directory or one of its parents");
  fs::file_status status;
  if (!fs::status(destination, status)) {
    if (!fs::is_directory(status))
      return fileError("output '" + destination + "' exists and is not a directory");
    if (!force)
      return fileError("output directory '" + destination +
                       "' already exists (use --force to replace it)");
    if (!isReplaceable(destination))
      return fileError("refusing to replace '" + destination +
                       "': it is neither empty nor an eecc output (no " + kMarkerFile + ")");
  }
  llvm::SmallString<256> staging(destination);
  path::remove_dots(staging, /*remove_dot_dot=*/false);
  while (staging.size() > 1 && path::is_separator(staging.back()))
    staging.pop_back();
  staging += ".eecc-partial-" + std::to_string(llvm::sys::Process::getProcessId());
  if (fs::exists(staging))
    fs::remove_directories(staging);
  if (std::error_code code = fs::create_directories(staging))
    return fileError("cannot create '" + staging + "'", code);
  OutputDirectory output(destination.str(), staging.str().str(), force);
  if (llvm::Error error = output.writeFile(kMarkerFile, "written by eecc\n"))
    return std::move(error);
  return std::move(output);
}

OutputDirectory::OutputDirectory(OutputDirectory &&other) noexcept
    : destination(std::move(other.destination)), staging(std::move(other.staging)),
      force(other.force), committed(other.committed) {
  other.committed = true; // The moved-from object owns nothing.
}

OutputDirectory::~OutputDirectory() {
  if (!committed && !staging.empty())
    fs::remove_directories(staging);
}

llvm::Error OutputDirectory::writeFile(llvm::StringRef relativePath, llvm::StringRef contents) {
  return writeFileWith(relativePath, [&](llvm::raw_ostream &stream) { stream << contents; });
}

llvm::Error OutputDirectory::writeFileWith(llvm::StringRef relativePath,
                                           llvm::function_ref<void(llvm::raw_ostream &)> write) {
  if (relativePath.empty() || path::is_absolute(relativePath))
    return fileError("refusing to write '" + relativePath + "': not a relative path");
  for (auto it = path::begin(relativePath), end = path::end(relativePath); it != end; ++it)
    if (*it == "..")
      return fileError("refusing to write '" + relativePath + "': it leaves the output directory");
  llvm::SmallString<256> full(staging);
  path::append(full, relativePath);
  if (std::error_code code = fs::create_directories(path::parent_path(full)))
    return fileError("cannot create the directory of '" + full + "'", code);
  std::error_code code;
  llvm::raw_fd_ostream stream(full, code, fs::OF_None);
  if (code)
    return fileError("cannot open '" + full + "'", code);
  write(stream);
  stream.close();
  if (stream.has_error())
    return fileError("cannot write '" + full + "'", stream.error());
  return llvm::Error::success();
}

llvm::Error OutputDirectory::commit() {
  if (fs::exists(destination)) {
    if (!force)
      return fileError("output directory '" + destination + "' appeared while compiling");
    if (std::error_code code = fs::remove_directories(destination))
      return fileError("cannot replace '" + destination + "'", code);
  }
  if (std::error_code code = fs::rename(staging, destination))
    return fileError("cannot move '" + staging + "' to '" + destination + "'", code);
  committed = true;
  return llvm::Error::success();
}

} // namespace eecc
