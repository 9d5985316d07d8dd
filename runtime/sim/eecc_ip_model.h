/* eecc_ip_model.h: a software model of the eecc IP's AXI-lite register map, for the
 * host and QEMU builds of the runtime. It follows the block-level protocol of a Vitis
 * HLS ap_ctrl_hs interface (ap_start, ap_done clear-on-read, ap_idle, output ap_vld
 * clear-on-read) and runs the generated kernels (eecc_ip) when started. */
#ifndef EECC_IP_MODEL_H
#define EECC_IP_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

uint32_t eecc_ip_model_read(uintptr_t address);
void eecc_ip_model_write(uintptr_t address, uint32_t value);

/* Test hook: the next `starts` starts never finish (the IP hangs, ap_done stays low). */
void eecc_ip_model_hang(int starts);

/* Number of register accesses outside the IP's address range (a runtime bug). */
uint32_t eecc_ip_model_stray_accesses(void);

#ifdef __cplusplus
}
#endif

#endif /* EECC_IP_MODEL_H */
