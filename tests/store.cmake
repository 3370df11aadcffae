# The store's tests (issues 5, 10, 14): the C unit test of the store API, and
# the command-level scripts in tests/store/ (ingest twice, bad files, kill -9
# mid-batch, reads while ingest writes, the run command, two orders of ingest
# giving the same store).  Run them with `ctest -R store`.
rg_unit_test(test_store)

if(Python3_Interpreter_FOUND)
  foreach(script ingest_twice bad_files kill9 concurrent run order)
    add_test(NAME store_${script}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/store/test_${script}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_BINARY_DIR}/store-test-data)
    # 77: skipped (said why on stderr), e.g. no way to make input files
    set_tests_properties(store_${script} PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
  endforeach()
endif()
