/*
** progress.h - the progress line of a long job on a terminal: done/total,
** a bar, files/s and the time left, redrawn in place at most ten times a
** second, cleared at the end.  Quiet when there is no terminal.
*/
#ifndef RG_PROGRESS_H
#define RG_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
	FILE *tty;               /* NULL: draw nothing */
	size_t total, done;
	double start, last_draw; /* seconds (monotonic) */
} rg_progress;

/* Start counting; tty is the terminal to draw on, or NULL. */
void rg_progress_start(rg_progress *p, FILE *tty, size_t total);

/* One more done; redraws when a tenth of a second has passed. */
void rg_progress_step(rg_progress *p);

/* Print a line above the progress line (to out, usually the same terminal's
** stream): the line is cleared, the text printed, the line drawn again. */
void rg_progress_print(rg_progress *p, FILE *out, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Clear the line (the job's summary comes next). */
void rg_progress_end(rg_progress *p);

/* Seconds on the monotonic clock. */
double rg_now(void);

#endif
