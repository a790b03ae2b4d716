// Status and Result: how stages report failure without exceptions.
// A failure is a value; callers turn it into a `failed` or `partial` record.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace policydb {

class Status {
 public:
  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message), true); }

  bool ok() const { return !error_; }
  const std::string& message() const { return message_; }

 private:
  Status(std::string m, bool e) : message_(std::move(m)), error_(e) {}
  std::string message_;
  bool error_ = false;
};

// Either a value or an error Status. Accessing value() of an error is a bug.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status error) : v_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace policydb
