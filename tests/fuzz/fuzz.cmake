# tests/fuzz/fuzz.cmake - builds the fuzz harnesses of issue 6 (included by
# tests/fuzz.cmake, which also registers their tests).
#
# Always: fuzz_<name>_replay, each harness linked with replay_main.c, which runs
# it once per file (the regression tests; works with gcc and in ASan builds).
# With -DRG_FUZZ=ON and clang: fuzz_<name>, the libFuzzer harnesses, linked
# with -fsanitize=fuzzer,address,undefined; then every other target of the
# project (libraries, raingan, tests) is compiled with
# -fsanitize=fuzzer-no-link,address,undefined so the fuzzers see coverage of
# the libraries.  Use a separate build directory:
#   CC=clang cmake -S . -B build-fuzz -DRG_FUZZ=ON
set(RG_FUZZ_HARNESSES docx odt xml values parse)
set(RG_FUZZ_SRC "${CMAKE_CURRENT_LIST_DIR}")

if(RG_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RG_FUZZ=ON needs clang (libFuzzer): configure a separate build "
      "directory with CC=clang cmake -S . -B build-fuzz -DRG_FUZZ=ON")
  endif()

  # parsers/, render/, store/ and cmd/ are configured before tests/, so the
  # flags cannot come from add_compile_options here: at the end of the
  # top-level directory, walk every target of the project and add them.
  # (the flags are spelled out here: the deferred call runs in the top-level scope)
  function(rg_fuzz_instrument_dir dir)
    set(flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer -g)
    get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
    foreach(t ${targets})
      get_target_property(type ${t} TYPE)
      if(type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
        target_compile_options(${t} PRIVATE ${flags})
        if(NOT type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY)$")
          target_link_options(${t} PRIVATE -fsanitize=address,undefined)
        endif()
      endif()
    endforeach()
    get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
    foreach(sub ${subdirs})
      rg_fuzz_instrument_dir("${sub}")
    endforeach()
  endfunction()
  function(rg_fuzz_instrument_all)
    rg_fuzz_instrument_dir("${CMAKE_SOURCE_DIR}")
  endfunction()
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL rg_fuzz_instrument_all)
endif()

foreach(h ${RG_FUZZ_HARNESSES})
  add_executable(fuzz_${h}_replay ${RG_FUZZ_SRC}/fuzz_${h}.c ${RG_FUZZ_SRC}/replay_main.c)
  target_link_libraries(fuzz_${h}_replay PRIVATE rg_render rg_parsers)
  target_compile_definitions(fuzz_${h}_replay PRIVATE RG_SOURCE_RULES_DIR="${RG_SOURCE_RULES_DIR}")
  if(RG_FUZZ)
    add_executable(fuzz_${h} ${RG_FUZZ_SRC}/fuzz_${h}.c)
    target_link_libraries(fuzz_${h} PRIVATE rg_render rg_parsers)
    target_compile_definitions(fuzz_${h} PRIVATE RG_SOURCE_RULES_DIR="${RG_SOURCE_RULES_DIR}")
    target_compile_options(fuzz_${h} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${h} PRIVATE -fsanitize=fuzzer,address,undefined)
  endif()
endforeach()
if(RG_FUZZ)
  add_custom_target(fuzzers DEPENDS fuzz_docx fuzz_odt fuzz_xml fuzz_values fuzz_parse)
endif()
