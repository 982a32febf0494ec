# ipcsim_layer(NAME folder DEPS ... PRIVATE_DEPS ...): one static library per top-level folder, from the
# .cpp files in it.
function(ipcsim_layer name)
  cmake_parse_arguments(arg "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${arg_DEPS} PRIVATE ${arg_PRIVATE_DEPS})
  ipcsim_warnings(${name})
endfunction()
