// Unit tests of the template files' named fields (compiler/Support/Template.h).
#include "compiler/Support/Template.h"

#include <gtest/gtest.h>

using namespace eecc;

namespace {

std::string fillOrError(llvm::StringRef text, llvm::ArrayRef<TemplateField> fields) {
  llvm::Expected<std::string> filled = fillTemplate("t.in", text, fields);
  return filled ? *filled : "error: " + llvm::toString(filled.takeError());
}

} // namespace

TEST(FillTemplate, ReplacesEveryOccurrenceOfEveryField) {
  EXPECT_EQ(fillOrError("#define N @SIZE@\nint a[@SIZE@]; // @MODEL_2@\n",
                        {{"SIZE", "16"}, {"MODEL_2", "lenet"}}),
            "#define N 16\nint a[16]; // lenet\n");
}

TEST(FillTemplate, AnEmptyValueRemovesTheField) {
  EXPECT_EQ(fillOrError("a@NOTE@b", {{"NOTE", ""}}), "ab");
}

TEST(FillTemplate, AnAtThatOpensNoFieldIsKept) {
  // A Makefile's $@, an e-mail address, a lower-case or unterminated name.
  EXPECT_EQ(fillOrError("\t$(CXX) -o $@ x.cpp\nme@example.com @lower@ @OPEN", {}),
            "\t$(CXX) -o $@ x.cpp\nme@example.com @lower@ @OPEN");
  EXPECT_EQ(fillOrError("@@X@@", {{"X", "1"}}), "@1@");
}

TEST(FillTemplate, AValueIsNotScannedAgain) {
  EXPECT_EQ(fillOrError("@A@", {{"A", "@B@"}}), "@B@");
}

TEST(FillTemplate, AFieldWithoutAValueIsAnError) {
  EXPECT_EQ(fillOrError("x @SIZE@ @MISSING@", {{"SIZE", "1"}}),
            "error: template t.in names field @MISSING@, which its emitter does not give");
}

TEST(FillTemplate, AValueWithoutAFieldIsAnError) {
  EXPECT_EQ(fillOrError("x @SIZE@", {{"SIZE", "1"}, {"EXTRA", "2"}}),
            "error: template t.in has no field @EXTRA@ for its emitter's value");
}
