/*
** model_load.c - model JSON to rg_model with jansson (see model_load.h).
**
** Values are read leniently where MODEL.md allows null; a value of the
** wrong type (a string where a number belongs, projects not an array) is
** an RG_EFORMAT error naming the field, so bad input is never half-read.
*/
#include "model_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/buf.h"
#include "../core/error.h"

int rg_model_list_push(rg_model_list *list, rg_model *m)
{
	if (list->n == list->cap) {
		size_t ncap = list->cap ? list->cap * 2 : 16;
		rg_model **p = realloc(list->items, ncap * sizeof(*p));
		if (!p) {
			rg_model_free(m);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		list->items = p;
		list->cap = ncap;
	}
	list->items[list->n++] = m;
	return 0;
}

void rg_model_list_free(rg_model_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		rg_model_free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}

/* A string field: absent or null -> NULL. */
static int get_str(json_t *obj, const char *key, char **dst)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return rg_error_set(RG_EFORMAT, "'%s' is not a string", key);
	return rg_model_set_str(dst, json_string_value(v));
}

/* An integer field: absent or null -> 0. */
static int get_int(json_t *obj, const char *key, int *dst)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return rg_error_set(RG_EFORMAT, "'%s' is not a number", key);
	*dst = (int)json_number_value(v);
	return 0;
}

static int amount_of(json_t *v, const char *key, rg_amount *dst)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return rg_error_set(RG_EFORMAT, "'%s' is not a number", key);
	dst->set = 1;
	dst->value = json_number_value(v);
	return 0;
}

static int get_bool(json_t *obj, const char *key, int *dst)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return rg_error_set(RG_EFORMAT, "'%s' is not true/false", key);
	*dst = json_is_true(v);
	return 0;
}

static int load_project(json_t *o, rg_project *p)
{
	json_t *by;
	char *kind = NULL, *status = NULL;
	int rc;

	if (!json_is_object(o))
		return rg_error_set(RG_EFORMAT, "a project is not an object");
	if ((rc = get_str(o, "seq", &p->seq)) || (rc = get_str(o, "name", &p->name)) ||
	    (rc = get_str(o, "kind", &kind)) || (rc = get_int(o, "dimension", &p->dimension)) ||
	    (rc = get_str(o, "mission", &p->mission)) ||
	    (rc = amount_of(json_object_get(o, "budget"), "budget", &p->budget)) ||
	    (rc = get_bool(o, "no_budget", &p->no_budget)) ||
	    (rc = amount_of(json_object_get(o, "disbursed"), "disbursed", &p->disbursed)) ||
	    (rc = get_str(o, "status", &status)) || (rc = get_str(o, "responsible", &p->responsible)))
		goto out;
	p->kind = rg_item_kind_from_name(kind ? kind : "");
	p->status = rg_status_from_name(status ? status : "");
	by = json_object_get(o, "budget_by_year");
	if (by && !json_is_null(by)) {
		const char *year;
		json_t *v;
		size_t i = 0;
		if (!json_is_object(by)) {
			rc = rg_error_set(RG_EFORMAT, "'budget_by_year' is not an object");
			goto out;
		}
		/* calloc(1) for an empty object so that it stays "not null" */
		p->budget_by_year = calloc(json_object_size(by) ? json_object_size(by) : 1, sizeof(rg_year_amount));
		if (!p->budget_by_year) {
			rc = rg_error_set(RG_ENOMEM, "out of memory");
			goto out;
		}
		json_object_foreach(by, year, v) {
			p->budget_by_year[i].year = atoi(year);
			if ((rc = amount_of(v, "budget_by_year", &p->budget_by_year[i].amount)))
				goto out;
			i++;
		}
		p->n_budget_by_year = i;
	}
out:
	free(kind);
	free(status);
	return rc;
}

/* A finding's figures: {"name": number or string, ...}; anything else is refused. */
static int load_finding_args(rg_model *m, json_t *args, size_t i)
{
	const char *key;
	json_t *v;
	int rc;

	if (!args || json_is_null(args))
		return 0;
	if (!json_is_object(args))
		return rg_error_set(RG_EFORMAT, "finding %zu: 'args' is not an object", i + 1);
	json_object_foreach(args, key, v) {
		char num[64];
		const char *text = num;
		if (json_is_string(v))
			text = json_string_value(v);
		else if (json_is_integer(v))
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		else if (json_is_real(v))
			snprintf(num, sizeof(num), "%.15g", json_real_value(v));
		else
			return rg_error_set(RG_EFORMAT, "finding %zu: figure '%s' is not a number or a string", i + 1, key);
		if ((rc = rg_model_finding_arg(m, key, text)))
			return rc;
	}
	return 0;
}

int rg_model_finding_args_load(rg_model *m, const char *json)
{
	json_error_t e;
	json_t *o;
	int rc;

	if (!json || !*json)
		return 0;
	if (!m->n_findings)
		return rg_error_set(RG_EUSAGE, "finding figures without a finding");
	if (!(o = json_loads(json, JSON_REJECT_DUPLICATES, &e)))
		return rg_error_set(RG_EFORMAT, "a finding's figures are not JSON: %s", e.text);
	rc = load_finding_args(m, o, m->n_findings - 1);
	json_decref(o);
	return rc;
}

