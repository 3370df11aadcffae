# The model's neighbours: organization names and keys, and the filing filter
# (in C, and the same answers from the store's SQL).
rg_unit_test(test_filter)
