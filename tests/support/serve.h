// Test support for `policydb serve`: a server process on a free loopback
// port, and a raw HTTP/1.1 GET over a socket (so tests can send requests a
// client library would refuse: malformed URLs, invalid UTF-8, huge lines).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace policydb::testing {

struct HttpReply {
  int status = 0;  // 0: no answer
  std::string body;
};

inline int connect_loopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// GET `target` (sent as is) and read the reply to the end.
inline HttpReply http_get(int port, const std::string& target) {
  HttpReply r;
  const int fd = connect_loopback(port);
  if (fd < 0) return r;
  const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  for (size_t sent = 0; sent < req.size();) {
    const ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string all;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) all.append(buf, static_cast<size_t>(n));
  close(fd);
  if (all.rfind("HTTP/1.1 ", 0) != 0 || all.size() < 12) return r;
  r.status = std::stoi(all.substr(9, 3));
  const size_t body = all.find("\r\n\r\n");
  if (body != std::string::npos) r.body = all.substr(body + 4);
  return r;
}

// A port nobody listens on now (the kernel's pick).
inline int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// `policydb serve --db db --port <free>` run from `cwd`, stopped (SIGTERM)
// when the object goes away.
class ServeProcess {
 public:
  ServeProcess(const std::string& binary, const std::string& db, const std::string& cwd)
      : port_(free_port()) {
    pid_ = fork();
    if (pid_ == 0) {
      if (chdir(cwd.c_str()) != 0) _exit(127);
      const std::string port = std::to_string(port_);
      execl(binary.c_str(), binary.c_str(), "-q", "serve", "--db", db.c_str(), "--port",
            port.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready when it accepts a connection (ASan builds start slowly).
    for (int i = 0; i < 600 && alive(); ++i) {
      const int fd = connect_loopback(port_);
      if (fd >= 0) {
        close(fd);
        ready_ = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }
  bool alive() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }
  HttpReply get(const std::string& target) const { return http_get(port_, target); }

 private:
  int port_;
  pid_t pid_ = -1;
  bool ready_ = false;
};

}  // namespace policydb::testing