static int load_model(json_t *o, rg_model *m)
{
	json_t *src, *org, *period, *arr, *v;
	char *s = NULL;
	size_t i;
	int rc;

	if (!json_is_object(o))
		return rg_error_set(RG_EFORMAT, "not a JSON object");
	src = json_object_get(o, "source");
	if (src && json_is_object(src) &&
	    ((rc = get_str(src, "file", &m->file)) || (rc = get_str(src, "format", &m->format)) ||
	     (rc = get_str(src, "sha256", &m->sha256))))
		return rc;
	if ((rc = get_str(o, "kind", &s)))
		return rc;
	m->kind = rg_doc_kind_from_name(s ? s : "");
	free(s);
	s = NULL;
	org = json_object_get(o, "organization");
	if (org && !json_is_null(org)) {
		if (!json_is_object(org))
			return rg_error_set(RG_EFORMAT, "'organization' is not an object");
		if ((rc = get_str(org, "name", &m->org_name)) || (rc = get_str(org, "district", &m->district)) ||
		    (rc = get_str(org, "province", &m->province)) || (rc = get_str(org, "type", &s)))
			return rc;
		m->org_type = rg_org_type_from_name(s ? s : "");
		free(s);
		s = NULL;
	}
	if ((rc = get_int(o, "fiscal_year", &m->fiscal_year)) || (rc = get_int(o, "round_months", &m->round_months)))
		return rc;
	period = json_object_get(o, "plan_period");
	if (period && !json_is_null(period)) {
		if (!json_is_object(period))
			return rg_error_set(RG_EFORMAT, "'plan_period' is not an object");
		if ((rc = get_int(period, "from", &m->plan_from)) || (rc = get_int(period, "to", &m->plan_to)))
			return rc;
	}
	if ((rc = get_str(o, "as_of", &s)))
		return rc;
	if (s) {
		snprintf(m->as_of, sizeof(m->as_of), "%s", s);
		free(s);
	}

	arr = json_object_get(o, "projects");
	if (arr && !json_is_null(arr)) {
		if (!json_is_array(arr))
			return rg_error_set(RG_EFORMAT, "'projects' is not an array");
		json_array_foreach(arr, i, v) {
			rg_project *p = rg_model_add_project(m);
			if (!p)
				return RG_ENOMEM;
			if ((rc = load_project(v, p))) {
				rg_error_prefix("project %zu", i + 1);
				return rc;
			}
		}
	}
	arr = json_object_get(o, "stated");
	if (arr && !json_is_null(arr)) {
		const char *key;
		if (!json_is_object(arr))
			return rg_error_set(RG_EFORMAT, "'stated' is not an object");
		json_object_foreach(arr, key, v) {
			if (json_is_number(v) && (rc = rg_model_set_stated(m, key, json_number_value(v))))
				return rc;
		}
	}
	arr = json_object_get(o, "findings");
	if (arr && !json_is_null(arr)) {
		if (!json_is_array(arr))
			return rg_error_set(RG_EFORMAT, "'findings' is not an array");
		json_array_foreach(arr, i, v) {
			char *sev = NULL, *code = NULL, *msg = NULL;
			if (!json_is_object(v))
				return rg_error_set(RG_EFORMAT, "finding %zu is not an object", i + 1);
			if (!(rc = get_str(v, "severity", &sev)) && !(rc = get_str(v, "code", &code)))
				rc = get_str(v, "message", &msg);
			if (!rc)
				rc = rg_model_add_finding(m, rg_severity_from_name(sev ? sev : ""), code ? code : "",
					"%s", msg ? msg : "");
			free(sev);
			free(code);
			free(msg);
			if (!rc)
				rc = load_finding_args(m, json_object_get(v, "args"), i);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static int add_object(rg_model_list *list, json_t *o)
{
	rg_model *m = rg_model_new();
	int rc;

	if (!m)
		return RG_ENOMEM;
	if ((rc = load_model(o, m))) {
		rg_model_free(m);
		return rc;
	}
	return rg_model_list_push(list, m);
}

int rg_model_load_buffer(rg_model_list *list, const char *data, size_t len, const char *name)
{
	size_t off = 0, first = list->n, count = 0;
	int rc = 0;

	while (off < len) {
		json_error_t err;
		json_t *root;

		while (off < len && (data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t'))
			off++;
		if (off >= len)
			break;
		root = json_loadb(data + off, len - off, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &err);
		if (!root) {
			rc = rg_error_set(RG_EFORMAT, "%s: invalid JSON in object %zu: %s (line %d, column %d)",
				name, count + 1, err.text, err.line, err.column);
			break;
		}
		count++;
		if (json_is_array(root)) {
			size_t i;
			json_t *v;
			json_array_foreach(root, i, v) {
				if ((rc = add_object(list, v))) {
					rg_error_prefix("%s: object %zu", name, i + 1);
					break;
				}
			}
		} else if ((rc = add_object(list, root))) {
			rg_error_prefix("%s: object %zu", name, count);
		}
		json_decref(root);
		if (rc)
			break;
		if (err.position <= 0) {
			rc = rg_error_set(RG_EFORMAT, "%s: invalid JSON in object %zu", name, count);
			break;
		}
		off += (size_t)err.position;
	}
	if (!rc && count == 0)
		rc = rg_error_set(RG_EFORMAT, "%s: no JSON object", name);
	if (rc) {
		while (list->n > first)
			rg_model_free(list->items[--list->n]);
	}
	return rc;
}

int rg_model_load_file(rg_model_list *list, const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	rg_buf b = RG_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc;

	if (!fp)
		return rg_error_set(RG_EIO, "%s: cannot open: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		rg_buf_put(&b, chunk, n);
	if (ferror(fp)) {
		int err = errno;
		if (fp != stdin)
			fclose(fp);
		rg_buf_free(&b);
		return rg_error_set(RG_EIO, "%s: cannot read: %s", path, strerror(err));
	}
	if (fp != stdin)
		fclose(fp);
	if (rg_buf_oom(&b)) {
		rg_buf_free(&b);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	rc = rg_model_load_buffer(list, b.ptr ? b.ptr : "", b.len, path);
	rg_buf_free(&b);
	return rc;
}
