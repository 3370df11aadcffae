/*
** check.h - the tiny assertion kit of the C unit tests.
**
** CHECK(cond) and the typed CHECK_* macros count failures and print the
** place; a test's main() ends with `return check_summary("name");`, which
** prints "N passed, M failed" and returns non-zero when anything failed.
*/
#ifndef RG_CHECK_H
#define RG_CHECK_H

#include <stdio.h>
#include <string.h>
#include <math.h>

static int check_passed, check_failed;

#define CHECK(cond) do { \
	if (cond) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_INT(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	if (check_a_ == check_b_) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
		__FILE__, __LINE__, #a, check_a_, check_b_); } \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	if (check_a_ && check_b_ && !strcmp(check_a_, check_b_)) check_passed++; \
	else if (!check_a_ && !check_b_) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
		__FILE__, __LINE__, #a, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); } \
} while (0)

#define CHECK_NUM(a, b) do { \
	double check_a_ = (a), check_b_ = (b); \
	if (fabs(check_a_ - check_b_) < 1e-6) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: %s == %.6f, expected %.6f\n", \
		__FILE__, __LINE__, #a, check_a_, check_b_); } \
} while (0)

static inline int check_summary(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
