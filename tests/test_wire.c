/*
** test_wire.c - the model as flat bytes between processes (model/model_wire.h):
** every corpus filing and model fixture comes back field for field (its JSON
** and its bytes again are the same), null apart from empty, and bytes cut
** short or out of shape are refused, never half-read.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/error.h"
#include "extract/extract.h"
#include "model/model_json.h"
#include "model/model_load.h"
#include "model/model_wire.h"

/* m through the bytes and back: the same JSON, the same bytes. */
static void round_trip(const rg_model *m, const char *name)
{
	rg_buf a = RG_BUF_INIT, b = RG_BUF_INIT, ja = RG_BUF_INIT, jb = RG_BUF_INIT;
	rg_model *back = NULL;
	size_t cut;

	rg_model_wire_write(&a, m);
	CHECK(!rg_buf_oom(&a));
	CHECK_INT(rg_model_wire_read(a.ptr, a.len, &back), 0);
	if (back) {
		rg_model_wire_write(&b, back);
		rg_model_write_json(&ja, m, 1);
		rg_model_write_json(&jb, back, 1);
		if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) || ja.len != jb.len || memcmp(ja.ptr, jb.ptr, ja.len)) {
			fprintf(stderr, "%s: the model read back differs\n", name);
			CHECK(0);
		} else {
			CHECK(1);
		}
	}
	rg_model_free(back);
	/* every shorter prefix, and one byte too many, is refused */
	for (cut = 0; cut < a.len; cut += 1 + a.len / 97) {
		back = NULL;
		CHECK_INT(rg_model_wire_read(a.ptr, cut, &back), RG_EFORMAT);
		CHECK(back == NULL);
	}
	rg_buf_putc(&a, 0);
	back = NULL;
	CHECK_INT(rg_model_wire_read(a.ptr, a.len, &back), RG_EFORMAT);
	CHECK(back == NULL);
	rg_buf_free(&a);
	rg_buf_free(&b);
	rg_buf_free(&ja);
	rg_buf_free(&jb);
}

static void corpus(const rg_parser *p, const char *sub)
{
	char dir[1024], path[2048];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/corpus/%s", RG_FIXTURES, sub);
	if (!(d = opendir(dir))) {
		CHECK(0);
		return;
	}
	while ((e = readdir(d))) {
		rg_model *m = NULL;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (rg_parse_file(p, path, &m)) {
			fprintf(stderr, "%s: %s\n", path, rg_error_message());
			CHECK(0);
			continue;
		}
		round_trip(m, path);
		rg_model_free(m);
		n++;
	}
	closedir(d);
	CHECK(n >= 5);
}

/* What a parse seldom makes: null and empty apart, strings with NUL-free odd bytes. */
static void edges(void)
{
	rg_model *m = rg_model_new();
	rg_project *p;

	CHECK(m != NULL);
	rg_model_set_str(&m->file, "");
	p = rg_model_add_project(m);
	rg_model_set_str(&p->name, "โครงการ\t\"ทดสอบ\"");
	p->budget.set = 1;
	p->budget.value = 0.1 + 0.2;   /* kept bit for bit: not rounded to two decimals */
	p->budget_by_year = calloc(1, sizeof(*p->budget_by_year));   /* {} is not null */
	p = rg_model_add_project(m);
	p->disbursed.set = 1;
	rg_model_set_stated(m, "projects_total", 1e300);
	rg_model_add_finding(m, RG_SEV_ERROR, "x", "%s", "");
	rg_model_finding_arg(m, "rows", "3");
	round_trip(m, "edges");
	{
		rg_buf b = RG_BUF_INIT;
		rg_model *back = NULL;
		rg_model_wire_write(&b, m);
		CHECK_INT(rg_model_wire_read(b.ptr, b.len, &back), 0);
		if (back) {
			CHECK(back->file && !back->file[0] && !back->format);
			CHECK(back->projects[0].budget_by_year != NULL && back->projects[0].n_budget_by_year == 0);
			CHECK(back->projects[1].budget_by_year == NULL);
			CHECK(back->projects[0].budget.value == 0.1 + 0.2);
			CHECK_INT(back->findings[0].n_args, 1);
		}
		rg_model_free(back);
		rg_buf_free(&b);
	}
	rg_model_free(m);
}

int main(void)
{
	rg_parser *p = NULL;

	CHECK_INT(rg_parser_new(&p, RG_SOURCE_RULES_DIR, NULL), 0);
	if (p) {
		corpus(p, "docx");
		corpus(p, "odt");
	}
	rg_parser_free(p);
	edges();
	return check_summary("test_wire");
}
