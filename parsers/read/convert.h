/*
** convert.h - formats people still send (Word 97-2003 .doc, RTF), read
** through LibreOffice: converted to DOCX, then read as DOCX; the document
** model says what the file was (RG_FORMAT_DOC, RG_FORMAT_RTF).
**
** LibreOffice runs headless with a private profile directory per run (so
** parallel runs never share one), on many files per start (a start costs
** seconds, a file a fraction of one), with a time limit per file: a file
** that hangs LibreOffice is given up, LibreOffice is started again on the
** files after it, and the batch goes on.
**
** Configuration (each option, else the environment, else the default):
**   soffice   RAINGAN_SOFFICE          the program ("none": never convert);
**                                      default soffice, then libreoffice, on PATH
**   timeout   RAINGAN_CONVERT_TIMEOUT  seconds per file (default 120; the first
**                                      file of a start also pays for the start)
** Without LibreOffice a legacy file fails with one line saying how to get
** it (the Debian package libreoffice-writer-nogui); other files go on.
**
** Two ways in: rg_read_file()/rg_read_memory() convert a legacy file on
** their own (one LibreOffice start per file); a batch job converts all its
** legacy files first with rg_convert_batch() (one start per batch_size
** files) and hands the result to the reader in rg_limits.converted, where
** each file is found by the SHA-256 of its bytes.
*/
#ifndef RG_CONVERT_H
#define RG_CONVERT_H

#include <stddef.h>

#include "../core/buf.h"
#include "doc.h"
#include "reader.h"

#define RG_DEFAULT_CONVERT_TIMEOUT 120u
#define RG_DEFAULT_CONVERT_BATCH 200u

typedef struct {
	const char *soffice;      /* the LibreOffice program (path or name on PATH); NULL: see above */
	unsigned timeout;         /* seconds per file; 0: see above */
	unsigned batch_size;      /* files per LibreOffice start; 0: RG_DEFAULT_CONVERT_BATCH */
	size_t max_size;          /* largest legacy file converted, bytes; 0: RG_DEFAULT_MAX_PART_SIZE */
	const char *tmpdir;       /* where the work directory goes; NULL: $TMPDIR, else /tmp */
	/* called after each file is settled (converted or failed), on the calling thread */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
} rg_convert_options;

/* Conversions done ahead, owned by the batch job (read-only, thread-safe to look up). */
typedef struct rg_converted rg_converted;

/*
** What the bytes of a file that is not a zip are: *out RG_FORMAT_DOC (an
** OLE2 compound file with a Word 97-2003 WordDocument stream),
** RG_FORMAT_RTF, or RG_FORMAT_UNKNOWN (something else: not refused here).
** An OLE2 file that cannot be converted is refused: RG_EENCRYPTED (an
** encrypted OOXML package, an encrypted .doc) or RG_EFORMAT (an Excel or
** PowerPoint file, a damaged compound file), with a message.
*/
int rg_legacy_detect(const void *data, size_t len, rg_format *out);

/*
** Convert the legacy files among paths (the others are recognized by their
** first bytes and left alone) in one LibreOffice start per batch_size
** files.  A file that cannot be converted keeps its error, given again when
** it is read.  Returns 0 (*out set, even when files failed) or an error of
** the job itself (no work directory).  opt may be NULL.
*/
int rg_convert_batch(const char *const *paths, size_t n, const rg_convert_options *opt, rg_converted **out);

/* Files converted and files that failed. */
void rg_converted_counts(const rg_converted *c, size_t *ok, size_t *failed);

/* How many times LibreOffice was started (to check batching). */
unsigned rg_converted_starts(const rg_converted *c);

/* Remove the converted files and free. */
void rg_converted_free(rg_converted *c);

/*
** The DOCX of legacy bytes (format from rg_legacy_detect): found in
** lim->converted by its SHA-256, else converted now (unless lim->no_convert).
** docx gets the DOCX bytes.  0 or an RG_E* code with a message.
*/
int rg_convert_bytes(const void *data, size_t len, rg_format format, const rg_limits *lim, rg_buf *docx);

#endif
