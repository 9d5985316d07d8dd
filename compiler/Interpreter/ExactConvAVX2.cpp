// exactConv16 for CPUs with AVX2 (on x86-64 this file is compiled with -mavx2).
#if defined(__x86_64__)
#define EECC_EXACT16_VARIANT avx2
#define EXACT_CONV_NAME exactConv16AVX2
#include "ExactConvImpl.h"
#endif
