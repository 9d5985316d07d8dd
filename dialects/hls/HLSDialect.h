// The hls dialect: the hardware level of eecc.
#ifndef EECC_DIALECTS_HLS_HLSDIALECT_H
#define EECC_DIALECTS_HLS_HLSDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/hls/HLSDialect.h.inc"

#endif // EECC_DIALECTS_HLS_HLSDIALECT_H
