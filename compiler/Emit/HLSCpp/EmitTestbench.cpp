// The C-simulation testbench (the C-sim contract of ARCHITECTURE.md) and its Makefile,
// from templates/csim.
#include "EmitHLSCpp.h"

#include <cctype>

namespace eecc::hlscpp {

namespace {

/// The model name goes into a C string and a comment: keep it plain.
std::string plainName(llvm::StringRef name) {
  std::string result;
  for (char c : name.take_front(80))
    result += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')
                  ? c
                  : '_';
  return result;
}

} // namespace

void emitTestbench(llvm::StringRef modelName, std::vector<ProjectFile> &files) {
  std::string model = plainName(modelName);
  // tb --input FILE --count N --output RESULT.json [--expected ANSWERS]: the C-sim
  // contract (templates/csim/tb.cpp.in).
  files.push_back({"csim/tb.cpp", fillSkeleton("tb.cpp", {{"MODEL", model}})});
  files.push_back({"csim/Makefile", fillSkeleton("Makefile", {{"MODEL", model}})});
}

} // namespace eecc::hlscpp
