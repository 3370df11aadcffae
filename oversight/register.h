/*
** register.h - the official list of organizations (the register, issue 11)
** as a CSV file: reading it, checking each row, and the organization key of
** each good row (parsers/model/org.h), for `raingan orgs import`.
**
** The file: UTF-8 with or without a byte-order mark, RFC 4180 (commas,
** "quoted" fields with "" inside, CRLF or LF), a header row naming the
** columns code, name, type, district, province in any order (any case;
** type may be absent; other columns are ignored).  Rows are numbered as a
** spreadsheet shows them: the header is row 1.  Per row:
**   code      required; Thai digits read as Arabic; unique in the file
**   name      required; the full name (องค์การบริหารส่วนตำบลบ้านใหม่) or the
**             abbreviated one (อบต.บ้านใหม่), or the place alone with a type
**   type      pao, sao, city_municipality, town_municipality,
**             subdistrict_municipality, other (docs/MODEL.md); blank: from
**             the name's type word; given, it must agree with that word
**   district  required but for an อบจ. (pao); with or without อำเภอ
**   province  required; with or without จังหวัด
** Two rows of one organization (the same key) are refused after the first.
** A bad row is refused with its row and column and the rest is read.
*/
#ifndef RG_REGISTER_H
#define RG_REGISTER_H

#include <stddef.h>
#include <stdio.h>

#include "model/org.h"

#define RG_REGISTER_CODE 64      /* bytes of a code, with its NUL */

/* One organization of the register: its code and full name, and its key (org.h, normalized). */
typedef struct {
	const char *code;
	const char *name;
	rg_org_key key;
} rg_register_entry;

typedef struct {
	/* a good row: 0 to go on, non-zero to stop (returned) */
	int (*good)(void *ctx, size_t row, const rg_register_entry *e);
	/* a refused row: column is the header name ("code" ...), or NULL for the row as a whole */
	void (*bad)(void *ctx, size_t row, const char *column, const char *message);
	void *ctx;
} rg_register_sink;

/* Read the register CSV of f (path names it in messages) and hand each row
** to the sink.  Returns 0 once the file was read (bad rows included),
** RG_EFORMAT when the file is no register (no header, a required column
** missing, UTF-16), RG_EIO on a read error, RG_ENOMEM, or what good returned. */
int rg_register_read_csv(FILE *f, const char *path, const rg_register_sink *sink);

#endif
