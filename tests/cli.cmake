# The command line as a whole: where the program finds its rules (build tree,
# installed, overridden), and the option parser (tests/cli/).
add_test(NAME cli_rules_dir
  COMMAND sh ${RG_TESTS}/cli/check_rules_dir.sh ${CMAKE_BINARY_DIR}
    ${RG_FIXTURES}/corpus/docx/kalasin-pao-2566-r6.docx ${CMAKE_CURRENT_BINARY_DIR}/cli-rules-dir)

# Issue 14: outputs written whole or not at all (a full disk on a small
# tmpfs, as root), a damaged or mistyped store refused, Ctrl-C mid-batch,
# and the small things (one exit table and prefix, inputs counted once,
# Thai digits, what report says).  The crash and hang tests are workers.cmake.
if(Python3_Interpreter_FOUND)
  foreach(t outputs store_open signals small)
    add_test(NAME cli_${t}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/cli/test_${t}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_CURRENT_BINARY_DIR}/cli-${t})
    set_tests_properties(cli_${t} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
  endforeach()
endif()

# The one way an output file is written (core/output.h).
rg_unit_test(test_output)
