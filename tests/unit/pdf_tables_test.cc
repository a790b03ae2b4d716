// Tables rebuilt from positioned words (pdf_tables): columns from the gaps
// no word crosses, rows from the extra space between them, cell lines
// wrapped inside a column joined. Plain structs in, rows out: no PDF here.
#include "ingest/pdf_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace policydb::ingest::pdf_tables {
namespace {

constexpr double kHeight = 10;  // one line of text

// Column extents (x) of the tables below.
struct Column {
  double x0, x1;
};
const std::vector<Column> kColumns = {{50, 90}, {150, 350}, {400, 520}};

// A word of `text` at the left of column `col`, on the line whose top is `y`;
// CJK characters are one line high and as wide.
Word word(size_t col, double y, const std::string& text, double dx = 0, bool space_after = false) {
  const double chars = static_cast<double>(text.size()) / 3;  // UTF-8 CJK: 3 bytes each
  const double x0 = kColumns[col].x0 + dx;
  return Word{x0, y, x0 + chars * kHeight, y + kHeight, text, space_after};
}

// A paragraph line across the whole width, as one word.
Word paragraph(double y, const std::string& text) {
  return Word{kColumns.front().x0, y, kColumns.back().x1, y + kHeight, text, false};
}

// 序号 | 任务 | 责任单位, two numbered rows, the first one's task wrapped on
// two lines inside its cell; 14 points between rows, 2 between wrapped lines.
std::vector<Word> allocation_table(double top) {
  return {
      word(0, top, "序号"),
      word(1, top, "任务"),
      word(2, top, "责任单位"),
      word(0, top + 24, "1"),
      word(1, top + 24, "推进重点行业清洁生产"),
      word(2, top + 24, "市发展改革委"),
      word(1, top + 36, "审核工作"),
      word(0, top + 60, "2"),
      word(1, top + 60, "推广绿色建材"),
      word(2, top + 60, "市住房建设局"),
  };
}

TEST(PdfTables, RowsWithCellsJoinedByTabsAndWrappedCellLinesJoined) {
  const std::vector<Table> tables = find_tables(allocation_table(100));
  ASSERT_EQ(tables.size(), 1u);
  const std::vector<std::string> expected = {
      "序号\t任务\t责任单位",
      "1\t推进重点行业清洁生产审核工作\t市发展改革委",
      "2\t推广绿色建材\t市住房建设局",
  };
  EXPECT_EQ(tables[0].rows, expected);
  EXPECT_DOUBLE_EQ(tables[0].top, 100);
  EXPECT_DOUBLE_EQ(tables[0].bottom, 170);
}

TEST(PdfTables, WordsOrderedByPositionNotByInput) {
  std::vector<Word> words = allocation_table(100);
  std::reverse(words.begin(), words.end());
  const std::vector<Table> tables = find_tables(words);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(tables[0].rows[1], "1\t推进重点行业清洁生产审核工作\t市发展改革委");
}

TEST(PdfTables, ParagraphsAboveAndBelowAreNotPartOfTheTable) {
  std::vector<Word> words = {paragraph(60, "为贯彻落实党中央、国务院决策部署，制定本分工表。")};
  for (Word& w : allocation_table(100)) words.push_back(w);
  words.push_back(paragraph(200, "各单位要按照职责分工抓好落实。"));
  const std::vector<Table> tables = find_tables(words);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows.size(), 3u);
  EXPECT_DOUBLE_EQ(tables[0].top, 100);
  EXPECT_DOUBLE_EQ(tables[0].bottom, 170);
  for (const std::string& row : tables[0].rows) {
    EXPECT_EQ(row.find("贯彻落实"), std::string::npos) << row;
    EXPECT_EQ(row.find("抓好落实"), std::string::npos) << row;
  }
}

TEST(PdfTables, EmptyCellOfAMergedColumnStaysInPlace) {
  // The second row has no number (the cell is merged with the one above):
  // its cells keep their columns.
  const std::vector<Word> words = {
      word(0, 100, "序号"), word(1, 100, "任务"), word(2, 100, "责任单位"),
      word(0, 124, "1"), word(1, 124, "推广绿色建材"), word(2, 124, "市住房建设局"),
      word(1, 148, "推动绿色交通"), word(2, 148, "市交通运输局"),
  };
  const std::vector<Table> tables = find_tables(words);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(tables[0].rows[2], "\t推动绿色交通\t市交通运输局");
}

TEST(PdfTables, EvenlySpacedLinesAreRowsOfTheirOwn) {
  // No line is closer to the one above than the others: no cell wraps.
  std::vector<Word> words;
  const std::vector<std::string> cities = {"潮州市", "汕头市", "揭阳市", "梅州市"};
  for (size_t i = 0; i < cities.size(); ++i) {
    const double y = 100 + 14 * static_cast<double>(i);
    words.push_back(word(0, y, std::to_string(i + 1)));
    words.push_back(word(1, y, cities[i]));
    words.push_back(word(2, y, "85%"));
  }
  const std::vector<Table> tables = find_tables(words);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), cities.size());
  EXPECT_EQ(tables[0].rows[0], "1\t潮州市\t85%");
  EXPECT_EQ(tables[0].rows[3], "4\t梅州市\t85%");
}

TEST(PdfTables, LatinWordsInACellKeepTheirSpace) {
  std::vector<Word> words = allocation_table(100);
  // Words in the task column of a third row, each followed by a space: it
  // stays between Latin words, not before Chinese text.
  words.push_back(word(0, 184, "3"));
  words.push_back(word(1, 184, "PM2.5", 0, true));
  words.push_back(word(1, 184, "SO2", 20, true));
  words.push_back(word(1, 184, "浓度下降", 40));
  words.push_back(word(2, 184, "市生态环境局"));
  const std::vector<Table> tables = find_tables(words);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 4u);
  EXPECT_EQ(tables[0].rows[3], "3\tPM2.5 SO2浓度下降\t市生态环境局");
}

TEST(PdfTables, TextWithoutColumnsHasNoTable) {
  std::vector<Word> words;
  for (int i = 0; i < 8; ++i) words.push_back(paragraph(100 + 14 * i, "推进工业、农业、服务业等领域清洁生产。"));
  EXPECT_TRUE(find_tables(words).empty());
  // Two columns on only two lines are not a table either.
  std::vector<Word> two = {word(0, 100, "附件"), word(2, 100, "清单"), word(0, 114, "联系人"),
                           word(2, 114, "电话"), paragraph(128, "各单位要抓好落实。"),
                           paragraph(142, "各单位要抓好落实。")};
  EXPECT_TRUE(find_tables(two).empty());
}

TEST(PdfTables, DegenerateInputs) {
  EXPECT_TRUE(find_tables({}).empty());
  // Blank words and boxes without height are ignored.
  std::vector<Word> words = {Word{50, 100, 60, 100, "空", false}, Word{50, 100, 60, 110, "  ", false}};
  EXPECT_TRUE(find_tables(words).empty());
  // Fewer than six words cannot make a table.
  EXPECT_TRUE(find_tables({word(0, 100, "1"), word(1, 100, "甲"), word(0, 114, "2"), word(1, 114, "乙"),
                           word(0, 128, "3")})
                  .empty());
}

}  // namespace
}  // namespace policydb::ingest::pdf_tables
