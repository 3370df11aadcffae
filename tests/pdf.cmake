# The PDF report (issue 4): unit tests of shaping, wrapping, fonts, figures and
# model loading, and end-to-end checks of the PDF (qpdf, pdffonts, pdftotext,
# pdftoppm against the reviewed reference image tests/pdf/hard-cases.png).
set(RG_PDF_TESTS "${CMAKE_CURRENT_SOURCE_DIR}/pdf")

foreach(t test_pdf_shape test_pdf_wrap test_pdf_font test_pdf_load test_pdf_stats test_pdf_wording)
  rg_unit_test(${t})
  set_tests_properties(${t} PROPERTIES LABELS pdf)
endforeach()

# The driver of the end-to-end checks: calls rg_report_write_pdf on model JSON,
# so they do not depend on the extractor behind `raingan report FILING`.
add_executable(test_pdf_render test_pdf_render.c)
target_link_libraries(test_pdf_render PRIVATE rg_render rg_parsers)
target_compile_definitions(test_pdf_render PRIVATE RG_SOURCE_RULES_DIR="${RG_SOURCE_RULES_DIR}")

# End-to-end checks (need python3, qpdf and poppler-utils; see tests/pdf/check_report.py).
if(Python3_Interpreter_FOUND)
  foreach(mode report digits filters determinism outline hard paging corpus cli
      findings breaks marks columns flow search)
    add_test(NAME test_pdf_e2e_${mode}
      COMMAND ${Python3_EXECUTABLE} ${RG_PDF_TESTS}/check_report.py ${mode}
        $<TARGET_FILE:test_pdf_render> ${RG_FIXTURES} ${RG_TESTS}
        ${CMAKE_CURRENT_BINARY_DIR}/pdf-work-${mode} $<TARGET_FILE:raingan>)
    set_tests_properties(test_pdf_e2e_${mode} PROPERTIES SKIP_RETURN_CODE 77 LABELS pdf)
  endforeach()
endif()
