/*
** sha256.h - SHA-256 of a file or a buffer, as 64 lowercase hex digits.
*/
#ifndef RG_SHA256_H
#define RG_SHA256_H

#include <stddef.h>

int rg_sha256_file(const char *path, char hex[65]);
int rg_sha256_buffer(const void *data, size_t len, char hex[65]);

#endif
