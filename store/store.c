/*
** store.c - opening a store: the one place that picks the backend from
** what --db says, the name messages use (never a password), closing; and
** the helpers every common file uses over the backend: SQL with the
** dialect put in, cached statements, binds, steps, errors.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "store_int.h"

/* Every backend this raingan has.  A new backend is one file and one line here. */
static const rg_store_backend *const backends[] = { &rg_store_sqlite, &rg_store_pg };

/* libpq's "keyword = value ..." form: it starts with a keyword (letters and _) and '='. */
static int is_conninfo(const char *s)
{
	const char *p;

	while (isspace((unsigned char)*s))
		s++;
	for (p = s; (*p >= 'a' && *p <= 'z') || *p == '_'; p++)
		;
	if (p == s)
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

const char *rg_store_backend_of(const char *target)
{
	const char *t = target;

	while (isspace((unsigned char)*t))
		t++;
	/* any case and leading spaces: libpq refuses what it does not take, and the
	** message shows it without its password, never as a file name */
	if (!strncasecmp(t, "postgresql://", 13) || !strncasecmp(t, "postgres://", 11) || is_conninfo(target))
		return "postgresql";
	return "sqlite";
}

/* Whether the value of a connection keyword may be shown: libpq's keywords that
** hold no secret.  Any other key -- password, sslpassword, and every misspelling
** (PASSWORD=, pass=, pwd=) -- may hold one, and is never shown. */
static int public_key(const char *key, size_t len)
{
	static const char *const keys[] = {
		"host", "hostaddr", "port", "dbname", "user", "passfile", "channel_binding", "connect_timeout",
		"client_encoding", "options", "application_name", "fallback_application_name", "keepalives",
		"keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication",
		"gssencmode", "sslmode", "sslcompression", "sslcert", "sslkey", "sslrootcert", "sslcrl",
		"sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version", "ssl_max_protocol_version",
		"krbsrvname", "gsslib", "gssdelegation", "service", "target_session_attrs", "load_balance_hosts",
		"require_auth", "sslcertmode", NULL
	};
	size_t i;

	for (i = 0; keys[i]; i++)
		if (strlen(keys[i]) == len && !memcmp(keys[i], key, len))
			return 1;
	return 0;
}

/* A URI without the password of its user part; a parameter that is not a
** public keyword shows as key=*** (password= is left out). */
static void redact_uri(const char *t, rg_buf *out)
{
	const char *auth = strstr(t, "://") + 3, *limit = auth + strcspn(auth, "?#"), *end, *at = NULL, *colon, *q, *p;
	int kept = 0;

	/* the user part ends at the last '@' (a password may hold '@' or '/' unencoded) */
	for (p = auth; p < limit; p++)
		if (*p == '@')
			at = p;
	colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (colon) {
		rg_buf_put(out, t, (size_t)(colon - t));
		t = at;
	} else if (!at) {
		/* no user part: "user:secret" would read as host:port; a port that is no number is hidden */
		int ports_ok = 1;
		end = auth + strcspn(auth, "/?#");
		for (p = auth; p < end; p++)
			if (*p == ':')
				for (p++; p < end && *p != ','; p++)
					if (*p < '0' || *p > '9')
						ports_ok = 0;
		if (!ports_ok) {
			rg_buf_put(out, t, (size_t)(auth - t));
			rg_buf_puts(out, "***");
			t = end;
		}
	}
	q = strchr(t, '?');
	if (!q) {
		rg_buf_puts(out, t);
		return;
	}
	rg_buf_put(out, t, (size_t)(q - t));
	for (t = q; *t; ) {
		size_t n = strcspn(t + 1, "&") + 1;   /* one "?k=v" or "&k=v" */
		size_t klen = strcspn(t + 1, "=&");
		if (strncmp(t + 1, "password=", 9)) {
			rg_buf_putc(out, kept++ ? '&' : '?');
			if (public_key(t + 1, klen) || klen + 1 >= n)
				rg_buf_put(out, t + 1, n - 1);
			else
				rg_buf_printf(out, "%.*s=***", (int)klen, t + 1);
		}
		t += n;
	}
}

/* A conninfo string without its password = value pair (the value may be quoted);
** a key that is not a public keyword shows as key=***. */
static void redact_conninfo(const char *t, rg_buf *out)
{
	while (*t) {
		const char *start = t, *key, *value;
		size_t klen;
		int nested;

		while (isspace((unsigned char)*t))
			t++;
		key = t;
		while (*t && *t != '=' && !isspace((unsigned char)*t))
			t++;
		klen = (size_t)(t - key);
		while (isspace((unsigned char)*t))
			t++;
		if (*t == '=')
			t++;
		while (isspace((unsigned char)*t))
			t++;
		value = t;
		if (*t == '\'') {
			for (t++; *t && *t != '\''; t++)
				if (*t == '\\' && t[1])
					t++;
			if (*t)
				t++;
		} else {
			while (*t && !isspace((unsigned char)*t))
				t++;
		}
		/* a dbname holding a connection string or a URI is one (libpq expands it): hidden */
		nested = klen == 6 && !strncmp(key, "dbname", 6) &&
			(memchr(value, '=', (size_t)(t - value)) || memchr(value, '@', (size_t)(t - value)));
		if (public_key(key, klen) && !nested) {
			rg_buf_put(out, start, (size_t)(t - start));
			continue;
		}
		if (!(klen == 8 && !strncmp(key, "password", 8)))   /* another key: named, its value hidden */
			rg_buf_printf(out, "%s%.*s=***", out->len ? " " : "", (int)klen, key);
		/* words without "=" after an unquoted password may be more of it (a malformed string) */
		for (;;) {
			const char *w = t;
			while (isspace((unsigned char)*w))
				w++;
			if (!*w || memchr(w, '=', strcspn(w, " \t\r\n")))
				break;
			t = w + strcspn(w, " \t\r\n");
		}
	}
}

/* The store as messages name it. */
static char *display_name(const char *target)
{
	rg_buf b = RG_BUF_INIT;

	if (strcmp(rg_store_backend_of(target), "postgresql"))
		rg_buf_puts(&b, target);
	else if (strstr(target, "://"))
		redact_uri(target, &b);
	else
		redact_conninfo(target, &b);
	if (rg_buf_oom(&b)) {
		rg_buf_free(&b);
		return NULL;
	}
	return rg_buf_detach(&b);
}

const char *rg_store_name(const rg_store *s)
{
	return s->name;
}

int rg_store_created(const rg_store *s)
{
	return s->created;
}

int rg_store_fail(rg_store *s, const char *what)
{
	if (*what)
		rg_error_prefix("%s: %s", s->name, what);
	else
		rg_error_prefix("%s", s->name);
	return rg_error_code() ? rg_error_code() : RG_ERROR;
}

int rg_store_open(rg_store **out, const char *target, int flags)
{
	const char *kind = rg_store_backend_of(target);
	rg_store *s;
	size_t k;
	int rc;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))) || !(s->name = display_name(target))) {
		free(s);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	s->readonly = (flags & RG_STORE_READONLY) != 0;
	for (k = 0; k < sizeof(backends) / sizeof(backends[0]); k++)
		if (!strcmp(backends[k]->name, kind))
			s->be = backends[k];
	if (!s->be) {
		rc = rg_error_set(RG_EUSAGE, "%s: a %s store, and this raingan has no %s backend", s->name, kind, kind);
		rg_store_close(s);
		return rc;
	}
	if ((rc = s->be->open(&s->db, target, s->readonly))) {
		rg_store_fail(s, "");
		rg_store_close(s);
		return rc;
	}
	rc = s->readonly ? rg_store_check_version(s) : rg_store_migrate(s);
	if (rc) {
		rg_store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void rg_store_close(rg_store *s)
{
	int i;

	if (!s)
		return;
	if (s->db) {
		for (i = 0; i < ST_COUNT; i++)
			s->be->finalize(s->st[i]);
		s->be->close(s->db);
	}
	rg_store_free_rules(s);
	free(s->name);
	free(s);
}

int rg_store_last_error_transient(const rg_store *s)
{
	return s->transient;
}

/* ---- SQL helpers -------------------------------------------------------- */

int rg_sql_expand(const rg_store *s, const char *sql, rg_buf *out)
{
	static const char *const tokens[] = { "{ID}", "{C}", "{STRPOS}", "{NOW}", "{SKIP_LOCKED}" };
	enum { N_TOKENS = sizeof(tokens) / sizeof(tokens[0]) };
	const char *words[N_TOKENS];
	const char *p;
	size_t k;

	words[0] = s->be->id_type;
	words[1] = s->be->byte_order;
	words[2] = s->be->strpos;
	words[3] = s->be->now;
	words[4] = s->be->skip_locked;
	for (p = sql; *p; ) {
		if (*p == '{') {
			for (k = 0; k < N_TOKENS; k++)
				if (!strncmp(p, tokens[k], strlen(tokens[k])))
					break;
			if (k < N_TOKENS) {
				rg_buf_puts(out, words[k]);
				p += strlen(tokens[k]);
				continue;
			}
		}
		rg_buf_putc(out, *p++);
	}
	return rg_buf_oom(out) ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
}

int rg_sql_prepare(rg_store *s, const char *sql, rg_db_stmt **out)
{
	rg_buf text = RG_BUF_INIT;
	int rc;

	*out = NULL;
	rc = rg_sql_expand(s, sql, &text);
	if (!rc && (rc = s->be->prepare(s->db, rg_buf_cstr(&text), out)))
		rg_store_fail(s, "cannot prepare a query");
	rg_buf_free(&text);
	return rc;
}

void rg_sql_finalize(rg_store *s, rg_db_stmt *st)
{
	s->be->finalize(st);
}

int rg_sql_exec(rg_store *s, const char *sql)
{
	rg_buf text = RG_BUF_INIT;
	int rc = rg_sql_expand(s, sql, &text);

	if (!rc && (rc = s->be->exec(s->db, rg_buf_cstr(&text))))
		rg_store_fail(s, "database error");
	rg_buf_free(&text);
	return rc;
}

int rg_sql_cached(rg_store *s, int which, const char *sql, rg_db_stmt **out)
{
	int rc;

	*out = NULL;
	if (!s->st[which]) {
		if ((rc = rg_sql_prepare(s, sql, &s->st[which])))
			return rc;
	} else {
		s->be->reset(s->st[which]);
	}
	*out = s->st[which];
	return 0;
}

int rg_bind_text(rg_store *s, rg_db_stmt *st, int i, const char *v)
{
	return v ? s->be->bind_text(st, i, v) : s->be->bind_null(st, i);
}

int rg_bind_int(rg_store *s, rg_db_stmt *st, int i, long long v)
{
	return s->be->bind_int(st, i, v);
}

int rg_bind_int_or_null(rg_store *s, rg_db_stmt *st, int i, long long v)
{
	return v ? s->be->bind_int(st, i, v) : s->be->bind_null(st, i);
}

int rg_bind_amount(rg_store *s, rg_db_stmt *st, int i, int set, double v)
{
	return set ? s->be->bind_double(st, i, v) : s->be->bind_null(st, i);
}

int rg_sql_done(rg_store *s, rg_db_stmt *st)
{
	int rc = s->be->step(st);

	return rc < 0 ? rc : 0;
}

int rg_sql_row(rg_store *s, rg_db_stmt *st, int *found)
{
	int rc = s->be->step(st);

	*found = rc == RG_DB_ROW;
	return rc < 0 ? rc : 0;
}
