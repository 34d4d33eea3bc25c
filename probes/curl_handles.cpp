#include "probes/curl_handles.hpp"

namespace spaceport {

void check_curl(CURLcode code, const char* operation) {
  if (code != CURLE_OK) {
    throw std::runtime_error(std::string(operation) + ": " + curl_easy_strerror(code));
  }
}

void check_curl(CURLMcode code, const char* operation) {
  if (code != CURLM_OK) {
    throw std::runtime_error(std::string(operation) + ": " + curl_multi_strerror(code));
  }
}

CurlGlobal::CurlGlobal() {
  check_curl(curl_global_init(CURL_GLOBAL_DEFAULT), "curl_global_init");
}

CurlGlobal::~CurlGlobal() {
  curl_global_cleanup();
}

CurlEasy::CurlEasy() : m_handle(curl_easy_init()) {
  if (m_handle == nullptr) {
    throw std::runtime_error("curl_easy_init failed (out of memory?)");
  }
}

CurlEasy::~CurlEasy() {
  if (m_handle != nullptr) {
    curl_easy_cleanup(m_handle);
  }
}

CurlMulti::CurlMulti() : m_handle(curl_multi_init()) {
  if (m_handle == nullptr) {
    throw std::runtime_error("curl_multi_init failed (out of memory?)");
  }
}

CurlMulti::~CurlMulti() {
  curl_multi_cleanup(m_handle);
}

CurlSlist::~CurlSlist() {
  if (m_list != nullptr) {
    curl_slist_free_all(m_list);
  }
}

void CurlSlist::append(const std::string& line) {
  curl_slist* grown = curl_slist_append(m_list, line.c_str());
  if (grown == nullptr) {
    throw std::runtime_error("curl_slist_append failed (out of memory?)");
  }
  m_list = grown;
}

}  // namespace spaceport
