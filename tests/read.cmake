# The reader on real documents: DOCX and ODT of each corpus report agree cell
# for cell, and the external robustness corpus is read or refused cleanly with
# pandoc's table counts.
if(Python3_Interpreter_FOUND)
  add_test(NAME reader_corpus_formats_agree
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/reader/compare_formats.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/corpus)
  add_test(NAME reader_external_robustness
    COMMAND ${Python3_EXECUTABLE} ${RG_TESTS}/reader/external_check.py $<TARGET_FILE:raingan> ${RG_FIXTURES}/external
            --min 0.97 --timeout 60)
endif()
