// EECC_AVX2_CLONES: build a hot loop nest for AVX2 too, chosen at load time when the CPU
// has it (GCC's target_clones). Not under clang: its target_clones leaves the inline
// helpers such a function instantiates undefined at link time. No FMA is enabled, so
// float products and sums round as in the plain build.
#ifndef EECC_SUPPORT_VECTORIZE_H
#define EECC_SUPPORT_VECTORIZE_H

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define EECC_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define EECC_AVX2_CLONES
#endif

#endif // EECC_SUPPORT_VECTORIZE_H
