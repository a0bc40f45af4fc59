# Replays the fuzz inputs as ordinary tests, with any compiler and without libFuzzer: each fuzz
# target's source linked to fuzz/replay.c (fuzz_replay_<target>), run over its seed corpus
# fuzz/corpus/<target>/ and the inputs that once failed, fuzz/regressions/<target>/.
# Included from tests/CMakeLists.txt:
#   include(${PROJECT_SOURCE_DIR}/fuzz/replay.cmake)
include_guard(GLOBAL)

foreach(t record date id)
  add_executable(fuzz_replay_${t} ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${t}.c
                 ${PROJECT_SOURCE_DIR}/fuzz/replay.c)
  target_link_libraries(fuzz_replay_${t} PRIVATE cairn_static)
  target_include_directories(fuzz_replay_${t} PRIVATE ${PROJECT_SOURCE_DIR}/lib)
  set(inputs ${PROJECT_SOURCE_DIR}/fuzz/corpus/${t})
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/fuzz/regressions/${t})
    list(APPEND inputs ${PROJECT_SOURCE_DIR}/fuzz/regressions/${t})
  endif()
  add_test(NAME fuzz.replay.${t} COMMAND fuzz_replay_${t} ${inputs})
  set_tests_properties(fuzz.replay.${t} PROPERTIES TIMEOUT 300)
endforeach()
