# The reader's unit tests (DOCX/ODT packages built in memory with libzip).
rg_unit_test(test_reader)
target_link_libraries(test_reader PRIVATE PkgConfig::LIBZIP)
set_tests_properties(test_reader PROPERTIES TIMEOUT 300)
