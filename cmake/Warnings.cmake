# Warnings for our own targets only (dependencies' headers are system headers).
function(ipcsim_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                         -Wno-missing-field-initializers) # designated initializers leave the rest defaulted on purpose
endfunction()
