# -DIPCSIM_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on every target, aborting on the
# first report so that a test fails rather than printing and passing.
if(IPCSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
