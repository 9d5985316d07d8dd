/* eecc_runtime.c: drives the eecc IP through its AXI-lite registers (see eecc_runtime.h). */
#include "eecc_runtime.h"

#include "eecc_hal.h"
#include "xeecc_ip_hw.h"

/* AP_CTRL bits of a Vitis HLS block-level control interface (ap_ctrl_hs). */
#define AP_START 0x1u
#define AP_DONE 0x2u /* clear on read: read AP_CTRL once per poll */
#define AP_IDLE 0x4u

/* The IP's command register (eecc_ip's `command` argument). */
#define EECC_COMMAND_INFER 0u
#define EECC_COMMAND_IDENTIFY 1u

static uint32_t reg_read(const eecc_device *dev, uint32_t offset) {
  return eecc_hal_read32(dev->base + offset);
}

static void reg_write(const eecc_device *dev, uint32_t offset, uint32_t value) {
  eecc_hal_write32(dev->base + offset, value);
}

static void reg_write_address(const eecc_device *dev, uint32_t offset, const void *pointer) {
  uint64_t address = (uint64_t)(uintptr_t)pointer;
  reg_write(dev, offset, (uint32_t)address);
  reg_write(dev, offset + 4, (uint32_t)(address >> 32));
}

static int is_aligned(const void *pointer) {
  return ((uintptr_t)pointer & (EECC_BUFFER_ALIGN - 1)) == 0;
}

/* Whole cache lines: the buffers are aligned, their length rounded up. */
static size_t line_bytes(size_t bytes) {
  return (bytes + EECC_BUFFER_ALIGN - 1) & ~(size_t)(EECC_BUFFER_ALIGN - 1);
}

/* Starts the IP with `command` and polls until ap_done or the deadline. */
static int run_command(eecc_device *dev, uint32_t command, uint64_t *elapsed_ticks) {
  if ((reg_read(dev, XEECC_IP_CONTROL_ADDR_AP_CTRL) & AP_IDLE) == 0)
    return EECC_ERR_NOT_IDLE;
  reg_write(dev, XEECC_IP_CONTROL_ADDR_COMMAND_DATA, command);
  uint64_t start = eecc_hal_ticks();
  uint64_t deadline = start + dev->timeout_ticks;
  reg_write(dev, XEECC_IP_CONTROL_ADDR_AP_CTRL, AP_START);
  for (;;) {
    uint32_t control = reg_read(dev, XEECC_IP_CONTROL_ADDR_AP_CTRL); /* once: done clears */
    uint64_t now = eecc_hal_ticks();
    if (control & AP_DONE) {
      if (elapsed_ticks)
        *elapsed_ticks = now - start;
      return EECC_OK;
    }
    if (now > deadline)
      return EECC_ERR_TIMEOUT;
  }
}

void eecc_set_timeout_us(eecc_device *dev, uint32_t microseconds) {
  if (dev)
    dev->timeout_ticks = eecc_hal_ticks_per_second() / 1000000u * microseconds +
                         eecc_hal_ticks_per_second() % 1000000u * microseconds / 1000000u;
}

int eecc_init(eecc_device *dev, uintptr_t base) {
  if (!dev)
    return EECC_ERR_ARGUMENT;
  *dev = (eecc_device){0};
  dev->base = base;
  dev->min_ticks = UINT64_MAX;
  eecc_set_timeout_us(dev, EECC_TIMEOUT_US);
  /* Interrupts off: the runtime polls. */
  reg_write(dev, XEECC_IP_CONTROL_ADDR_GIE, 0);
  int status = run_command(dev, EECC_COMMAND_IDENTIFY, 0);
  if (status != EECC_OK)
    return status;
  dev->design_id = reg_read(dev, XEECC_IP_CONTROL_ADDR_DESIGN_ID_DATA);
  if (dev->design_id != EECC_DESIGN_ID)
    return EECC_ERR_WRONG_DESIGN;
  dev->initialized = 1;
  return EECC_OK;
}

int eecc_load_weights(eecc_device *dev, const void *weights, size_t bytes) {
  if (!dev || !dev->initialized)
    return EECC_ERR_NOT_INITIALIZED;
  if (bytes != EECC_DDR_WEIGHT_BYTES)
    return EECC_ERR_WEIGHTS;
  if (bytes == 0)
    return EECC_OK; /* every weight is in on-chip ROM */
  if (!weights || !is_aligned(weights))
    return weights ? EECC_ERR_ALIGNMENT : EECC_ERR_ARGUMENT;
  eecc_hal_dcache_flush(weights, line_bytes(bytes));
  return EECC_OK;
}

