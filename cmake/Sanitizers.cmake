# -DIPCSIM_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on every target, aborting on the
# first report so that a test fails rather than printing and passing. Compiled at -O1 with line tables only
# (-g1): what the sanitizers need to catch and to name the line, at less than half the build time of -O2 -g
# (measured in .ci/README.md).
if(IPCSIM_SANITIZE)
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG" CACHE STRING "Flags of the sanitizer build" FORCE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# -DIPCSIM_FUZZ=ON (clang only): the same sanitizers, and coverage for libFuzzer on every target.
if(IPCSIM_FUZZ)
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG" CACHE STRING "Flags of the fuzzing build" FORCE)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
