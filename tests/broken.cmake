# The catalog of broken and hostile inputs (issue 6): tests/test_broken.c builds
# each input itself (in memory or a temporary directory) and runs it in a child
# process with a time limit and a peak-RSS bound.  One ctest per case, each
# with its own TIMEOUT; `ctest -R broken_` runs them all.
pkg_check_modules(RG_BROKEN_ZLIB REQUIRED IMPORTED_TARGET zlib)
add_executable(test_broken test_broken.c)
target_link_libraries(test_broken PRIVATE rg_render rg_parsers PkgConfig::RG_BROKEN_ZLIB)
target_compile_definitions(test_broken PRIVATE
  RG_FIXTURES="${RG_FIXTURES}" RG_TESTS="${RG_TESTS}" RG_SOURCE_RULES_DIR="${RG_SOURCE_RULES_DIR}")
# case name and ctest timeout in seconds (the case's own alarm is shorter)
set(RG_BROKEN_CASES
  empty_file:60 random_bytes:120 zip_no_document:60 truncated_zip:60 huge_declared_size:60
  zip_bomb:240 zip_bomb_lying_size:240 zip_bomb_text:240 deep_nesting_100000:120 billion_laughs:60
  external_entity_passwd:240 invalid_utf8:120 table_10000_columns:120 gridspan_2_31:120
  vmerge_continues_nothing:60 odf_covered_without_covering:60 span_past_width:60 limit_options:240
  ole_hostile:120 altchunk_hostile:120 conversion_hang:120)
foreach(entry ${RG_BROKEN_CASES})
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 timeout)
  add_test(NAME broken_${name} COMMAND test_broken $<TARGET_FILE:raingan> ${name})
  set_tests_properties(broken_${name} PROPERTIES TIMEOUT ${timeout} LABELS broken)
endforeach()
