/* hal_host.c: the HAL on a POSIX host. Register accesses at the IP's address go to the
 * software model of the IP (sim/eecc_ip_model.cpp), which runs the C-simulation kernels. */
#include "eecc_hal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "eecc_ip_model.h"

uint32_t eecc_hal_read32(uintptr_t address) { return eecc_ip_model_read(address); }

void eecc_hal_write32(uintptr_t address, uint32_t value) { eecc_ip_model_write(address, value); }

/* One coherent address space: nothing to maintain. */
void eecc_hal_dcache_flush(const void *address, size_t bytes) { (void)address, (void)bytes; }
void eecc_hal_dcache_invalidate(void *address, size_t bytes) { (void)address, (void)bytes; }

uint64_t eecc_hal_ticks(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint64_t eecc_hal_ticks_per_second(void) { return 1000000000u; }

void eecc_hal_printf(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vprintf(format, args);
  va_end(args);
  fflush(stdout);
}
