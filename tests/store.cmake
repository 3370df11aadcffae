# The store's tests (issues 5, 10, 14): the C unit test of the store API, the
# store's SQL of the filing filter, and the command-level scripts in
# tests/store/ (ingest twice, bad files, kill -9 mid-batch, reads while ingest
# writes, the run command, two orders of ingest giving the same store, three
# writers at once, the shared queue, a process stopped inside SQLite's
# WAL-index, writers started at once on a new store).  One suite, run on both backends: each
# test takes the store's target, "sqlite" (files in a temporary folder) or a
# libpq connection string of a throwaway PostgreSQL server (the CTest fixture
# "pg" of tests/CMakeLists.txt: tests/store/pg_server.sh, started before the
# first test that needs it and stopped after the last, even when one failed;
# `ctest -R store` starts it too).  The PostgreSQL tests are named *_pg.
# A few need PostgreSQL itself: the server restarted mid-batch, connection
# errors, and the same bytes from both backends.  Run them with `ctest -R store`.
# RG_PG_TARGET, the fixture "pg" and rg_pg_test(): tests/CMakeLists.txt
rg_unit_test(test_store)
target_link_libraries(test_store PRIVATE PkgConfig::LIBPQ PkgConfig::SQLITE3)
add_test(NAME test_store_pg COMMAND test_store ${RG_PG_TARGET})
rg_pg_test(test_store_pg)
# test_filter (tests/model.cmake) on SQLite; here, the same on PostgreSQL
target_link_libraries(test_filter PRIVATE PkgConfig::LIBPQ PkgConfig::SQLITE3)
add_test(NAME test_filter_pg COMMAND test_filter ${RG_PG_TARGET})
rg_pg_test(test_filter_pg)

if(Python3_Interpreter_FOUND)
  set(RG_STORE_DATA "${CMAKE_BINARY_DIR}/store-test-data")
  # on both backends: store_NAME (SQLite) and store_NAME_pg
  foreach(script ingest_twice bad_files kill9 concurrent run order writers queue)
    add_test(NAME store_${script}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/store/test_${script}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${RG_STORE_DATA} sqlite)
    add_test(NAME store_${script}_pg
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/store/test_${script}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${RG_STORE_DATA} ${RG_PG_TARGET})
    rg_pg_test(store_${script}_pg)
    # 77: skipped (said why on stderr), e.g. no way to make input files
    set_tests_properties(store_${script} store_${script}_pg PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
  endforeach()
  # SQLite's own: a process stopped inside the WAL-index (SQLITE_PROTOCOL is waited
  # out); writers started at once on one new store
  foreach(script wal_race open_race)
    add_test(NAME store_${script}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/store/test_${script}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${RG_STORE_DATA} sqlite)
    set_tests_properties(store_${script} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
  endforeach()
  # PostgreSQL's own: the server restarted mid-batch (a server of its own, which it
  # restarts: tests/store/pg_server.sh in RG_PG_STATE-restart), connection errors,
  # both backends alike
  foreach(script pg_restart pg_errors backends_agree)
    add_test(NAME store_${script}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/store/test_${script}.py
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${RG_STORE_DATA} ${RG_PG_TARGET})
    rg_pg_test(store_${script})
    set_tests_properties(store_${script} PROPERTIES TIMEOUT 600)
  endforeach()
endif()
