# Crash isolation (issue 14): raingan-faults is raingan built from the same
# sources with RG_FAULT_INJECTION, for these tests only: a file whose name
# holds rg-fault-segv, rg-fault-abort or rg-fault-spin makes its worker
# crash, abort or spin (ingest/workers.c).  The raingan program has no such
# switch (the test checks its bytes).  It lives in tests/ so it sits beside
# the build's raingan: <dir>/../share/raingan/rules are the same rules.
get_target_property(RG_INGEST_SOURCES rg_ingest SOURCES)
get_target_property(RG_INGEST_DIR rg_ingest SOURCE_DIR)
set(RG_INGEST_FAULT_SOURCES "")
foreach(src ${RG_INGEST_SOURCES})
  list(APPEND RG_INGEST_FAULT_SOURCES "${RG_INGEST_DIR}/${src}")
endforeach()
add_library(rg_ingest_faults STATIC ${RG_INGEST_FAULT_SOURCES})
target_include_directories(rg_ingest_faults PUBLIC ${CMAKE_SOURCE_DIR})
target_compile_definitions(rg_ingest_faults PRIVATE RG_FAULT_INJECTION)
target_link_libraries(rg_ingest_faults PUBLIC rg_store rg_parsers Threads::Threads)

get_target_property(RG_CMD_SOURCES raingan SOURCES)
add_executable(raingan-faults ${RG_CMD_SOURCES})
target_link_libraries(raingan-faults PRIVATE rg_ingest_faults rg_store rg_render rg_parsers)
add_dependencies(raingan-faults rules)

if(Python3_Interpreter_FOUND)
  add_test(NAME workers_faults
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/cli/test_faults.py
      $<TARGET_FILE:raingan-faults> $<TARGET_FILE:raingan> ${RG_FIXTURES} ${CMAKE_CURRENT_BINARY_DIR}/workers-faults)
  set_tests_properties(workers_faults PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
endif()

# The model's bytes between a worker and the writer, field for field.
rg_unit_test(test_wire)
