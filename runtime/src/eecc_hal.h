/* eecc_hal.h: what the runtime needs from the platform. Three implementations:
 * hal_standalone.c (Xilinx standalone BSP, the board), hal_host.c (POSIX, the IP as a
 * software model running the C-simulation kernels) and hal_qemu.c (bare metal on
 * QEMU's ZynqMP A53, same software model). */
#ifndef EECC_HAL_H
#define EECC_HAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

uint32_t eecc_hal_read32(uintptr_t address);
void eecc_hal_write32(uintptr_t address, uint32_t value);

/* Data cache maintenance over [address, address + bytes). */
void eecc_hal_dcache_flush(const void *address, size_t bytes);
void eecc_hal_dcache_invalidate(void *address, size_t bytes);

/* A free-running timer and its rate. */
uint64_t eecc_hal_ticks(void);
uint64_t eecc_hal_ticks_per_second(void);

/* Formatted output over the console UART: %d %u %x %s %c only (xil_printf's set). */
void eecc_hal_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif /* EECC_HAL_H */
