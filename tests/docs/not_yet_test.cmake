# Each scenario in tests/docs/not-yet/ uses a part of version 2 of the format that this version does not
# accept yet. `ipcsim validate` must refuse it (exit 64) with exactly the errors of its .err file, and each
# of those messages must be quoted in docs/scenario-format.md ("Not yet accepted by this version"), so the
# page changes when a feature arrives.
#
#   cmake -DREPO=/path/to/repository -DIPCSIM=/path/to/ipcsim -P tests/docs/not_yet_test.cmake
cmake_minimum_required(VERSION 3.22)

if(NOT DEFINED REPO OR NOT DEFINED IPCSIM)
  message(FATAL_ERROR "usage: cmake -DREPO=/path/to/repository -DIPCSIM=/path/to/ipcsim -P not_yet_test.cmake")
endif()
file(REAL_PATH "${REPO}" repo)
file(READ "${repo}/docs/scenario-format.md" page)
# Brackets would change how CMake splits the list of messages below.
string(REPLACE "[" "<LB>" page "${page}")
string(REPLACE "]" "<RB>" page "${page}")

set(failures "")
file(GLOB scenarios RELATIVE "${repo}" "${repo}/tests/docs/not-yet/*.yaml")
list(SORT scenarios)
if(NOT scenarios)
  message(FATAL_ERROR "no scenario in tests/docs/not-yet/")
endif()
set(messages 0)
foreach(scenario IN LISTS scenarios)
  string(REGEX REPLACE "\\.yaml$" ".err" expected_file "${scenario}")
  execute_process(COMMAND "${IPCSIM}" validate "${scenario}" WORKING_DIRECTORY "${repo}" RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 64)
    string(APPEND failures "${scenario}: ipcsim validate exited ${status}, not 64 (is the feature accepted now? "
                           "then move it out of 'Not yet accepted' in docs/scenario-format.md)\n${out}${err}")
    continue()
  endif()
  file(READ "${repo}/${expected_file}" expected)
  if(NOT err STREQUAL expected)
    string(APPEND failures "${scenario}: the errors differ from ${expected_file}:\n${err}")
  endif()
  string(REPLACE "[" "<LB>" err "${err}")
  string(REPLACE "]" "<RB>" err "${err}")
  string(REGEX MATCHALL ": error: [^\n]*" found "${err}")
  foreach(line IN LISTS found)
    string(REGEX REPLACE "^: error: " "" text "${line}")
    math(EXPR messages "${messages} + 1")
    string(FIND "${page}" "${text}" at)
    if(at LESS 0)
      string(REPLACE "<LB>" "[" shown "${text}")
      string(REPLACE "<RB>" "]" shown "${shown}")
      string(APPEND failures "${scenario}: docs/scenario-format.md does not quote the error '${shown}'\n")
    endif()
  endforeach()
endforeach()

list(LENGTH scenarios count)
if(NOT failures STREQUAL "")
  message("${failures}")
  message(FATAL_ERROR "tests/docs/not-yet: the errors and docs/scenario-format.md disagree")
endif()
message("not yet accepted: ${count} scenarios refused with the ${messages} errors the page quotes")
