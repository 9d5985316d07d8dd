/* eecc_samples.h: test samples compiled into the application (eecc_samples.c, written by
 * eecc from --test-input or the calibration set), with the exit and class that eecc's
 * reference interpreter, bit-exact with the C-simulation, computed for each. */
#ifndef EECC_SAMPLES_H
#define EECC_SAMPLES_H

#include <stdint.h>

#include "eecc_design.h"

/* EECC_SAMPLE_COUNT (eecc_design.h) samples of EECC_INPUT_SIZE float32 bit patterns. */
extern const uint32_t eecc_sample_words[];
/* Per sample: the exit taken and the predicted class. */
extern const int16_t eecc_expected_exit[];
extern const int16_t eecc_expected_class[];

#endif /* EECC_SAMPLES_H */