int eecc_infer(eecc_device *dev, const float *input, float *logits, int *exit_id,
               int *predicted_class, uint64_t *cycles) {
  if (!dev || !dev->initialized)
    return EECC_ERR_NOT_INITIALIZED;
  if (!input || !logits || !exit_id || !predicted_class)
    return EECC_ERR_ARGUMENT;
  if (!is_aligned(input) || !is_aligned(logits))
    return EECC_ERR_ALIGNMENT;
  size_t input_bytes = line_bytes(EECC_INPUT_SIZE * sizeof(float));
  size_t logit_bytes = line_bytes(EECC_MAX_CLASSES * sizeof(float));
  /* The IP reads DDR: write the input out of the cache; drop cached lines of the
   * output so that no dirty line is written back over what the IP writes. */
  eecc_hal_dcache_flush(input, input_bytes);
  eecc_hal_dcache_invalidate(logits, logit_bytes);
  reg_write_address(dev, XEECC_IP_CONTROL_ADDR_INPUT_DATA_DATA, input);
  reg_write_address(dev, XEECC_IP_CONTROL_ADDR_LOGITS_DATA, logits);
  uint64_t ticks = 0;
  int status = run_command(dev, EECC_COMMAND_INFER, &ticks);
  if (status != EECC_OK) {
    ++dev->errors;
    return status;
  }
  /* Lines the CPU may have fetched speculatively while the IP ran. */
  eecc_hal_dcache_invalidate(logits, logit_bytes);
  int exit_taken = (int)reg_read(dev, XEECC_IP_CONTROL_ADDR_EXIT_ID_DATA);
  int predicted = (int)reg_read(dev, XEECC_IP_CONTROL_ADDR_PREDICTED_CLASS_DATA);
  if (exit_taken < 0 || exit_taken >= EECC_NUM_EXITS || predicted < 0 ||
      predicted >= EECC_MAX_CLASSES) {
    ++dev->errors;
    return EECC_ERR_BAD_RESULT;
  }
  *exit_id = exit_taken;
  *predicted_class = predicted;
  if (cycles)
    *cycles = ticks * (uint64_t)(EECC_CLOCK_HZ / 1000u) /
              (eecc_hal_ticks_per_second() / 1000u);
  ++dev->inferences;
  ++dev->exit_counts[exit_taken];
  dev->total_ticks += ticks;
  if (ticks < dev->min_ticks)
    dev->min_ticks = ticks;
  if (ticks > dev->max_ticks)
    dev->max_ticks = ticks;
  return EECC_OK;
}

static unsigned ticks_to_us(uint64_t ticks) {
  return (unsigned)(ticks * 1000000u / eecc_hal_ticks_per_second());
}

void eecc_print_stats(const eecc_device *dev) {
  if (!dev)
    return;
  eecc_hal_printf("eecc: %u inference(s), %u error(s), design 0x%x\n", (unsigned)dev->inferences,
                  (unsigned)dev->errors, (unsigned)dev->design_id);
  for (int e = 0; e < EECC_NUM_EXITS; ++e) {
    unsigned permille =
        dev->inferences ? (unsigned)(1000u * dev->exit_counts[e] / dev->inferences) : 0u;
    eecc_hal_printf("eecc: exit %d: %u (%u.%u %%)\n", e, (unsigned)dev->exit_counts[e],
                    permille / 10u, permille % 10u);
  }
  if (dev->inferences)
    eecc_hal_printf("eecc: time per inference: mean %u us, min %u us, max %u us\n",
                    ticks_to_us(dev->total_ticks / dev->inferences), ticks_to_us(dev->min_ticks),
                    ticks_to_us(dev->max_ticks));
}

const char *eecc_status_name(int status) {
  switch (status) {
  case EECC_OK: return "ok";
  case EECC_ERR_ARGUMENT: return "bad argument";
  case EECC_ERR_ALIGNMENT: return "buffer not 64-byte aligned";
  case EECC_ERR_NOT_IDLE: return "IP not idle";
  case EECC_ERR_TIMEOUT: return "timeout waiting for ap_done";
  case EECC_ERR_WRONG_DESIGN: return "IP reports another design";
  case EECC_ERR_BAD_RESULT: return "IP returned an out-of-range result";
  case EECC_ERR_NOT_INITIALIZED: return "device not initialized";
  case EECC_ERR_WEIGHTS: return "weights of the wrong size";
  default: return "unknown status";
  }
}
