# The store's tests (issue 5): the C unit test of the store API, and the
# command-level scripts in tests/store/ (ingest twice, bad files, kill -9
# mid-batch, reads while ingest writes, the run command).  Run them with `ctest -R store`.
if(TARGET rg_store)
  rg_unit_test(test_store)
endif()

if(TARGET rg_store AND Python3_Interpreter_FOUND)
  foreach(script ingest_twice bad_files kill9 concurrent run)
    add_test(NAME store_${script}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/store/test_${script}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_BINARY_DIR}/store-test-data)
    # 77: skipped (said why on stderr), e.g. no way to make input files
    set_tests_properties(store_${script} PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
  endforeach()
endif()
