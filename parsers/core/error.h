/*
** error.h - the one error convention of raingan (after libgit2).
**
** Every function that can fail returns an int: RG_OK (0) on success or a
** negative RG_E* code on failure, after recording a one-line message with
** rg_error_set().  The message belongs to the calling thread and describes
** its most recent failure, so parallel workers never see each other's errors.
*/
#ifndef RG_ERROR_H
#define RG_ERROR_H

#include <stdarg.h>

enum {
	RG_OK = 0,
	RG_ERROR = -1,      /* anything not covered below */
	RG_ENOMEM = -2,     /* out of memory */
	RG_EIO = -3,        /* a file could not be opened, read or written */
	RG_EFORMAT = -4,    /* not a DOCX/ODT, or a malformed zip or XML part */
	RG_EENCRYPTED = -5, /* a password-protected document */
	RG_ELIMIT = -6,     /* a resource limit was hit; the message names it */
	RG_EUSAGE = -7,     /* bad arguments or options */
	RG_ENOTFOUND = -8,  /* something looked up does not exist */
	RG_ECRASH = -9      /* the worker reading the file crashed (ingest/workers.h): a bug to report */
};

/* Record a message for the current thread; returns code for `return rg_error_set(...)`. */
int rg_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
int rg_error_vset(int code, const char *fmt, va_list ap);

/* Put "prefix: " in front of the current message (to add the part or file name). */
void rg_error_prefix(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* The current thread's last message ("" when none) and code (RG_OK when none). */
const char *rg_error_message(void);
int rg_error_code(void);
void rg_error_clear(void);

/* A short name of an error code, for logs and the store. */
const char *rg_error_name(int code);

#endif
