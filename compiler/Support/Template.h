// Template files with named fields: `@NAME@` (upper case, digits, '_'), the convention of
// CMake's configure_file. The generated top, IP wrapper and testbench are such files
// (templates/hls/top, templates/csim), embedded in the compiler.
#ifndef EECC_SUPPORT_TEMPLATE_H
#define EECC_SUPPORT_TEMPLATE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace eecc {

struct TemplateField {
  llvm::StringRef name;
  std::string value;
};

/// `text` with every `@NAME@` replaced by its field's value. Every field the text names
/// must be given and every field given must be named (a template and its emitter cannot
/// drift apart silently); `templateName` goes into the error. An '@' that does not open a
/// field (`$@` in a Makefile) is copied as it is.
llvm::Expected<std::string> fillTemplate(llvm::StringRef templateName, llvm::StringRef text,
                                         llvm::ArrayRef<TemplateField> fields);

} // namespace eecc

#endif // EECC_SUPPORT_TEMPLATE_H
