// SHA-256 of a byte string, for keying documents by content.
#pragma once

#include <string>
#include <string_view>

namespace policydb {

// Lower-case hex digest (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace policydb
