#include "compiler/Support/Template.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace eecc {

namespace {

bool isFieldChar(char c) { return llvm::isUpper(c) || llvm::isDigit(c) || c == '_'; }

/// The length of the field name at text[at] (after an '@'), when '@' closes it; 0 if none.
size_t fieldNameLength(llvm::StringRef text, size_t at) {
  size_t end = at;
  while (end < text.size() && isFieldChar(text[end]))
    ++end;
  return end > at && end < text.size() && text[end] == '@' ? end - at : 0;
}

} // namespace

llvm::Expected<std::string> fillTemplate(llvm::StringRef templateName, llvm::StringRef text,
                                         llvm::ArrayRef<TemplateField> fields) {
  llvm::SmallVector<bool, 16> used(fields.size(), false);
  std::string result;
  result.reserve(text.size());
  size_t position = 0;
  while (position < text.size()) {
    size_t at = text.find('@', position);
    if (at == llvm::StringRef::npos) {
      result += text.substr(position);
      break;
    }
    result += text.slice(position, at);
    size_t length = fieldNameLength(text, at + 1);
    if (length == 0) {
      result += '@';
      position = at + 1;
      continue;
    }
    llvm::StringRef name = text.substr(at + 1, length);
    const TemplateField *field = nullptr;
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == name) {
        field = &fields[i];
        used[i] = true;
      }
    if (!field)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "template %s names field @%s@, which its emitter does not give",
                                     templateName.str().c_str(), name.str().c_str());
    result += field->value;
    position = at + length + 2;
  }
  for (size_t i = 0; i < fields.size(); ++i)
    if (!used[i])
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "template %s has no field @%s@ for its emitter's value",
                                     templateName.str().c_str(), fields[i].name.str().c_str());
  return result;
}

} // namespace eecc
