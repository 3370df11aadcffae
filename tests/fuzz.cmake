# Fuzzing (issue 6): the harnesses in tests/fuzz/ (see tests/fuzz/README.md)
# and their tests.  In every build each harness replays the crashing inputs
# kept in tests/fuzz/regressions/<harness>/ and the fixtures (no crash, no
# broken model invariant).  With -DRG_FUZZ=ON (clang) a short fuzz run per
# harness is registered too (label "fuzz"; seconds from RG_FUZZ_SECONDS).
include(${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz.cmake)

set(RG_FUZZ_REGRESSIONS "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions")
foreach(h ${RG_FUZZ_HARNESSES})
  add_test(NAME fuzz_regressions_${h} COMMAND fuzz_${h}_replay ${RG_FUZZ_REGRESSIONS}/${h})
  set_tests_properties(fuzz_regressions_${h} PROPERTIES TIMEOUT 300 LABELS fuzz)
endforeach()
# The harness checks on every real file (packages; the xml/values seeds need make_seeds.sh).
foreach(h docx parse)
  add_test(NAME fuzz_fixtures_${h} COMMAND fuzz_${h}_replay ${RG_FIXTURES}/corpus ${RG_FIXTURES}/external
           ${RG_FIXTURES}/reader)
  set_tests_properties(fuzz_fixtures_${h} PROPERTIES TIMEOUT 900 LABELS fuzz)
endforeach()

if(RG_FUZZ)
  if(NOT DEFINED RG_FUZZ_SECONDS)
    set(RG_FUZZ_SECONDS 20)
  endif()
  foreach(h ${RG_FUZZ_HARNESSES})
    add_test(NAME fuzz_smoke_${h}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/smoke.sh --no-build --build-dir ${CMAKE_BINARY_DIR}
              --seconds ${RG_FUZZ_SECONDS} ${h})
    set_tests_properties(fuzz_smoke_${h} PROPERTIES TIMEOUT 600 LABELS fuzz RUN_SERIAL TRUE)
  endforeach()
endif()
