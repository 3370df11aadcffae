/*
** fuzz_docx.c - libFuzzer harness of the DOCX reader: the input is the bytes
** of a whole package (a zip), read with rg_read_memory().  Seeds are the
** .docx files of fixtures/ (tests/fuzz/make_seeds.sh); a failure must be a
** clean RG_E* code with a one-line message, a success a well-formed model.
*/
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rg_limits lim;
	rg_doc *doc = NULL;
	int rc;

	fuzz_limits(&lim);
	rc = rg_read_memory(data, size, &lim, &doc);
	fuzz_finish_read(rc, doc);
	return 0;
}
