/*
** progress.c - the progress line (see progress.h).
*/
#include "progress.h"

#include <stdarg.h>
#include <time.h>

double rg_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void rg_progress_start(rg_progress *p, FILE *tty, size_t total)
{
	p->tty = tty;
	p->total = total;
	p->done = 0;
	p->start = rg_now();
	p->last_draw = 0;
}

static void format_eta(char *out, size_t size, double seconds)
{
	long s = (long)(seconds + 0.5);

	if (s >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

static void draw(rg_progress *p, int force)
{
	double t = rg_now(), elapsed = t - p->start, rate;
	char bar[31], eta[32];
	size_t fill, k;

	if (!p->tty || (!force && t - p->last_draw < 0.1))
		return;
	p->last_draw = t;
	rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	fill = p->total ? p->done * 30 / p->total : 30;
	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[30] = '\0';
	format_eta(eta, sizeof(eta), rate > 0 ? (double)(p->total - p->done) / rate : 0);
	fprintf(p->tty, "\r\033[K%zu/%zu [%s] %.0f files/s ETA %s", p->done, p->total, bar, rate, eta);
	fflush(p->tty);
}

void rg_progress_step(rg_progress *p)
{
	p->done++;
	draw(p, 0);
}

void rg_progress_print(rg_progress *p, FILE *out, const char *fmt, ...)
{
	va_list ap;

	if (p->tty)
		fputs("\r\033[K", p->tty);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	draw(p, 1);
}

void rg_progress_end(rg_progress *p)
{
	if (p->tty)
		fputs("\r\033[K", p->tty);
}
