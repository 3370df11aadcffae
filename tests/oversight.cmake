# Oversight across filings: project identity (pairs that must and must not match).
rg_unit_test(test_match)
target_link_libraries(test_match PRIVATE rg_oversight)
