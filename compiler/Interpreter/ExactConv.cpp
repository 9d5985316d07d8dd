// exactConv16: the AVX2 build where the CPU has AVX2 (x86-64), else the portable one.
#define EECC_EXACT16_VARIANT portable
#define EXACT_CONV_NAME exactConv16Portable
#include "ExactConvImpl.h"

namespace eecc::interp {

#if defined(__x86_64__)
void exactConv16AVX2(const ExactConvShape &shape, const int16_t *input, const int16_t *weight,
                     const int64_t *bias, int64_t *sums);
#endif

void exactConv16(const ExactConvShape &shape, const int16_t *input, const int16_t *weight,
                 const int64_t *bias, int64_t *sums) {
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2)
    return exactConv16AVX2(shape, input, weight, bias, sums);
#endif
  exactConv16Portable(shape, input, weight, bias, sums);
}

} // namespace eecc::interp
