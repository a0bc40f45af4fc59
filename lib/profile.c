/* cairn — the profile (cairn.yaml) */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/plan.h"
#include "cairn/profile.h"
#include "cairn/remind.h"
#include "cairn/yaml.h"

static const struct cairn_field license_fields[] = {
    CAIRN_FIELD(struct cairn_license, id, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_license, title, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_license, rule, CAIRN_T_ID, 0),
    CAIRN_FIELD(struct cairn_license, number, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_license, state, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_license, issued, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_license, expires, CAIRN_T_DATE, 0),
};

const struct cairn_kind cairn_license_kind = {
    "license", sizeof(struct cairn_license), license_fields,
    sizeof(license_fields) / sizeof(license_fields[0]), offsetof(struct cairn_license, extra)};

static const struct cairn_field settings_fields[] = {
    CAIRN_FIELD(struct cairn_settings, remind_within, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_settings, review_every, CAIRN_T_STRING, 0),
};

const struct cairn_kind cairn_settings_kind = {
    "settings", sizeof(struct cairn_settings), settings_fields,
    sizeof(settings_fields) / sizeof(settings_fields[0]), offsetof(struct cairn_settings, extra)};

static const struct cairn_field profile_fields[] = {
    CAIRN_FIELD(struct cairn_profile, format, CAIRN_T_NUMBER, CAIRN_F_REQUIRED | CAIRN_F_INTEGER),
    CAIRN_FIELD(struct cairn_profile, name, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_profile, credentials, CAIRN_T_STRLIST, 0),
    CAIRN_FIELD_SUB(struct cairn_profile, licenses, CAIRN_T_LIST, 0, &cairn_license_kind),
    CAIRN_FIELD_SUB(struct cairn_profile, settings, CAIRN_T_MAP, 0, &cairn_settings_kind),
};

const struct cairn_kind cairn_profile_kind = {
    "profile", sizeof(struct cairn_profile), profile_fields,
    sizeof(profile_fields) / sizeof(profile_fields[0]), offsetof(struct cairn_profile, extra)};

/* What the table cannot check: a known format version, unique license ids, a reminder
 * window and a review cadence that read. *key (or NULL) is set to the place of the problem:
 * "settings.remind_within", "settings.review_every", or "licenses" with *item. */
static int check(const struct cairn_profile *p, const char **key, size_t *item, cairn_err *err)
{
	const struct cairn_settings *st = p->settings;
	int rc;

	*key = NULL;
	if ((rc = cairn_record_check(&cairn_profile_kind, p, err)))
		return rc;
	if (p->format.v != CAIRN_FORMAT_VERSION) {
		rc = cairn_err_set(err, CAIRN_EDATA, "format %g is not one this cairn reads (%d)",
		                   p->format.v, CAIRN_FORMAT_VERSION);
		cairn_err_hint(err, "a newer cairn wrote this repository: upgrade cairn");
		return rc;
	}
	for (size_t i = 0; i < p->licenses.n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->licenses.v[i].id, p->licenses.v[j].id)) {
				*key = "licenses";
				*item = i;
				return cairn_err_set(err, CAIRN_EDATA,
				                     "two licenses have the id '%s'",
				                     p->licenses.v[i].id);
			}
	if (st && st->remind_within && !cairn_remind_window_valid(st->remind_within)) {
		*key = "settings.remind_within";
		rc =
		    cairn_err_set(err, CAIRN_EDATA,
		                  "settings.remind_within: '%s' is not a window like 30d, 2w or 3m",
		                  st->remind_within);
		cairn_err_hint(err, "a number of days, weeks, months or years: 30d, 2w, 3m, 1y");
		return rc;
	}
	if (st && st->review_every && !cairn_cadence_valid(st->review_every)) {
		*key = "settings.review_every";
		rc = cairn_err_set(err, CAIRN_EDATA, "settings.review_every: '%s' is not a cadence",
		                   st->review_every);
		cairn_err_hint(err,
		               "weekly, biweekly, monthly, quarterly, or a number of days: 10d");
		return rc;
	}
	return 0;
}

int cairn_profile_validate(const struct cairn_profile *p, const char *file, cairn_err *err)
{
	const char *key;
	size_t item;
	int rc = check(p, &key, &item, err);

	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

/* The line and column of the value at key ("settings.remind_within", or the id of licenses
 * item) in the document buf, read again for the message; 0 when it cannot be told. */
static void place(cairn_err *err, const char *buf, size_t len, const char *file, const char *key,
                  size_t item)
{
	struct cairn_ynode *root = NULL;
	const struct cairn_ynode *v = NULL;
	cairn_err ignored;

	if (cairn_yaml_parse(&root, buf, len, file, &ignored) || !root ||
	    root->type != CAIRN_Y_MAP) {
		cairn_ynode_free(root);
		return;
	}
	if (!strcmp(key, "licenses")) {
		const struct cairn_ynode *l = cairn_ynode_get(root, "licenses");
		if (l && l->type == CAIRN_Y_SEQ && item < l->n &&
		    l->items[item]->type == CAIRN_Y_MAP)
			v = cairn_ynode_get(l->items[item], "id");
	} else {
		const char *dot = strchr(key, '.');
		const struct cairn_ynode *m = dot ? cairn_ynode_get(root, "settings") : NULL;
		if (m && m->type == CAIRN_Y_MAP)
			v = cairn_ynode_get(m, dot + 1);
	}
	if (v)
		cairn_err_at(err, file, v->line, v->column);
	cairn_ynode_free(root);
}

int cairn_profile_parse(struct cairn_profile **out, const char *buf, size_t len, const char *file,
                        cairn_err *err)
{
	struct cairn_profile *p = cairn_record_new(&cairn_profile_kind);
	const char *key = NULL;
	size_t item = 0;
	int rc;

	*out = NULL;
	if (!p)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_record_parse(&cairn_profile_kind, p, buf, len, file, err);
	if (!rc && (rc = check(p, &key, &item, err)) && file && err && !err->file[0]) {
		cairn_err_at(err, file, 0, 0);
		if (key)
			place(err, buf, len, file, key, item);
	}
	if (rc) {
		cairn_profile_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void cairn_profile_free(struct cairn_profile *p)
{
	cairn_record_free(&cairn_profile_kind, p);
}
