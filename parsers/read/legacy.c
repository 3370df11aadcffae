/*
** legacy.c - what a file that is not a zip package is: a Word 97-2003
** document (an OLE2 compound file holding a WordDocument stream), RTF,
** or something raingan cannot convert (see convert.h).
**
** An OLE2 compound file (MS-CFB) is a little FAT file system: a 512-byte
** header, sectors chained through a FAT, a directory of 128-byte entries.
** Only what the decision needs is read: the directory, to tell a Word
** document from an encrypted OOXML package (EncryptionInfo +
** EncryptedPackage), an Excel workbook or anything else; and the first bytes
** of the WordDocument stream, whose FIB says whether the document is
** encrypted (fEncrypted, MS-DOC 2.5.2).  Every sector number and chain is
** checked against the file, so a hostile file cannot make the walk read
** outside it or loop.
*/
#include "convert.h"

#include <stdint.h>
#include <string.h>

#include "../core/error.h"

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu
#define HEADER_DIFAT 109

typedef struct {
	const unsigned char *data;
	size_t len;
	unsigned shift;          /* sector size = 1 << shift */
	size_t nsectors;         /* sectors the file holds after the header */
	uint32_t mini_cutoff;
	uint32_t first_minifat, first_difat;
	uint32_t ndifat, nfat;
} cfb;

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static const unsigned char *sector(const cfb *f, uint32_t s)
{
	if (s >= f->nsectors)
		return NULL;
	return f->data + ((size_t)(s + 1) << f->shift);
}

/* The location of the k-th FAT sector (through the header DIFAT, then the DIFAT chain). */
static uint32_t fat_sector(const cfb *f, uint32_t k)
{
	const unsigned char *d;
	uint32_t per = (1u << f->shift) / 4 - 1, s = f->first_difat, hops = 0;

	if (k < HEADER_DIFAT)
		return u32(f->data + 0x4C + 4 * k);
	k -= HEADER_DIFAT;
	while (k >= per) {
		if (!(d = sector(f, s)) || ++hops > f->nsectors)
			return FREESECT;
		s = u32(d + 4 * per);
		k -= per;
	}
	if (!(d = sector(f, s)))
		return FREESECT;
	return u32(d + 4 * k);
}

/* The FAT entry of sector s: the next sector of its chain. */
static uint32_t fat_next(const cfb *f, uint32_t s)
{
	uint32_t per = (1u << f->shift) / 4;
	const unsigned char *d = sector(f, fat_sector(f, s / per));

	return d ? u32(d + 4 * (s % per)) : FREESECT;
}

/* Copy up to want bytes from the start of a chain of regular sectors. */
static size_t read_chain(const cfb *f, uint32_t start, size_t offset, unsigned char *out, size_t want)
{
	size_t ssz = (size_t)1 << f->shift, got = 0, hops = 0;
	uint32_t s = start;

	while (offset >= ssz) {
		s = fat_next(f, s);
		offset -= ssz;
		if (++hops > f->nsectors)
			return 0;
	}
	while (got < want) {
		const unsigned char *d = sector(f, s);
		size_t n;
		if (!d)
			break;
		n = ssz - offset < want - got ? ssz - offset : want - got;
		memcpy(out + got, d + offset, n);
		got += n;
		offset = 0;
		s = fat_next(f, s);
		if (++hops > f->nsectors)
			break;
	}
	return got;
}

/* The first bytes of a stream held in the mini stream (streams under the cutoff). */
static size_t read_mini(const cfb *f, uint32_t root_start, uint32_t start, unsigned char *out, size_t want)
{
	size_t got = 0, hops = 0;
	uint32_t ms = start;

	while (got < want && ms != ENDOFCHAIN && ++hops <= f->nsectors * 64) {
		unsigned char next[4];
		size_t n = want - got < 64 ? want - got : 64;
		if (read_chain(f, root_start, (size_t)ms * 64, out + got, n) != n)
			break;
		got += n;
		/* the mini FAT is a chain of regular sectors of 32-bit entries */
		if (read_chain(f, f->first_minifat, (size_t)ms * 4, next, 4) != 4)
			break;
		ms = u32(next);
	}
	return got;
}

/* Whether a directory entry's name (UTF-16LE) is the ASCII name (compared
** without case, as the compound file format compares names). */
static int name_is(const unsigned char *e, const char *name)
{
	size_t n = strlen(name), k, bytes = u16(e + 0x40);

	if (bytes != 2 * (n + 1))
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char a = e[2 * k], b = (unsigned char)name[k];
		if (e[2 * k + 1] != 0 || (a != b && !(a >= 'A' && a <= 'Z' && a - 'A' + 'a' == b)
					  && !(b >= 'A' && b <= 'Z' && b - 'A' + 'a' == a)))
			return 0;
	}
	return 1;
}

