/*
** list.c - the lists of issue 11's commands (missing, orgs unmatched) as
** text, CSV (RFC 4180, CRLF, a header row, optional UTF-8 byte-order mark)
** or JSON (one array of objects), written whole or not at all (core/output.h).
*/
#include "cli.h"
#include "core/output.h"

#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "core/json.h"

void cli_list_begin(cli_list *l, int format, int bom, const char *const *cols, unsigned numeric)
{
	memset(l, 0, sizeof(*l));
	l->format = format;
	l->cols = cols;
	l->numeric = numeric;
	if (format == CLI_LIST_CSV && bom)
		rg_buf_puts(&l->b, "\xEF\xBB\xBF");
	if (format == CLI_LIST_JSON)
		rg_buf_putc(&l->b, '[');
}

/* RFC 4180: quoted when it holds a separator, a quote, a line break or edge spaces. */
static void csv_cell(rg_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (!(n && (s[0] == ' ' || s[n - 1] == ' ')) && !strpbrk(s, ",\"\r\n")) {
		rg_buf_put(b, s, n);
		return;
	}
	rg_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			rg_buf_putc(b, '"');
		rg_buf_putc(b, *s);
	}
	rg_buf_putc(b, '"');
}

static void csv_header(cli_list *l)
{
	size_t i;

	for (i = 0; l->cols[i]; i++) {
		if (i)
			rg_buf_putc(&l->b, ',');
		csv_cell(&l->b, l->cols[i]);
	}
	rg_buf_puts(&l->b, "\r\n");
}

void cli_list_row(cli_list *l, const char *const *values)
{
	size_t i;

	if (l->format == CLI_LIST_CSV) {
		if (!l->n)
			csv_header(l);
		for (i = 0; l->cols[i]; i++) {
			if (i)
				rg_buf_putc(&l->b, ',');
			csv_cell(&l->b, values[i] ? values[i] : "");
		}
		rg_buf_puts(&l->b, "\r\n");
	} else if (l->format == CLI_LIST_JSON) {
		rg_buf_puts(&l->b, l->n ? ",\n {" : "\n {");
		for (i = 0; l->cols[i]; i++) {
			if (i)
				rg_buf_puts(&l->b, ", ");
			rg_json_quote(&l->b, l->cols[i], strlen(l->cols[i]));
			rg_buf_puts(&l->b, ": ");
			if (!values[i])
				rg_buf_puts(&l->b, "null");
			else if (l->numeric & (1u << i))
				rg_buf_puts(&l->b, values[i]);
			else
				rg_json_quote(&l->b, values[i], strlen(values[i]));
		}
		rg_buf_putc(&l->b, '}');
	}
	l->n++;
}

int cli_list_write(cli_list *l, const char *target)
{
	rg_output *out = NULL;
	int rc = 0;

	if (l->format == CLI_LIST_CSV && !l->n)
		csv_header(l);
	if (l->format == CLI_LIST_JSON)
		rg_buf_puts(&l->b, l->n ? "\n]\n" : "]\n");
	if (rg_buf_oom(&l->b)) {
		cli_say("out of memory");
		rc = -1;
	} else if (rg_output_begin(&out, target ? target : "-")) {
		cli_error();
		rc = -1;
	} else {
		int short_write = l->b.len && fwrite(l->b.ptr, 1, l->b.len, rg_output_stream(out)) != l->b.len, err = errno;
		/* commit frees out and says why it failed; a short write it may not see is said here */
		if (rg_output_commit(out)) {
			cli_error();
			rc = -1;
		} else if (short_write) {
			if (!target || !strcmp(target, "-"))
				cli_say("cannot write to standard output: %s", strerror(err));
			else
				cli_say("%s: cannot write: %s", target, strerror(err));
			rc = -1;
		}
	}
	rg_buf_free(&l->b);
	return rc;
}
