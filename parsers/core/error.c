/*
** error.c - per-thread last error message (see error.h).
*/
#include "error.h"

#include <stdio.h>
#include <string.h>

#define RG_ERROR_MAX 512

static _Thread_local char last_message[RG_ERROR_MAX];
static _Thread_local int last_code;

int rg_error_vset(int code, const char *fmt, va_list ap)
{
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	last_code = code;
	return code;
}

int rg_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_error_vset(code, fmt, ap);
	va_end(ap);
	return code;
}

void rg_error_prefix(const char *fmt, ...)
{
	char old[RG_ERROR_MAX];
	size_t n;
	va_list ap;

	memcpy(old, last_message, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	n = strlen(last_message);
	if (n + 2 < sizeof(last_message)) {
		memcpy(last_message + n, ": ", 3);
		n += 2;
		strncat(last_message, old, sizeof(last_message) - n - 1);
	}
}

const char *rg_error_message(void)
{
	return last_message;
}

int rg_error_code(void)
{
	return last_code;
}

void rg_error_clear(void)
{
	last_message[0] = '\0';
	last_code = RG_OK;
}

const char *rg_error_name(int code)
{
	switch (code) {
	case RG_OK: return "ok";
	case RG_ENOMEM: return "out_of_memory";
	case RG_EIO: return "io";
	case RG_EFORMAT: return "format";
	case RG_EENCRYPTED: return "encrypted";
	case RG_ELIMIT: return "limit";
	case RG_EUSAGE: return "usage";
	case RG_ENOTFOUND: return "not_found";
	case RG_ECRASH: return "crash";
	default: return "error";
	}
}