int rg_legacy_detect(const void *bytes, size_t len, rg_format *out)
{
	const unsigned char *p = bytes;
	cfb f;
	uint32_t dir, s, hops = 0, root_start = ENDOFCHAIN, word_start = ENDOFCHAIN;
	uint64_t word_size = 0;
	int has_info = 0, has_package = 0, has_word = 0, has_book = 0, has_ppt = 0;
	unsigned char fib[12];
	size_t got;

	*out = RG_FORMAT_UNKNOWN;
	if (len >= 5 && !memcmp(p, "{\\rtf", 5)) {
		*out = RG_FORMAT_RTF;
		return 0;
	}
	if (len < 8 || memcmp(p, ole_magic, 8))
		return 0;
	memset(&f, 0, sizeof(f));
	f.data = p;
	f.len = len;
	f.shift = len >= 0x20 ? u16(p + 0x1E) : 0;
	if (len < 512 || (f.shift != 9 && f.shift != 12) || u16(p + 0x1C) != 0xFFFE)
		return rg_error_set(RG_EFORMAT, "a damaged OLE compound file (not a Word 97-2003 document "
			"raingan can convert)");
	f.nsectors = len > ((size_t)1 << f.shift) ? (len >> f.shift) - 1 : 0;
	f.nfat = u32(p + 0x2C);
	f.mini_cutoff = u32(p + 0x38);
	f.first_minifat = u32(p + 0x3C);
	f.first_difat = u32(p + 0x44);
	f.ndifat = u32(p + 0x48);
	dir = u32(p + 0x30);
	/* walk the directory chain: every entry's name and type */
	for (s = dir; s != ENDOFCHAIN; s = fat_next(&f, s)) {
		const unsigned char *d = sector(&f, s);
		size_t k, per = ((size_t)1 << f.shift) / 128;
		if (!d || ++hops > f.nsectors)
			break;
		for (k = 0; k < per; k++) {
			const unsigned char *e = d + 128 * k;
			int type = e[0x42];
			if (type == 5) {
				root_start = u32(e + 0x74);
			} else if (type == 2) {
				if (name_is(e, "WordDocument")) {
					has_word = 1;
					word_start = u32(e + 0x74);
					word_size = f.shift == 9 ? u32(e + 0x78) : (uint64_t)u32(e + 0x78) | (uint64_t)u32(e + 0x7C) << 32;
				}
				has_info |= name_is(e, "EncryptionInfo");
				has_package |= name_is(e, "EncryptedPackage");
				has_book |= name_is(e, "Workbook") || name_is(e, "Book");
				has_ppt |= name_is(e, "PowerPoint Document");
			}
		}
	}
	if (has_info || has_package)
		return rg_error_set(RG_EENCRYPTED, "password-protected: an encrypted Office document "
			"(OLE container), cannot be read");
	if (!has_word) {
		if (has_book)
			return rg_error_set(RG_EFORMAT, "an Excel 97-2003 workbook (OLE compound file), not a "
				"Word document");
		if (has_ppt)
			return rg_error_set(RG_EFORMAT, "a PowerPoint 97-2003 presentation (OLE compound file), "
				"not a Word document");
		return rg_error_set(RG_EFORMAT, "an OLE compound file without a WordDocument stream: not a "
			"Word 97-2003 document, and not DOCX or ODT");
	}
	/* the FIB: wIdent 0xA5EC (Word 97 and later; 0xA5DC for Word 6/95), flags at 0x0A */
	memset(fib, 0, sizeof(fib));
	if (word_size < sizeof(fib))
		got = 0;
	else if (word_size < f.mini_cutoff && root_start != ENDOFCHAIN)
		got = read_mini(&f, root_start, word_start, fib, sizeof(fib));
	else
		got = read_chain(&f, word_start, 0, fib, sizeof(fib));
	if (got != sizeof(fib) || (u16(fib) != 0xA5EC && u16(fib) != 0xA5DC))
		return rg_error_set(RG_EFORMAT, "a damaged Word 97-2003 document (its WordDocument stream "
			"does not start with a FIB)");
	if (u16(fib + 0x0A) & 0x0100)
		return rg_error_set(RG_EENCRYPTED, "password-protected: an encrypted Word 97-2003 document, "
			"cannot be read");
	*out = RG_FORMAT_DOC;
	return 0;
}
