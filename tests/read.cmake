# The reader on real documents: DOCX and ODT of each corpus report agree cell
# for cell, and the external robustness corpus is read or refused cleanly with
# pandoc's table counts.
if(Python3_Interpreter_FOUND)
  add_test(NAME reader_corpus_formats_agree
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/reader/compare_formats.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/corpus)
  add_test(NAME reader_external_robustness
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/reader/external_check.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/external
            --min 0.99 --timeout 60)
endif()
# Issue 12: the reader case files (fixtures/reader, README there), and Word
# 97-2003 .doc / RTF through LibreOffice, made from the corpus at test time
# (skipped, exit 77, when LibreOffice is not installed).
if(Python3_Interpreter_FOUND)
  add_test(NAME reader_cases
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/reader/check_cases.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/reader)
  add_test(NAME reader_legacy_libreoffice
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/reader/check_legacy.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/corpus
            ${RG_TESTS}/tools/score.py)
  set_tests_properties(reader_legacy_libreoffice PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77)
endif()
