#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <curl/curl.h>

namespace spaceport {

/// Throws with the operation's name and libcurl's text when code is not CURLE_OK.
void check_curl(CURLcode code, const char* operation);
void check_curl(CURLMcode code, const char* operation);

/// curl_global_init for the process; constructed once, early, in main.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

/// Sole owner of a CURL easy handle.
class CurlEasy {
 public:
  CurlEasy();
  CurlEasy(CurlEasy&& other) noexcept : m_handle(std::exchange(other.m_handle, nullptr)) {}
  CurlEasy& operator=(CurlEasy&& other) noexcept {
    std::swap(m_handle, other.m_handle);
    return *this;
  }
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;
  ~CurlEasy();

  CURL* get() const noexcept { return m_handle; }
  explicit operator bool() const noexcept { return m_handle != nullptr; }

  template <typename T>
  void set(CURLoption option, T value, const char* name) {
    check_curl(curl_easy_setopt(m_handle, option, value), name);
  }

 private:
  CURL* m_handle;
};

/// Sole owner of a CURLM multi handle.
class CurlMulti {
 public:
  CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;
  ~CurlMulti();

  CURLM* get() const noexcept { return m_handle; }

 private:
  CURLM* m_handle;
};

/// Sole owner of a curl_slist (request headers).
class CurlSlist {
 public:
  CurlSlist() = default;
  CurlSlist(CurlSlist&& other) noexcept : m_list(std::exchange(other.m_list, nullptr)) {}
  CurlSlist& operator=(CurlSlist&& other) noexcept {
    std::swap(m_list, other.m_list);
    return *this;
  }
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist();

  void append(const std::string& line);
  curl_slist* get() const noexcept { return m_list; }

 private:
  curl_slist* m_list = nullptr;
};

}  // namespace spaceport
