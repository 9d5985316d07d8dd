// All-or-nothing output directories (see OutputDirectory.h).
#include "compiler/Support/OutputDirectory.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

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

// --- Removal of the staging directory when eecc is killed or crashes ---------------
// The paths written so far, newest first, in a list that a signal handler can walk:
// nodes are complete before they are published, and only unlink/rmdir run in the
// handler (both async-signal-safe).
struct StagedPath {
  char *path;
  bool directory;
  StagedPath *next;
};
std::atomic<StagedPath *> stagedPaths{nullptr};

void removeStagedPaths() {
  for (StagedPath *entry = stagedPaths.load(); entry; entry = entry->next)
    entry->directory ? ::rmdir(entry->path) : ::unlink(entry->path);
}

void stage(llvm::StringRef path, bool directory) {
  auto *entry = new StagedPath{::strdup(path.str().c_str()), directory, stagedPaths.load()};
  stagedPaths.store(entry);
}

void forgetStagedPaths() {
  StagedPath *entry = stagedPaths.exchange(nullptr);
  while (entry) {
    StagedPath *next = entry->next;
    std::free(entry->path);
    delete entry;
    entry = next;
  }
}

/// SIGINT, SIGTERM, SIGHUP: remove what was staged, then die of the signal as before.
void onInterrupt(int signal) {
  int savedErrno = errno;
  removeStagedPaths();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
  errno = savedErrno;
}

void installCleanupHandlers() {
  static bool installed = false;
  if (installed)
    return;
  installed = true;
  // Crashes: LLVM's handler (it prints the stack trace) runs this first. Registering it
  // also installs LLVM's handlers, so ours below replace them for the interrupts.
  llvm::sys::AddSignalHandler([](void *) { removeStagedPaths(); }, nullptr);
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGINT, SIGTERM, SIGHUP})
    ::sigaction(signal, &action, nullptr);
  // A file-size limit (ulimit -f) is a write error like a full disk (EFBIG), reported
  // with the file's name, not a crash.
  std::signal(SIGXFSZ, SIG_IGN);
  // exit() runs neither destructors nor the crash handler.
  std::atexit(removeStagedPaths);
}

/// Whether some process holds the lock of a staging directory's marker (a run in
/// another PID namespace or on another host of a shared file system, where kill()
/// cannot tell); false when there is no marker to lock.
bool lockedByLiveRun(llvm::StringRef marker) {
  int fd = ::open(marker.str().c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd); // also releases the lock just taken
  return locked;
}

/// Staging directories of eecc runs that died (killed with SIGKILL, power loss) into
/// the same destination: "<destination>.eecc-partial-<pid>" of a process that no longer
/// exists, holding eecc's marker file, which no live process keeps locked.
void removeStaleStaging(llvm::StringRef stagingPrefix) {
  llvm::StringRef parent = path::parent_path(stagingPrefix);
  llvm::StringRef stem = path::filename(stagingPrefix);
  std::error_code code;
  for (fs::directory_iterator it(parent.empty() ? "." : parent, code), end; it != end && !code;
       it.increment(code)) {
    llvm::StringRef name = path::filename(it->path());
    int pid = 0;
    if (!name.consume_front(stem) || name.getAsInteger(10, pid) || pid <= 0 ||
        it->type() != fs::file_type::directory_file)
      continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH)
      continue; // alive (or not ours to ask about)
    llvm::SmallString<256> marker(it->path());
    path::append(marker, kMarkerFile);
    if (fs::exists(marker) && !lockedByLiveRun(marker))
      fs::remove_directories(it->path());
  }
}

} // namespace

llvm::Expected<OutputDirectory> OutputDirectory::create(llvm::StringRef destination, bool force) {
  if (destination.empty())
    return fileError("no output directory given (-o)");
  // The project's Makefiles name files under their own absolute path: every character
  // can be quoted for make and the shell except control characters (a newline ends a
  // make line), so a path holding one is refused before any work.
  llvm::SmallString<256> absolute(destination);
  fs::make_absolute(absolute);
  for (unsigned char c : absolute)
    if (c < 0x20 || c == 0x7f)
      return fileError(llvm::formatv("output path '{0}' holds the control character 0x{1:x-2}; "
                                     "the generated Makefiles cannot name it: choose another "
                                     "directory",
                                     destination, static_cast<unsigned>(c))
                           .str());
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
  staging += ".eecc-partial-";
  removeStaleStaging(staging);
  staging += std::to_string(llvm::sys::Process::getProcessId());
  // Our own name from an earlier process of the same pid: removed only if it is an eecc
  // staging directory (not a symbolic link, holding the marker).
  if (fs::file_status existing; !fs::status(staging, existing, /*follow=*/false)) {
    llvm::SmallString<256> marker(staging);
    path::append(marker, kMarkerFile);
    if (!fs::is_directory(existing) || !fs::exists(marker))
      return fileError("'" + staging + "' is in the way and is not an eecc staging directory");
    fs::remove_directories(staging);
  }
  installCleanupHandlers();
  forgetStagedPaths();
  stage(staging, /*directory=*/true); // before it exists: a signal may come at any time
  if (std::error_code code = fs::create_directories(staging))
    return fileError("cannot create '" + staging + "'", code);
  OutputDirectory output(destination.str(), staging.str().str(), force);
  if (llvm::Error error = output.writeFile(kMarkerFile, "written by eecc\n"))
    return std::move(error);
  llvm::SmallString<256> marker(output.staging);
  path::append(marker, kMarkerFile);
  output.lockFd = ::open(marker.c_str(), O_RDONLY | O_CLOEXEC);
  if (output.lockFd >= 0)
    ::flock(output.lockFd, LOCK_EX | LOCK_NB);
  return std::move(output);
}

OutputDirectory::OutputDirectory(OutputDirectory &&other) noexcept
    : destination(std::move(other.destination)), staging(std::move(other.staging)),
      force(other.force), committed(other.committed), lockFd(other.lockFd) {
  other.committed = true; // The moved-from object owns nothing.
  other.lockFd = -1;
}

OutputDirectory::~OutputDirectory() {
  if (!committed && !staging.empty()) {
    fs::remove_directories(staging);
    forgetStagedPaths();
  }
  if (lockFd >= 0)
    ::close(lockFd);
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
  // Messages name the file as it will be, under the destination.
  llvm::SmallString<256> shown(destination);
  path::append(shown, relativePath);
  llvm::SmallString<256> full(staging);
  for (auto it = path::begin(relativePath), end = path::end(relativePath); it != end; ++it) {
    path::append(full, *it);
    if (std::next(it) == end)
      break;
    if (fs::is_directory(full))
      continue;
    stage(full, /*directory=*/true); // before it exists: a signal may come at any time
    if (std::error_code code = fs::create_directory(full))
      return fileError("cannot create the directory of '" + shown + "'", code);
  }
  stage(full, /*directory=*/false);
  std::error_code code;
  llvm::raw_fd_ostream stream(full, code, fs::OF_None);
  if (code)
    return fileError("cannot write '" + shown + "'", code);
  write(stream);
  stream.close();
  if (stream.has_error()) {
    code = stream.error();
    stream.clear_error(); // reported here, not by LLVM's fatal "IO failure on output stream"
    return fileError("cannot write '" + shown + "'", code);
  }
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
  forgetStagedPaths();
  return llvm::Error::success();
}

} // namespace eecc
