// The ee dialect: early-exit networks as backbone stages with exits.
#ifndef EECC_DIALECTS_EE_EEDIALECT_H
#define EECC_DIALECTS_EE_EEDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/ee/EEDialect.h.inc"

#endif // EECC_DIALECTS_EE_EEDIALECT_H
