/* runtime_errors.c: the runtime's error paths against the software model of the IP:
 * a hung IP (timeout, then not idle), misaligned buffers, a wrong base address, calls
 * before init, weights of the wrong size. Prints one line per check. */
#include <stdio.h>
#include <string.h>

#include "eecc_ip_model.h"
#include "eecc_runtime.h"
#include "eecc_samples.h"

static float input[EECC_INPUT_SIZE + 16] EECC_ALIGNED;
static float logits[EECC_MAX_CLASSES] EECC_ALIGNED;

static int check(const char *what, int got, int want) {
  printf("%s: %s%s\n", what, eecc_status_name(got), got == want ? "" : " (UNEXPECTED)");
  return got == want ? 0 : 1;
}

int main(void) {
  int failures = 0, exit_id, predicted;
  uint64_t cycles;
  eecc_device dev;
  memset(&dev, 0, sizeof dev);
  failures += check("infer before init", eecc_infer(&dev, input, logits, &exit_id, &predicted, &cycles),
                    EECC_ERR_NOT_INITIALIZED);
  failures += check("init at a wrong address", eecc_init(&dev, EECC_IP_BASEADDR + 0x10000),
                    EECC_ERR_NOT_IDLE);
  printf("stray accesses: %s\n", eecc_ip_model_stray_accesses() > 0 ? "counted" : "none");
  failures += check("init", eecc_init(&dev, EECC_IP_BASEADDR), EECC_OK);
  failures += check("weights of the wrong size", eecc_load_weights(&dev, input, 64), EECC_ERR_WEIGHTS);
  failures += check("no weights to load", eecc_load_weights(&dev, 0, EECC_DDR_WEIGHT_BYTES), EECC_OK);
  failures += check("misaligned input",
                    eecc_infer(&dev, input + 1, logits, &exit_id, &predicted, &cycles),
                    EECC_ERR_ALIGNMENT);
  failures += check("null output", eecc_infer(&dev, input, logits, 0, &predicted, &cycles),
                    EECC_ERR_ARGUMENT);
  memcpy(input, eecc_sample_words, EECC_INPUT_SIZE * sizeof(float));
  failures += check("infer", eecc_infer(&dev, input, logits, &exit_id, &predicted, &cycles), EECC_OK);
  eecc_set_timeout_us(&dev, 2000);
  eecc_ip_model_hang(1);
  failures += check("hung IP", eecc_infer(&dev, input, logits, &exit_id, &predicted, &cycles),
                    EECC_ERR_TIMEOUT);
  failures += check("still busy", eecc_infer(&dev, input, logits, &exit_id, &predicted, &cycles),
                    EECC_ERR_NOT_IDLE);
  printf("inferences %u, errors %u\n", (unsigned)dev.inferences, (unsigned)dev.errors);
  return failures;
}
