# Extraction: the rule files, and the accuracy of `raingan parse` on the corpus
# and on the cases of issue 9 (rows cut by page breaks, frames), with no row
# left unread.
rg_unit_test(test_rules)
if(Python3_Interpreter_FOUND)
  add_test(NAME parse_corpus_scores
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_scores.py $<TARGET_FILE:raingan>
            ${RG_FIXTURES}/corpus ${RG_TESTS}/tools/score.py --min 0.98)
  add_test(NAME parse_cases_scores
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_scores.py $<TARGET_FILE:raingan>
            ${RG_FIXTURES}/cases ${RG_TESTS}/tools/score.py --min 0.99)
  # the same filings with their header-row marks removed read the same (a resave or a
  # retyping loses them): the corpus and the cases
  foreach(set corpus cases)
    add_test(NAME parse_unmarked_headers_${set}
      COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_unmarked_headers.py $<TARGET_FILE:raingan>
              ${RG_FIXTURES}/${set} ${RG_TESTS}/tools/score.py)
  endforeach()
  add_test(NAME parse_unread_rows
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_unread.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/corpus)
  add_test(NAME parse_external_is_other
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_other.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/external)
endif()
rg_unit_test(test_extract)
if(Python3_Interpreter_FOUND)
  add_test(NAME check_command_exit_status
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_command.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/corpus)
endif()
# accuracy at scale on make_bulk filings (about 15 s: python-docx writes them)
add_test(NAME parse_bulk_scores COMMAND sh ${RG_TESTS}/extract/check_bulk.sh $<TARGET_FILE:raingan> 200 0.99)
set_tests_properties(parse_bulk_scores PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
if(Python3_Interpreter_FOUND)
  add_test(NAME parse_reader_warnings
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/extract/check_reader_warnings.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/corpus)
endif()
