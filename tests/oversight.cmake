# Oversight across filings (issue 11): project identity (pairs that must and
# must not match), the comparisons of a report with its previous round and its
# plan, the register CSV reader, and the commands end to end on the fixtures of
# fixtures/oversight/ (findings, ingest order, register, missing, follow), each
# on SQLite and on PostgreSQL (*_pg: the server of tests/CMakeLists.txt).
rg_unit_test(test_match)
target_link_libraries(test_match PRIVATE rg_oversight)
rg_unit_test(test_oversight)
target_link_libraries(test_oversight PRIVATE rg_oversight)

if(Python3_Interpreter_FOUND)
  foreach(mode findings order register follow pdf)
    add_test(NAME oversight_${mode}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/oversight/check_oversight.py ${mode}
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_CURRENT_BINARY_DIR}/oversight-${mode})
    set_tests_properties(oversight_${mode} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
    # the same on PostgreSQL (the server of tests/store.cmake)
    add_test(NAME oversight_${mode}_pg
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/oversight/check_oversight.py ${mode}
        $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_CURRENT_BINARY_DIR}/oversight-${mode}-pg ${RG_PG_TARGET})
    rg_pg_test(oversight_${mode}_pg)
    set_tests_properties(oversight_${mode}_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
  endforeach()
endif()

# the XLSX export against the CSV export (openpyxl; LibreOffice too when installed)
if(Python3_Interpreter_FOUND)
  add_test(NAME export_xlsx
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/oversight/check_xlsx.py
      $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_CURRENT_BINARY_DIR}/export-xlsx)
  set_tests_properties(export_xlsx PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
  add_test(NAME export_xlsx_pg
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/oversight/check_xlsx.py
      $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_CURRENT_BINARY_DIR}/export-xlsx-pg ${RG_PG_TARGET})
  rg_pg_test(export_xlsx_pg)
  set_tests_properties(export_xlsx_pg PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
