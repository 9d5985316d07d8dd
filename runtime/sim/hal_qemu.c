/* hal_qemu.c: the HAL on QEMU's ZynqMP (qemu-system-aarch64 -M xlnx-zcu102), bare metal
 * on A53 core 0 with picolibc. The console is UART0 (Cadence UART at 0xFF000000), the
 * timer the generic counter, the exit code goes to the host by semihosting (picolibc's
 * crt0-semihost). The IP is the software model (sim/eecc_ip_model.cpp): the kernels run
 * on the A53. */
#include "eecc_hal.h"

#include <stdarg.h>
#include <stdio.h>

#include "eecc_ip_model.h"

#define UART0_BASE 0xFF000000u
#define UART_CR 0x00u         /* control */
#define UART_SR 0x2Cu         /* channel status */
#define UART_FIFO 0x30u       /* TX/RX FIFO */
#define UART_CR_TXEN (1u << 4)
#define UART_CR_RXEN (1u << 2)
#define UART_CR_TXRST (1u << 1)
#define UART_CR_RXRST (1u << 0)
#define UART_SR_TXFULL (1u << 4)

static volatile uint32_t *uart_register(uint32_t offset) {
  return (volatile uint32_t *)(uintptr_t)(UART0_BASE + offset);
}

static int uart_putc(char c, FILE *file) {
  (void)file;
  static int enabled;
  if (!enabled) { /* the UART is enabled before the first character */
    *uart_register(UART_CR) = UART_CR_TXRST | UART_CR_RXRST;
    *uart_register(UART_CR) = UART_CR_TXEN | UART_CR_RXEN;
    enabled = 1;
  }
  if (c == '\n')
    uart_putc('\r', file);
  while (*uart_register(UART_SR) & UART_SR_TXFULL)
    ;
  *uart_register(UART_FIFO) = (uint8_t)c;
  return (unsigned char)c;
}

static FILE uart_stream = FDEV_SETUP_STREAM(uart_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &uart_stream;
FILE *const stderr = &uart_stream;

uint32_t eecc_hal_read32(uintptr_t address) { return eecc_ip_model_read(address); }

void eecc_hal_write32(uintptr_t address, uint32_t value) { eecc_ip_model_write(address, value); }

/* Data cache maintenance by virtual address to the point of coherency, line by line
 * (the instructions of Xil_DCacheFlushRange/InvalidateRange). */
void eecc_hal_dcache_flush(const void *address, size_t bytes) {
  for (uintptr_t line = (uintptr_t)address & ~(uintptr_t)63; line < (uintptr_t)address + bytes;
       line += 64)
    __asm__ volatile("dc civac, %0" : : "r"(line) : "memory");
  __asm__ volatile("dsb sy" : : : "memory");
}

void eecc_hal_dcache_invalidate(void *address, size_t bytes) {
  for (uintptr_t line = (uintptr_t)address & ~(uintptr_t)63; line < (uintptr_t)address + bytes;
       line += 64)
    __asm__ volatile("dc ivac, %0" : : "r"(line) : "memory");
  __asm__ volatile("dsb sy" : : : "memory");
}

uint64_t eecc_hal_ticks(void) {
  uint64_t count;
  __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(count));
  return count;
}

uint64_t eecc_hal_ticks_per_second(void) {
  uint64_t frequency;
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
  return frequency ? frequency : 1;
}

void eecc_hal_printf(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vfprintf(stdout, format, args);
  va_end(args);
}
