/*
** fuzz_parse.c - libFuzzer harness of parse end to end: package bytes ->
** rg_read_memory() -> rg_extract() with the rules of the source tree ->
** model JSON.  The parser (compiled rules) is made once.  Seeds are the
** DOCX and ODT files of fixtures/ (make_seeds.sh).
*/
#include "fuzz_common.h"
#include "extract/extract.h"
#include "model/model.h"
#include "model/model_json.h"

#ifndef RG_SOURCE_RULES_DIR
#define RG_SOURCE_RULES_DIR "rules"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rg_parser *parser;
static rg_limits limits;

static rg_parser *get_parser(void)
{
	if (!parser) {
		const char *dir = getenv("RG_RULES_DIR");
		fuzz_limits(&limits);
		if (rg_parser_new(&parser, dir ? dir : RG_SOURCE_RULES_DIR, &limits)) {
			fprintf(stderr, "fuzz_parse: cannot load the rules: %s\n", rg_error_message());
			abort();
		}
	}
	return parser;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rg_parser *p = get_parser();
	rg_doc *doc = NULL;
	rg_model *model = NULL;
	rg_buf out = RG_BUF_INIT;
	int rc;

	rc = rg_read_memory(data, size, &limits, &doc);
	fuzz_check_result(rc, doc);
	if (!doc) {
		rg_error_clear();
		return 0;
	}
	fuzz_walk_doc(doc);
	rc = rg_extract(p, doc, &model);
	if (rc) {
		FUZZ_ASSERT(rc < 0 && rg_error_message()[0]);
	} else {
		FUZZ_ASSERT(model != NULL);
		rg_model_write_json(&out, model, 0);
		FUZZ_ASSERT(rg_buf_oom(&out) || out.len > 0);
		rg_buf_free(&out);
	}
	rg_model_free(model);
	rg_doc_free(doc);
	rg_error_clear();
	return 0;
}
