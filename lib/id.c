/* cairn — ids */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/id.h"

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int cairn_id_valid(const char *s)
{
	size_t i;

	if (!s || !s[0] || s[0] == '-')
		return 0;
	for (i = 0; s[i]; i++)
		if (i >= CAIRN_ID_MAX || !id_char(s[i]))
			return 0;
	return 1;
}

int cairn_id_check(const char *s, const char *what, cairn_err *err)
{
	if (cairn_id_valid(s))
		return 0;
	if (!s || !s[0])
		cairn_err_set(err, CAIRN_EDATA, "%s is empty", what);
	else if (strlen(s) > CAIRN_ID_MAX)
		cairn_err_set(err, CAIRN_EDATA, "%s '%.20s...' is longer than %d characters", what,
		              s, CAIRN_ID_MAX);
	else
		cairn_err_set(err, CAIRN_EDATA, "%s '%s' is not valid", what, s);
	cairn_err_hint(err,
	               "ids are lower-case letters, digits and '-', starting with a letter or "
	               "digit, at most %d characters",
	               CAIRN_ID_MAX);
	return CAIRN_EDATA;
}

/* ASCII for the Latin-1 letters U+00C0 to U+00FF ("" for the two signs among them), so
 * that "Überprüfung" gives "uberprufung" and not "berpr-fung". */
static const char *const latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

int cairn_id_slug(char *buf, const char *title, cairn_err *err)
{
	size_t n = 0, cap = strlen(title) * 2 + 1;
	char *full = malloc(cap + 1);
	const unsigned char *p;

	if (!full)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	/* fold to lower-case ASCII words joined by single dashes */
	for (p = (const unsigned char *)title; *p; p++) {
		const char *fold = NULL;
		char one[2] = {0, 0};

		if (p[0] == 0xc3 && (p[1] & 0xc0) == 0x80) {
			fold = latin1[p[1] & 0x3f];
			p++;
		} else if (*p >= 0x80) {
			while ((p[1] & 0xc0) == 0x80)
				p++;
			fold = "";
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			one[0] = (char)*p;
			fold = one;
		} else if (*p >= 'A' && *p <= 'Z') {
			one[0] = (char)(*p - 'A' + 'a');
			fold = one;
		} else {
			fold = "";
		}
		if (!fold[0]) {
			if (n > 0 && full[n - 1] != '-')
				full[n++] = '-';
			continue;
		}
		while (*fold && n < cap)
			full[n++] = *fold++;
	}
	while (n > 0 && full[n - 1] == '-')
		n--;
	full[n] = '\0';
	if (n > CAIRN_ID_MAX) {
		/* cut at the last word boundary that fits, or hard when there is none */
		n = CAIRN_ID_MAX;
		if (full[n] != '-') {
			size_t b = n;
			while (b > 0 && full[b] != '-')
				b--;
			if (b > 0)
				n = b;
		}
		while (n > 0 && full[n - 1] == '-')
			n--;
	}
	memcpy(buf, full, n);
	buf[n] = '\0';
	free(full);
	if (n == 0) {
		cairn_err_set(err, CAIRN_EDATA, "cannot make an id from the title '%s'", title);
		cairn_err_hint(err, "give one with --id (lower-case letters, digits and '-')");
		return CAIRN_EDATA;
	}
	return 0;
}

struct taken_list {
	char *const *v;
	size_t n;
};

static int taken_has(const char *s, void *ctx)
{
	const struct taken_list *t = ctx;
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], s))
			return 1;
	return 0;
}

int cairn_id_unique(char *buf, const char *base, char *const *taken, size_t n, cairn_err *err)
{
	struct taken_list t = {taken, n};
	return cairn_id_unique_by(buf, base, taken_has, &t, err);
}

int cairn_id_unique_by(char *buf, const char *base, cairn_id_taken_fn taken, void *ctx,
                       cairn_err *err)
{
	char suffix[16];

	if (cairn_id_check(base, "id", err))
		return CAIRN_EDATA;
	snprintf(buf, CAIRN_ID_MAX + 1, "%s", base);
	for (unsigned k = 2; taken(buf, ctx); k++) {
		size_t keep;
		int sl = snprintf(suffix, sizeof(suffix), "-%u", k);
		keep = strlen(base);
		if (keep + (size_t)sl > CAIRN_ID_MAX)
			keep = CAIRN_ID_MAX - (size_t)sl;
		while (keep > 0 && base[keep - 1] == '-')
			keep--;
		snprintf(buf, CAIRN_ID_MAX + 1, "%.*s%s", (int)keep, base, suffix);
	}
	return 0;
}

int cairn_id_resolve(const char **match, const char *prefix, char *const *ids, size_t n,
                     const char *what, cairn_err *err)
{
	size_t plen = strlen(prefix), found = 0, i;
	const char *first = NULL;

	*match = NULL;
	if (!plen)
		return cairn_err_set(err, CAIRN_EUSAGE, "empty %s id", what);
	for (i = 0; i < n; i++) {
		if (!strcmp(ids[i], prefix)) {
			*match = ids[i];
			return 0;
		}
		if (!strncmp(ids[i], prefix, plen)) {
			if (!first)
				first = ids[i];
			found++;
		}
	}
	if (found == 1) {
		*match = first;
		return 0;
	}
	if (found == 0) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "no %s '%s'", what, prefix);
		cairn_err_hint(err, "`cairn %s list --all` shows the ids", what);
		return CAIRN_ENOTFOUND;
	}
	{
		char list[CAIRN_ERR_MSG] = "";
		size_t len = 0, shown = 0;
		for (i = 0; i < n; i++) {
			if (strncmp(ids[i], prefix, plen))
				continue;
			if (shown == 8) {
				snprintf(list + len, sizeof(list) - len, ", ...");
				break;
			}
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
			                        shown ? ", " : "", ids[i]);
			if (len >= sizeof(list))
				len = sizeof(list) - 1;
			shown++;
		}
		size_t wl = strlen(what);
		int y = wl && what[wl - 1] == 'y'; /* "activity": "activities" */
		cairn_err_set(err, CAIRN_EUSAGE,
		              "%s id '%s' is ambiguous: %zu %.*s%s start with it", what, prefix,
		              found, (int)(wl - (size_t)y), what, y ? "ies" : "s");
		cairn_err_hint(err, "candidates: %s", list);
	}
	return CAIRN_EUSAGE;
}
