/*
** sha256.c - SHA-256 through OpenSSL's EVP interface (see sha256.h).
*/
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>

#include "error.h"

static void to_hex(const unsigned char *md, unsigned n, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int rg_sha256_buffer(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL))
		return rg_error_set(RG_ERROR, "SHA-256 failed");
	to_hex(md, n, hex);
	return 0;
}

int rg_sha256_file(const char *path, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE], buf[65536];
	unsigned n = 0;
	EVP_MD_CTX *ctx;
	size_t got;
	FILE *f;
	int rc = 0;

	if (!(f = fopen(path, "rb")))
		return rg_error_set(RG_EIO, "cannot open: %s", strerror(errno));
	if (!(ctx = EVP_MD_CTX_new())) {
		fclose(f);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		rc = rg_error_set(RG_ERROR, "SHA-256 failed");
	while (!rc && (got = fread(buf, 1, sizeof(buf), f)) > 0)
		if (!EVP_DigestUpdate(ctx, buf, got))
			rc = rg_error_set(RG_ERROR, "SHA-256 failed");
	if (!rc && ferror(f))
		rc = rg_error_set(RG_EIO, "read error: %s", strerror(errno));
	if (!rc && !EVP_DigestFinal_ex(ctx, md, &n))
		rc = rg_error_set(RG_ERROR, "SHA-256 failed");
	EVP_MD_CTX_free(ctx);
	fclose(f);
	if (!rc)
		to_hex(md, n, hex);
	return rc;
}
