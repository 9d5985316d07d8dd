// Registration of the ee dialect.
#include "dialects/ee/EEDialect.h"
#include "dialects/ee/EEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace eecc::ee;

#include "dialects/ee/EEDialect.cpp.inc"
#include "dialects/ee/EEEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/ee/EEAttrs.cpp.inc"

void EEDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/ee/EEAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/ee/EEOps.cpp.inc"
      >();
}
