// Document metadata from any header shape (issue 19): scraped page headers
// (title line, `发布机关 YYYY-MM-DD`, URL — on their own lines or run
// together), cover notices, news items, national notices, 文号 printed only
// in an attachment line, signatures run into flattened text, validity, and
// the fields_source that says where each field came from. Table-driven: each
// case is a whole small document run through the pipeline.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "support/repo_rules.h"

namespace policydb {
namespace {

struct Case {
  const char* name;
  const char* doc;
  const char* title;
  const char* doc_number;
  const char* issue_date;
  const char* region;
  const char* fields_source;  // substrings it must hold, ';'-joined as stored
  const char* effective_date = "";
  const char* valid_until = "";
};

const Case kCases[] = {
    {"scraped page, header lines kept",
     "北京市政务服务管理局印发《关于建立政务服务“好差评”制度的实施意见》的通知\n"
     "北京市政务服务管理局 2019-12-30\n\n京政服发〔2019〕34号\n\n"
     "各区人民政府，市政府各委、办、局：\n\n经市政府同意，现将《实施意见》印发给你们，请认真贯彻落实。\n\n"
     "北京市政务服务管理局\n\n2019年12月30日\n",
     "北京市政务服务管理局印发《关于建立政务服务“好差评”制度的实施意见》的通知", "京政服发〔2019〕34号",
     "2019-12-30", "北京市", "title=page_header;doc_number=doc_number_line;issue_date=signature"},
    // normalize breaks the signature run into the text onto its own lines,
    // so the signing date (09-28) wins over the site's (09-29).
    {"scraped page run together, signature inline, 文号 in the attachment line",
     "广安市人民政府办公室关于印发广安市制造业企业“贡嘎培优”行动方案的通知广安市人民政府办公室 2022-09-29\n"
     "https://www.guang-an.gov.cn/gasrmzfw/c104243/pc/content/content_1.html\n\n"
     "各县（市、区）人民政府，市直各部门：《行动方案》已经市政府常务会议审议通过，现印发给你们，请认真贯彻落实。"
     "广安市人民政府办公室2022年9月28日广安市制造业企业“贡嘎培优”行动方案一、培育目标到2025年，企业营业收入实现翻倍。"
     "本行动方案自2022年10月29日起施行，有效期4年。相关附件：广安府办规〔2022〕8号关于印发行动方案的通知.pdf\n",
     "广安市人民政府办公室关于印发广安市制造业企业“贡嘎培优”行动方案的通知", "广安府办规〔2022〕8号",
     "2022-09-28", "广安市", "title=page_header;doc_number=attachment_line;issue_date=signature",
     "2022-10-29", "2026-10-28"},
    {"scraped page without a signature: the site's date",
     "广安市人民政府办公室关于印发《广安市促进返乡下乡创业实施方案》的通知\n广安市人民政府办公室 2019-02-19\n"
     "https://www.guang-an.gov.cn/x.html\n\n各区市县人民政府：现印发你们，请结合实际，抓好贯彻落实。\n",
     "广安市人民政府办公室关于印发《广安市促进返乡下乡创业实施方案》的通知", "", "2019-02-19", "广安市",
     "title=page_header;issue_date=page_header"},
    {"signing date broken over a line break",
     "河北省发展和改革委员会关于下达示范项目的通知\n各市发展改革委：\n现将项目下达给你们，请抓好落实。\n"
     "河北省发展和改革委员会\n2021 年 12 月 31\n日\n",
     "河北省发展和改革委员会关于下达示范项目的通知", "", "2021-12-31", "河北省", "issue_date=signature"},
    {"a deadline broken over a line break is no signing date",
     "河北省发展和改革委员会关于下达示范项目的通知\n各市发展改革委：\n现将项目下达给你们，请抓好落实。\n"
     "项目须在\n2021 年 12 月 31\n日前完成验收。\n",
     "河北省发展和改革委员会关于下达示范项目的通知", "", "", "河北省", "title=title_line"},
    {"national plan titled 全国, no issuer, 文号 or place",
     "2019-2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）\n一、纳入配额管理的重点排放单位\n"
     "本方案适用于发电行业重点排放单位。\n",
     "2019-2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）", "", "", "全国", "region=national_title"},
    {"全国 after a verb is an event a local notice relays",
     "关于开展全国节能宣传周活动的通知\n各单位：\n请认真组织开展活动。\n",
     "关于开展全国节能宣传周活动的通知", "", "", "", "title=title_line"},
    {"a city's short name in brackets, known to the city table",
     "碳达峰碳中和林草碳汇（包头）试验区实施方案\n一、总体要求\n到2025年，林草碳汇能力明显提升。\n",
     "碳达峰碳中和林草碳汇（包头）试验区实施方案", "", "", "包头市", "region=title_city_short"},
    {"a bracketed word that is no city's short name",
     "碳达峰碳中和林草碳汇（试点）试验区实施方案\n一、总体要求\n到2025年，林草碳汇能力明显提升。\n",
     "碳达峰碳中和林草碳汇（试点）试验区实施方案", "", "", "", "title=title_line"},
    {"national notice (gov.cn body)",
     "国务院办公厅关于加强三级公立医院绩效考核工作的意见\n国办发〔2019〕4号\n"
     "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为进一步深化公立医院改革，现提出以下意见。\n"
     "国务院办公厅\n2019年1月16日\n",
     "国务院办公厅关于加强三级公立医院绩效考核工作的意见", "国办发〔2019〕4号", "2019-01-16", "全国",
     "title=title_line;doc_number=doc_number_line;issue_date=signature"},
    {"cover notice titled by the notice, not the plan it prints",
     "潮州市发展和改革局关于印发《潮州市全面推行清洁生产实施方案》的通知\n潮发改资环函〔2023〕182号\n"
     "各县区人民政府：\n现将《方案》印发给你们，请认真组织实施。\n潮州市发展和改革局\n2023年5月8日\n"
     "潮州市全面推行清洁生产实施方案\n一、总体要求\n",
     "潮州市发展和改革局关于印发《潮州市全面推行清洁生产实施方案》的通知", "潮发改资环函〔2023〕182号",
     "2023-05-08", "潮州市", "title=title_line;issue_date=signature;region=title"},
    // A cover line and the first page's heading print the same title; the
    // PDF reader's unwrapping joins them (issue 20 item 6: 4 of 61 real PDFs).
    {"title printed twice in a row, then its 文号, is one title",
     "财政部、住房和城乡建设部关于政府采购支持绿色建材促进建筑品质提升试点工作的通知"
     "财政部、住房和城乡建设部关于政府采购支持绿色建材促进建筑品质提升试点工作的通知（财库〔2020〕31号）\n"
     "各省、自治区、直辖市财政厅（局）：\n为发挥政府采购政策功能，现将有关事项通知如下。\n",
     "财政部、住房和城乡建设部关于政府采购支持绿色建材促进建筑品质提升试点工作的通知", "财库〔2020〕31号", "", "全国",
     "title=title_line;doc_number=doc_number_line"},
    {"news item: its headline, not its first sentence",
     "宿州市印发“十四五”清洁生产实施方案\n近日，宿州市人民政府印发了清洁生产实施方案，明确到2025年的目标。\n",
     "宿州市印发“十四五”清洁生产实施方案", "", "", "宿州市", "title=title_line;region=title"},
    {"no date anywhere: the title's year is a last resort for relative dates only",
     "关于开展2024年度工业领域清洁生产工作的通知\n各地级以上市工业和信息化主管部门：\n请于年底前报送。\n",
     "关于开展2024年度工业领域清洁生产工作的通知", "", "", "", "reference_year=title_year"},
    {"title wrapped over four lines, its tail on the last",
     "重庆市人民政府行政规范性文件\n重庆市人民政府关于\n印发以实现碳达峰碳中和目标为引领\n"
     "深入推进制造业高质量绿色发展行动计划\n（2022—2025年）的通知\n渝府发〔2022〕34号\n"
     "各区县（自治县）人民政府，市政府各部门，有关单位：\n现将《行动计划》印发给你们，请认真贯彻执行。\n"
     "重庆市人民政府\n2022年7月9日\n",
     "重庆市人民政府关于印发以实现碳达峰碳中和目标为引领深入推进制造业高质量绿色发展行动计划（2022—2025年）的通知",
     "渝府发〔2022〕34号", "2022-07-09", "重庆市", "title=title_line;doc_number=doc_number_line;issue_date=signature"},
    // Shapes from the wide set (issue 19, documents missing fields).
    {"plan cover: title, then only a year and month",
     "眉山市“十四五”生态环境保护规划\n2022 年 3 月\n前  言\n“十四五”时期是生态文明建设的关键期。\n",
     "眉山市“十四五”生态环境保护规划", "", "2022-03", "眉山市", "title=title_line;issue_date=cover_month;region=title"},
    {"plan cover in Chinese numerals; the month line is no title",
     "二〇二一年十二月\n常州市“十四五”生态环境保护规划\n一、总体要求\n加强生态环境保护。\n",
     "常州市“十四五”生态环境保护规划", "", "2021-12", "常州市", "issue_date=cover_month"},
    {"a signing date beats a cover month",
     "某某市“十四五”节能规划\n2022年3月\n一、总体要求\n加强节能。\n某某市人民政府\n2022年4月6日\n",
     "某某市“十四五”节能规划", "", "2022-04-06", "某某市", "issue_date=signature"},
    {"版记: the printing office and date on one line; the office gives the region",
     "关于建立碳金融重点项目库的通知\n各市发展改革委：\n现将有关事项通知如下。\n"
     "山东省发展和改革委员会办公室   2022 年 1 月 29 日印发\n",
     "关于建立碳金融重点项目库的通知", "", "2022-01-29", "山东省", "issue_date=printed_line;region=issuer"},
    {"labelled site date in a header",
     "绍兴市应对气候变化“十四五”规划\n发布日期：2021-12-01 15:57\n一、发展基础\n绍兴市加快绿色转型。\n",
     "绍兴市应对气候变化“十四五”规划", "", "2021-12-01", "绍兴市", "issue_date=date_label"},
    {"regulation adopted at a meeting: the 题注's date",
     "江西省人民代表大会常务委员会关于支持和保障碳达峰碳中和工作的决定\n"
     "（2021 年 11 月 19 日江西省第十三届人民代表大会常务委员会第三十四次会议通过）\n为了推动绿色转型，作如下决定。\n",
     "江西省人民代表大会常务委员会关于支持和保障碳达峰碳中和工作的决定", "", "2021-11-19", "江西省", "issue_date=adopted"},
    {"no date but a 文号: its year dates relative deadlines only; its 代字 gives the region",
     "市发展改革委关于印发《关于做好用能保障推动绿色发展的十项措施》的通知\n津发改双碳〔2022〕93号\n"
     "各区人民政府：\n现将《十项措施》印发给你们。\n",
     "市发展改革委关于印发《关于做好用能保障推动绿色发展的十项措施》的通知", "津发改双碳〔2022〕93号", "", "天津市",
     "doc_number=doc_number_line;region=doc_number;reference_year=doc_number_year"},
    {"a national ministry's 代字 gives 全国",
     "两部门关于印发《电机能效提升计划（2021-2023年）》的通知\n工信厅联节〔2021〕45号\n各省、自治区、直辖市工业和信息化主管部门：\n"
     "现将计划印发给你们。\n2021年11月24日\n",
     "两部门关于印发《电机能效提升计划（2021-2023年）》的通知", "工信厅联节〔2021〕45号", "2021-11-24", "全国", "region=doc_number"},
    {"a city that shares its province's abbreviation is left to the title",
     "关于加强节能管理的通知\n苏府〔2022〕5号\n各区人民政府：\n请认真执行。\n", "关于加强节能管理的通知", "苏府〔2022〕5号",
     "", "", "reference_year=doc_number_year"},
    {"title whose last character wrapped onto a line of its own",
     "深圳市市场监督管理局关于开展深圳市2022年碳排放核查员及核查机构备案的通\n知\n深市监【2022】37号\n各有关单位：\n请按要求办理。\n",
     "深圳市市场监督管理局关于开展深圳市2022年碳排放核查员及核查机构备案的通知", "深市监【2022】37号", "", "深圳市",
     "title=title_line;region=title"},
    {"title run into its addressees; signature run into the line above the date; a placeless head",
     "市科技局关于组织申报2022年度江苏省碳达峰碳中和科技创新专项资金项目的通知江北新区科创局，各区科技局，各有关单位：\n"
     "现将有关事项明确如下。\n5.申报时间与地点\n请于2月28日前报送。\n"
     "附件：江苏省科学技术厅关于印发申报指南的通知（苏科资发〔2022〕32号）南京市科学技术局\n2022年1月30日\n",
     "市科技局关于组织申报2022年度江苏省碳达峰碳中和科技创新专项资金项目的通知", "", "2022-01-30", "南京市",
     "title=title_line;issue_date=signature;region=issuer"},
    {"a province's placeless head without a signature keeps the title's place",
     "省人民政府关于加快建立健全湖北省绿色低碳循环发展经济体系的实施意见\n各市、州、县人民政府：\n提出如下意见。\n",
     "省人民政府关于加快建立健全湖北省绿色低碳循环发展经济体系的实施意见", "", "", "湖北省", "region=title"},
    {"a placeless province head and no place in the header: the province its text names most",
     "省人民政府关于加快建立健全\n绿色低碳循环发展经济体系的实施意见\n各市、州、县人民政府：\n"
     "结合我省实际，贯彻总书记视察湖北重要讲话精神，推动湖北率先实现绿色发展，学习浙江经验，建设美丽湖北。\n",
     "省人民政府关于加快建立健全绿色低碳循环发展经济体系的实施意见", "", "", "湖北省", "region=text_place"},
    {"a placeless head whose text names two places as often gives no region",
     "省人民政府关于加快建立健全\n绿色低碳循环发展经济体系的实施意见\n各市、州、县人民政府：\n"
     "学习湖北、浙江经验，对标湖北、浙江。\n",
     "省人民政府关于加快建立健全绿色低碳循环发展经济体系的实施意见", "", "", "", ""},
    {"a title wrapped over three lines, its last line short; an outline heading is no title",
     "贯彻落实碳达峰碳中和目标要求\n推动数据中心和5G等新型基础设施绿色高质量发展\n实施方案\n"
     "数据中心是公共基础设施。\n三、保障措施\n",
     "贯彻落实碳达峰碳中和目标要求推动数据中心和5G等新型基础设施绿色高质量发展实施方案", "", "", "", "title=title_line"},
    {"a table of contents gives no title",
     "2021年10月\n前言..........................................1\n第一章形势分析..........................2\n"
     "第一节发展导向第二节主要目标第三章重点任务第一节开展碳排放达峰行动\n",
     "", "", "2021-10", "", "issue_date=cover_month"},
    {"no title printed before the body: a plan named in the body is no title",
     "序言\n“十四五”时期是关键时期，编制本规划。\n目录\n第一章发展回顾\n第一节取得的成效\n第一章发展回顾\n"
     "全市深入践行绿色发展理念\n《盐城市海洋生态文明建设行动方案》\n",
     "", "", "", "", ""},
    {"no place in title or header: a text that calls itself 我国 is national",
     "氢能产业发展中长期规划（2021-2035年）\n氢能是我国能源转型的重要载体，推动全国氢能产业发展。\n"
     "一、发展现状\n我国是世界上最大的制氢国。\n",
     "氢能产业发展中长期规划（2021-2035年）", "", "", "全国", "region=self_scope"},
    {"no place in title or header: 本市 outnumbers 全国, the city its text names most",
     "关于开展竞赛系列活动的通知\n市工业和信息化局、各区发展改革委：\n扎实推进本市碳达峰碳中和工作，走在全国前列。\n"
     "一、活动内容\n本市各区开展竞赛。天津港、天津经开区率先开展。\n",
     "关于开展竞赛系列活动的通知", "", "", "天津市", "region=self_scope"},
    {"a province's self-references and no province named twice give no region",
     "关于深入推进绿色认证的意见\n推动我省绿色认证，全省推广。\n",
     "关于深入推进绿色认证的意见", "", "", "", "title=title_line"},
    {"a title headed by the country's name is national",
     "中国清洁发展机制基金管理办法\n第一章总则\n第一条为加强基金管理，制定本办法。\n",
     "中国清洁发展机制基金管理办法", "", "", "全国", "region=national_title"},
    {"no title before the body: the plan the preface says it makes",
     "序言\n“十四五”时期是关键时期。根据《江苏省“十四五”生态环境保护规划》，编制《盐城市“十四五”生态环境保护规划》。\n"
     "目录\n第一章发展回顾\n",
     "盐城市“十四五”生态环境保护规划", "", "", "盐城市", "title=self_reference;region=title"},
    {"a news item without headline: the notice it reports",
     "6月5日，我市印发《包头市深入推进碳达峰碳中和加快建设绿色低碳城市实施方案》。方案明确，到2025年实现目标。\n",
     "包头市深入推进碳达峰碳中和加快建设绿色低碳城市实施方案", "", "", "包头市", "title=self_reference"},
    {"an effective date with 从 and a validity in years",
     "广安市人民政府办公室关于印发广安市就业见习实施方案的通知\n各县（市、区）人民政府：\n现印发给你们。\n"
     "本实施方案从2022年5月7日起实施，有效期2年。\n广安市人民政府办公室\n2022年4月20日\n",
     "广安市人民政府办公室关于印发广安市就业见习实施方案的通知", "", "2022-04-20", "广安市",
     "effective_date=validity;valid_until=validity", "2022-05-07", "2024-05-06"},
    {"a place after a verb: the city table's name, not the verb",
     "关于征集徐州市碳达峰碳中和科技创新技术需求的通知\n各有关单位：\n请认真组织。\n",
     "关于征集徐州市碳达峰碳中和科技创新技术需求的通知", "", "", "徐州市", "region=title"},
    {"a party committee's name: the place it holds, not 中共",
     "中共北京市委北京市人民政府关于建设数据要素综合试验区的实施意见\n各区委、区政府：\n现提出如下意见。\n",
     "中共北京市委北京市人民政府关于建设数据要素综合试验区的实施意见", "", "", "北京市", "title=title_line;region=title"},
    {"a self-reference (本市) after 关于 is no place; the issuer's is",
     "关于推动本市不动产登记领域申请材料精简工作的通知\n各区政务服务管理局：\n现通知如下。\n"
     "北京市政务服务和数据管理局\n2023年5月6日\n",
     "关于推动本市不动产登记领域申请材料精简工作的通知", "", "2023-05-06", "北京市",
     "title=title_line;issue_date=signature;region=issuer"},
    {"a title head word (转发) before 市 is no place; nor is a county-level city's name with it",
     "转发市发展改革委关于推进节能工作意见的通知\n各县区人民政府：\n现转发给你们。\n",
     "转发市发展改革委关于推进节能工作意见的通知", "", "", "", "title=title_line"},
    {"a county-level city after 转发 is the place",
     "关于转发义乌市节能工作实施方案的通知\n各有关单位：\n现转发给你们。\n",
     "关于转发义乌市节能工作实施方案的通知", "", "", "义乌市", "title=title_line;region=title"},
    {"national issuers give 全国, though 国家市场… reads like a city",
     "关于印发《汽车数据出境安全指引》的通知\n各有关单位：\n现印发给你们。\n工业和信息化部\n国家市场监督管理总局\n"
     "2025年3月1日\n",
     "关于印发《汽车数据出境安全指引》的通知", "", "2025-03-01", "全国", "title=title_line;issue_date=signature;region=national"},
    {"a title wrapped after an organisation that passes a report on (转发)",
     "国务院办公厅转发国家地震局\n关于1997年地震趋势和加强防震减灾\n工作意见报告的通知\n国办发〔1997〕2号\n"
     "各省、自治区、直辖市人民政府：\n请认真贯彻执行。\n",
     "国务院办公厅转发国家地震局关于1997年地震趋势和加强防震减灾工作意见报告的通知", "国办发〔1997〕2号", "",
     "全国", "title=title_line;doc_number=doc_number_line"},
    {"a title line ending in 文件 that holds 关于 is no red head",
     "某省人民政府办公厅关于全面推行行政规范性文件\n合法性审核机制的指导意见\n某政办发〔2018〕115号\n"
     "各市、县人民政府：\n现提出如下意见。\n",
     "某省人民政府办公厅关于全面推行行政规范性文件合法性审核机制的指导意见", "某政办发〔2018〕115号", "", "",
     "title=title_line"},
    {"a title run into its 文号, its first line wrapped above",
     "国务院办公厅关于调整\n国家教材委员会组成人员的通知国办发〔2018〕109号\n"
     "各省、自治区、直辖市人民政府：\n现将调整后的组成人员名单通知如下。\n",
     "国务院办公厅关于调整国家教材委员会组成人员的通知", "国办发〔2018〕109号", "", "全国",
     "title=title_line;doc_number=doc_number_line"},
    {"a 文号 in brackets after the title, and a 文号 run into the addressees",
     "某省生态环境厅关于加强建设项目源头防控的指导意见（某环评〔2021〕45号）\n某市人民政府：\n现提出如下意见。\n",
     "某省生态环境厅关于加强建设项目源头防控的指导意见", "某环评〔2021〕45号", "", "", "doc_number=doc_number_line"},
    {"a 文号 run into the addressees line",
     "某省人民政府办公厅关于印发某省生态环境保护规划的通知\n某政办发〔2021〕59号各市、县（区）人民政府，省政府各部门：\n"
     "现将规划印发给你们。\n",
     "某省人民政府办公厅关于印发某省生态环境保护规划的通知", "某政办发〔2021〕59号", "", "", "title=title_line"},
    {"the 公文 kinds 函, 答复 and 通报 end a title",
     "国务院办公厅对全国政协十届四次会议\n第4626号提案的答复\n国办函〔2006〕82号\n王超斌委员：\n收悉。\n",
     "国务院办公厅对全国政协十届四次会议第4626号提案的答复", "国办函〔2006〕82号", "", "全国", "title=title_line"},
};

TEST(Metadata, EveryHeaderShapeGivesItsFieldsAndSaysWhere) {
  const rules::RuleSet& rules = policydb::testing::repo_rules();
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    auto r = pipeline::process_bytes("d.txt", c.doc, rules, ingest::Limits{});
    ASSERT_EQ(r.status, ingest::Status::kOk) << r.message;
    EXPECT_EQ(r.meta.title, c.title);
    EXPECT_EQ(r.meta.doc_number, c.doc_number);
    EXPECT_EQ(r.meta.issue_date, c.issue_date);
    EXPECT_EQ(r.meta.region, c.region);
    EXPECT_EQ(r.meta.effective_date, c.effective_date);
    EXPECT_EQ(r.meta.valid_until, c.valid_until);
    std::string want = c.fields_source;
    for (size_t at = 0; at < want.size();) {
      size_t end = want.find(';', at);
      if (end == std::string::npos) end = want.size();
      EXPECT_NE(r.meta.fields_source.joined().find(want.substr(at, end - at)), std::string::npos)
          << want.substr(at, end - at) << " not in " << r.meta.fields_source.joined();
      at = end + 1;
    }
  }
}

TEST(Metadata, TheTitleYearDatesRelativeDeadlinesWithoutBecomingTheIssueDate) {
  const Case* c = nullptr;
  for (const auto& k : kCases)
    if (std::string_view(k.name).starts_with("no date anywhere")) c = &k;
  ASSERT_NE(c, nullptr);
  auto r = pipeline::process_bytes("d.txt", c->doc, policydb::testing::repo_rules(), ingest::Limits{});
  EXPECT_EQ(r.meta.reference_year, 2024);
  EXPECT_TRUE(r.meta.issue_date.empty());
}

}  // namespace
}  // namespace policydb
