/* cairn — fuzz target: ids (cairn_id_valid, cairn_id_check, cairn_id_slug, cairn_id_unique,
 * cairn_id_resolve).
 *
 * The input is the text, up to its first NUL: checked as an id, and used as a title to slug.
 * An id that cairn accepts is safe as a file name (no '/', no "..", no leading '.' or '-', no
 * space, no control or non-ASCII byte, 1 to 64 characters); a slug, when one is made, is an
 * accepted id without doubled or trailing dashes, and slugging it again gives it back; ids made
 * unique from it are accepted and new; prefix resolution among them finds what it says. A
 * broken invariant aborts. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/id.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NUNIQUE 12

static void fail(const char *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(const char *s, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_id: input '%s': ", s);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* What every accepted id must be, spelled out without the library's help. */
static void check_safe(const char *s, const char *id, const char *what)
{
	size_t len = strlen(id);

	if (len < 1 || len > CAIRN_ID_MAX)
		fail(s, "%s '%s' has %zu characters", what, id, len);
	if (strchr(id, '/') || strstr(id, "..") || id[0] == '.' || id[0] == '-' || strchr(id, ' '))
		fail(s, "%s '%s' is not safe as a file name", what, id);
	for (size_t i = 0; i < len; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '-'))
			fail(s, "%s '%s' has the byte 0x%02x", what, id, (unsigned char)id[i]);
}

/* cairn_id_check and cairn_id_valid agree, and a refusal says why. */
static int check_id(const char *s, const char *id, const char *what)
{
	cairn_err err = CAIRN_ERR_INIT;
	int valid = cairn_id_valid(id);
	int rc = cairn_id_check(id, "id", &err);

	if ((rc == 0) != (valid == 1))
		fail(s, "%s '%s': cairn_id_check gives %d, cairn_id_valid %d", what, id, rc, valid);
	if (rc == 0) {
		check_safe(s, id, what);
		return 1;
	}
	if (rc != CAIRN_EDATA || err.code != CAIRN_EDATA || !err.msg[0] || !err.hint[0])
		fail(s, "%s '%s' refused with code %d and message '%s'", what, id, rc, err.msg);
	return 0;
}

static size_t count_prefixed(char *const *ids, size_t n, const char *prefix)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += !strncmp(ids[i], prefix, strlen(prefix));
	return k;
}

/* Resolving prefix among ids: an exact match, else the one id starting with it. */
static void check_resolve(const char *s, const char *prefix, char *const *ids, size_t n)
{
	cairn_err err = CAIRN_ERR_INIT;
	const char *match = NULL;
	size_t k = count_prefixed(ids, n, prefix);
	int exact = 0, rc;

	for (size_t i = 0; i < n; i++)
		exact |= !strcmp(ids[i], prefix);
	rc = cairn_id_resolve(&match, prefix, ids, n, "goal", &err);
	if (!prefix[0]) {
		if (rc != CAIRN_EUSAGE)
			fail(s, "resolving an empty prefix gives %d", rc);
		return;
	}
	if (rc == 0) {
		if (!match || strncmp(match, prefix, strlen(prefix)) ||
		    (exact && strcmp(match, prefix)) || (!exact && k != 1))
			fail(s, "prefix '%s' resolved to '%s' among %zu candidates", prefix,
			     match ? match : "(null)", k);
		return;
	}
	if (match || !err.msg[0] || (rc == CAIRN_ENOTFOUND && k != 0) ||
	    (rc == CAIRN_EUSAGE && (k < 2 || exact)) ||
	    (rc != CAIRN_ENOTFOUND && rc != CAIRN_EUSAGE))
		fail(s, "prefix '%s' among %zu candidates: code %d, '%s'", prefix, k, rc, err.msg);
}

static void check_slug(const char *s)
{
	cairn_err err = CAIRN_ERR_INIT;
	/* exactly the size the header asks for, so that writing past it is caught */
	char *slug = malloc(CAIRN_ID_MAX + 1), *again = malloc(CAIRN_ID_MAX + 1);
	char *taken[NUNIQUE];
	size_t n = 0;
	int rc;

	if (!slug || !again)
		goto out;
	rc = cairn_id_slug(slug, s, &err);
	if (rc) {
		if (rc != CAIRN_EDATA || err.code != CAIRN_EDATA || !err.msg[0])
			fail(s, "cairn_id_slug refused with code %d and message '%s'", rc, err.msg);
		goto out;
	}
	if (!check_id(s, slug, "the slug"))
		fail(s, "the slug '%s' is not an id", slug);
	if (strstr(slug, "--") || slug[strlen(slug) - 1] == '-')
		fail(s, "the slug '%s' has a doubled or trailing '-'", slug);
	if (cairn_id_slug(again, slug, &err) || strcmp(again, slug))
		fail(s, "the slug '%s' slugs to '%s'", slug, again);

	/* base, base-2, base-3, ...: each new, each an id, the base shortened to fit */
	for (n = 0; n < NUNIQUE; n++) {
		char *u = malloc(CAIRN_ID_MAX + 1);
		if (!u)
			goto out;
		if (cairn_id_unique(u, slug, taken, n, &err)) {
			free(u);
			fail(s, "cairn_id_unique refused '%s': %s", slug, err.msg);
		}
		taken[n] = u;
		if (!check_id(s, u, "the unique id"))
			fail(s, "the unique id '%s' is not an id", u);
		for (size_t i = 0; i < n; i++)
			if (!strcmp(taken[i], u))
				fail(s, "cairn_id_unique gave '%s' twice", u);
	}
	check_resolve(s, slug, taken, n);
	check_resolve(s, s, taken, n);
	{
		/* every prefix of the slug, the empty one included */
		char prefix[CAIRN_ID_MAX + 1];
		size_t len = strlen(slug);
		for (size_t i = 0; i <= len; i++) {
			memcpy(prefix, slug, i);
			prefix[i] = '\0';
			check_resolve(s, prefix, taken, n);
		}
	}
out:
	while (n > 0)
		free(taken[--n]);
	free(slug);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (check_id(s, s, "the input")) {
		/* an id made of words is its own slug */
		char *slug = malloc(CAIRN_ID_MAX + 1);
		cairn_err err = CAIRN_ERR_INIT;
		if (slug && !strstr(s, "--") && s[strlen(s) - 1] != '-' &&
		    (cairn_id_slug(slug, s, &err) || strcmp(slug, s)))
			fail(s, "the id slugs to '%s'", slug);
		free(slug);
	}
	check_slug(s);
	free(s);
	return 0;
}
