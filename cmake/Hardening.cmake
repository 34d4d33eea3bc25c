# What Debian builds its packages with (dpkg-buildflags' hardening=+all): a stack protector,
# fortified libc calls where the compiler optimises (_FORTIFY_SOURCE needs optimisation, and warns
# without it), a read-only relocation table bound at start. PIE is GCC's default on Debian. The
# package's binary is built so, and lintian checks it.
add_compile_options(-fstack-protector-strong
  $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-D_FORTIFY_SOURCE=2>)
add_link_options(-Wl,-z,relro -Wl,-z,now)
