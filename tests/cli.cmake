# The command line as a whole: where the program finds its rules (build tree,
# installed, overridden), and the option parser (tests/cli/).
add_test(NAME cli_rules_dir
  COMMAND sh ${RG_TESTS}/cli/check_rules_dir.sh ${CMAKE_BINARY_DIR}
    ${RG_FIXTURES}/corpus/docx/kalasin-pao-2566-r6.docx ${CMAKE_CURRENT_BINARY_DIR}/cli-rules-dir)
