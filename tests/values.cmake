# Unit tests of Thai normalization and the value parsers (parsers/extract/thai.c, values.c).
rg_unit_test(test_values)
