/* features.h: the glibc header that libstdc++'s aarch64-linux-gnu configuration includes,
 * for the bare-metal (picolibc) build of the kernels under QEMU. picolibc has the
 * feature macros in sys/features.h and no glibc version. */
#ifndef EECC_BAREMETAL_FEATURES_H
#define EECC_BAREMETAL_FEATURES_H
#include <sys/features.h>
#ifndef __GLIBC_PREREQ
#define __GLIBC_PREREQ(major, minor) 0
#endif
#endif
