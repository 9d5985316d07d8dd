// The generated top, IP wrapper, number types and testbench: template files with named
// fields (templates/hls/top, templates/csim), embedded by cmake/EmbedFiles.cmake.
#include "EmitHLSCpp.h"

#include "llvm/Support/ErrorHandling.h"

namespace eecc::hlscpp {

namespace {

const char *const kSkeletons[][2] = {
#include "Skeletons.inc"
};

} // namespace

std::string fillSkeleton(llvm::StringRef name, llvm::ArrayRef<TemplateField> fields) {
  for (const auto &entry : kSkeletons)
    if (name == entry[0]) {
      llvm::Expected<std::string> text = fillTemplate(name, entry[1], fields);
      if (!text)
        llvm::report_fatal_error(text.takeError());
      return std::move(*text);
    }
  llvm::report_fatal_error(llvm::Twine("no embedded template ") + name);
}

} // namespace eecc::hlscpp
