#pragma once

#include <unistd.h>

#include <utility>

namespace spaceport {

/// Sole owner of a file descriptor.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) noexcept : m_fd(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    std::swap(m_fd, other.m_fd);
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (m_fd >= 0) {
      close(m_fd);
    }
  }

  int get() const noexcept { return m_fd; }

 private:
  int m_fd;
};

}  // namespace spaceport
