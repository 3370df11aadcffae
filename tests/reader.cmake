# The reader's unit tests (DOCX/ODT packages built in memory with libzip).
rg_unit_test(test_reader)
target_link_libraries(test_reader PRIVATE PkgConfig::LIBZIP)
set_tests_properties(test_reader PROPERTIES TIMEOUT 300)
# Issue 12: what real editors write and formats people still send (hidden and
# alternative content, altChunk, check boxes as shown, grids, flat ODF,
# legacy formats through a LibreOffice stand-in and the batch API).
rg_unit_test(test_reader_editors)
target_link_libraries(test_reader_editors PRIVATE PkgConfig::LIBZIP)
set_tests_properties(test_reader_editors PROPERTIES TIMEOUT 300)
