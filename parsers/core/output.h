/*
** output.h - writing an output file safely: every file raingan writes (the
** PDF report, an export, anything -o names) goes into a temporary file
** beside its target and is renamed over it only when complete.
**
** So a failed write (a full disk, an error, Ctrl-C) never leaves a
** truncated file under the target's name: the previous file stays as it
** was, byte for byte, and the temporary file is removed.  "-" is standard
** output.  The order a command follows:
**
**   rg_output_check(target)          before any work: the folder exists and can be written
**   rg_output_begin(&o, target)      when the writing starts
**   write to rg_output_stream(o), or let a writer that opens files by name
**   write rg_output_path(o) (the PDF renderer)
**   rg_output_commit(o)              flush, fsync, rename (or copy to standard output)
**   or rg_output_abort(o)            remove the temporary file
**
** Messages use the system's words ("No space left on device") and name the
** target, never the temporary file.
*/
#ifndef RG_OUTPUT_H
#define RG_OUTPUT_H

#include <stdio.h>

typedef struct rg_output rg_output;

/* Whether target can be written, without writing it: "-" always; else its
** folder must exist and be writable and target must not be a folder.
** 0, or RG_EIO (RG_EUSAGE for a folder) with "TARGET: why" set. */
int rg_output_check(const char *target);

/* Start writing target: a temporary file ".NAME.XXXXXX" is made in target's
** folder (for "-": standard output, and a temporary file in $TMPDIR only
** when a path is asked for).  0, or RG_EIO with "TARGET: why". */
int rg_output_begin(rg_output **out, const char *target);

/* The stream to write (standard output for "-"). */
FILE *rg_output_stream(rg_output *o);

/* The temporary file's path, for a writer that opens files by name (it may
** truncate and rewrite it); NULL with the error set when none can be made. */
const char *rg_output_path(rg_output *o);

/* The target as given. */
const char *rg_output_target(const rg_output *o);

/* Finish: flush and fsync the temporary file and rename it over the target
** (keeping the target's permissions when it exists), or copy it to
** standard output for "-".  Frees o.  0, or RG_EIO with "TARGET: cannot
** write: <the system's words>"; then the temporary file is removed and the
** target is untouched. */
int rg_output_commit(rg_output *o);

/* Give up: remove the temporary file, leave the target as it was.  Frees o (NULL: nothing). */
void rg_output_abort(rg_output *o);

/* Remove every temporary file still open: only async-signal-safe calls, for a
** signal handler that is about to end the process. */
void rg_output_remove_temps(void);

#endif
