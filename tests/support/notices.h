// Test support: small notices through the whole pipeline, and the questions
// the stage tests ask of their records.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "extract/department_kinds.h"
#include "pipeline/pipeline.h"
#include "support/repo_rules.h"

namespace policydb::testing {

// A notice made of a title line, `body`, an issuer line and a signing date
// (the date relative expressions resolve against), processed with the
// repository's rules; a document that is not ok fails the calling test.
inline pipeline::DocumentResult process_notice(const std::string& title, const std::string& body,
                                               const std::string& issuer, const std::string& date_line) {
  const std::string doc = title + "\n\n" + body + "\n\n" + issuer + "\n" + date_line + "\n";
  auto result = pipeline::process_bytes("notice.txt", doc, repo_rules(), ingest::Limits{});
  EXPECT_EQ(result.status, ingest::Status::kOk) << result.message;
  return result;
}

// The targets of `body` in a city's 2024 work plan signed 2024-03-15.
inline std::vector<extract::Target> targets_in_plan(const std::string& body) {
  return process_notice("关于印发某市2024年度工作方案的通知", body, "某市人民政府", "2024年3月15日").records.targets;
}

// Whether `r` assigns `role` to a department written with `dept` in it, on
// a task whose text holds `task`.
inline bool has_assignment(const pipeline::DocumentResult& r, std::string_view dept, std::string_view role,
                           std::string_view task) {
  return std::any_of(r.records.assignments.begin(), r.records.assignments.end(), [&](const auto& a) {
    return extract::name(a.role) == role && a.as_written.find(dept) != std::string::npos && a.task >= 0 &&
           static_cast<size_t>(a.task) < r.outline.tasks.size() &&
           r.outline.tasks[static_cast<size_t>(a.task)].text.find(task) != std::string::npos;
  });
}

// Whether `r` has a target of `value` in `unit`.
inline bool has_target(const pipeline::DocumentResult& r, std::string_view unit, double value) {
  return std::any_of(r.records.targets.begin(), r.records.targets.end(),
                     [&](const auto& t) { return t.unit == unit && t.value == value; });
}

}  // namespace policydb::testing
