/* main.c: the eecc board application. Initializes the IP, runs every embedded test
 * sample, prints each sample's exit, class and time, compares them with the C-simulation's
 * answers and prints the statistics. Returns 0 when every sample matched. */
#include <string.h>

#include "eecc_hal.h"
#include "eecc_runtime.h"
#include "eecc_samples.h"

static float input[EECC_INPUT_SIZE] EECC_ALIGNED;
static float logits[EECC_MAX_CLASSES] EECC_ALIGNED;

int eecc_app_main(void) {
  eecc_device dev;
  eecc_hal_printf("eecc: %s, %d exit(s), %d sample(s)\n", EECC_MODEL_NAME, EECC_NUM_EXITS,
                  EECC_SAMPLE_COUNT);
  int status = eecc_init(&dev, EECC_IP_BASEADDR);
  if (status != EECC_OK) {
    eecc_hal_printf("eecc: init failed: %s\n", eecc_status_name(status));
    return 2;
  }
  status = eecc_load_weights(&dev, 0, EECC_DDR_WEIGHT_BYTES);
  if (status != EECC_OK) {
    eecc_hal_printf("eecc: loading the weights failed: %s\n", eecc_status_name(status));
    return 2;
  }
  int mismatches = 0, failures = 0;
  for (int n = 0; n < EECC_SAMPLE_COUNT; ++n) {
    memcpy(input, &eecc_sample_words[(size_t)n * EECC_INPUT_SIZE], sizeof input);
    int exit_id = -1, predicted = -1;
    uint64_t cycles = 0;
    status = eecc_infer(&dev, input, logits, &exit_id, &predicted, &cycles);
    if (status != EECC_OK) {
      eecc_hal_printf("eecc: sample %d: %s\n", n, eecc_status_name(status));
      ++failures;
      continue;
    }
    int same = exit_id == eecc_expected_exit[n] && predicted == eecc_expected_class[n];
    mismatches += !same;
    /* logits[class] in thousandths: integers only over xil_printf */
    float top = logits[predicted];
    int milli = (int)(top * 1000.0f + (top < 0 ? -0.5f : 0.5f));
    eecc_hal_printf("eecc: sample %d exit %d class %d logit_milli %d cycles %u%s\n", n, exit_id,
                    predicted, milli, (unsigned)cycles, same ? "" : " MISMATCH");
  }
  eecc_print_stats(&dev);
  eecc_hal_printf("eecc: %d of %d sample(s) match the C-simulation, %d failed\n",
                  EECC_SAMPLE_COUNT - mismatches - failures, EECC_SAMPLE_COUNT, failures);
  return mismatches || failures ? 1 : 0;
}

#ifndef EECC_NO_MAIN
int main(void) {
  int result = eecc_app_main();
  eecc_hal_printf("eecc: done (%d)\n", result);
#ifdef EECC_BOARD
  for (;;) /* bare metal on the board: nothing to return to */
    ;
#endif
  return result;
}
#endif
