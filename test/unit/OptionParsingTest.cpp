// Unit tests of the driver's structured option parsing.
#include "compiler/Support/OptionParsing.h"

#include <gtest/gtest.h>

using namespace eecc;

TEST(ParseNumberList, AcceptsCommaSeparatedNumbers) {
  auto values = parseNumberList("0.5, 0.25,1e-3");
  ASSERT_TRUE(static_cast<bool>(values)) << llvm::toString(values.takeError());
  ASSERT_EQ(values->size(), 3u);
  EXPECT_DOUBLE_EQ((*values)[0], 0.5);
  EXPECT_DOUBLE_EQ((*values)[1], 0.25);
  EXPECT_DOUBLE_EQ((*values)[2], 1e-3);
}

TEST(ParseNumberList, NamesTheBadItem) {
  auto values = parseNumberList("0.5,abc");
  ASSERT_FALSE(static_cast<bool>(values));
  std::string message = llvm::toString(values.takeError());
  EXPECT_NE(message.find("item 1 ('abc')"), std::string::npos) << message;
}

TEST(ParseNumberList, RejectsEmptyItemsAndNonFinite) {
  for (const char *text : {"", "0.5,,0.2", "nan", "inf", "0.5x", "1,"}) {
    auto values = parseNumberList(text);
    EXPECT_FALSE(static_cast<bool>(values)) << text;
    llvm::consumeError(values.takeError());
  }
}

TEST(ParsePrecision, FloatAndFixed) {
  auto fixed = parsePrecision("16,6");
  ASSERT_TRUE(static_cast<bool>(fixed));
  EXPECT_FALSE(fixed->isFloat);
  EXPECT_EQ(fixed->width, 16u);
  EXPECT_EQ(fixed->integerBits, 6);
  auto negativeInteger = parsePrecision("8,-2");
  ASSERT_TRUE(static_cast<bool>(negativeInteger));
  EXPECT_EQ(negativeInteger->integerBits, -2);
  auto calibrated = parsePrecision("12");
  ASSERT_TRUE(static_cast<bool>(calibrated));
  EXPECT_EQ(calibrated->width, 12u);
  EXPECT_FALSE(calibrated->integerBits.has_value());
  auto floating = parsePrecision("float");
  ASSERT_TRUE(static_cast<bool>(floating));
  EXPECT_TRUE(floating->isFloat);
}

TEST(ParsePrecision, RejectsMalformedAndOutOfRange) {
  for (const char *text : {"0", "0,0", "2000,4", "a,b", "16,6,1", "", "16,"}) {
    auto precision = parsePrecision(text);
    EXPECT_FALSE(static_cast<bool>(precision)) << text;
    llvm::consumeError(precision.takeError());
  }
}
