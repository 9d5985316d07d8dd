/* LD_PRELOAD shim for test/hostile/write-failures.test: makes write() into eecc's staging
 * directory fail the way a full disk does (EECC_FAULT=enospc), or delivers SIGTERM in
 * the middle of that write (EECC_FAULT=term), once the file's path contains
 * EECC_FAULT_FILE. Everything else goes to the real write(). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t write(int fd, const void *buffer, size_t size) {
  static ssize_t (*real_write)(int, const void *, size_t);
  if (!real_write)
    real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  const char *mode = getenv("EECC_FAULT");
  const char *file = getenv("EECC_FAULT_FILE");
  if (mode && fd > 2) {
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length > 0) {
      target[length] = '\0';
      if (strstr(target, ".eecc-partial-") && (!file || strstr(target, file))) {
        if (!strcmp(mode, "enospc")) {
          errno = ENOSPC;
          return -1;
        }
        if (!strcmp(mode, "term"))
          raise(SIGTERM);
      }
    }
  }
  return real_write(fd, buffer, size);
}
