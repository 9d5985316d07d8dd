/* hal_standalone.c: the HAL on the board, over the Xilinx standalone BSP (psu_cortexa53_0). */
#include "eecc_hal.h"

#include <stdarg.h>
#include <stdio.h>

#include "xil_cache.h"
#include "xil_io.h"
#include "xil_printf.h"
#include "xtime_l.h"

uint32_t eecc_hal_read32(uintptr_t address) { return Xil_In32(address); }

void eecc_hal_write32(uintptr_t address, uint32_t value) { Xil_Out32(address, value); }

void eecc_hal_dcache_flush(const void *address, size_t bytes) {
  Xil_DCacheFlushRange((INTPTR)address, bytes);
}

void eecc_hal_dcache_invalidate(void *address, size_t bytes) {
  Xil_DCacheInvalidateRange((INTPTR)address, bytes);
}

uint64_t eecc_hal_ticks(void) {
  XTime now;
  XTime_GetTime(&now);
  return (uint64_t)now;
}

uint64_t eecc_hal_ticks_per_second(void) { return (uint64_t)COUNTS_PER_SECOND; }

void eecc_hal_printf(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  /* xil_printf has no v-variant in every BSP version: format here, print the line. */
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  xil_printf("%s", line);
}
