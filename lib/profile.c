/* cairn — the profile (cairn.yaml) */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/profile.h"

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

int cairn_profile_validate(const struct cairn_profile *p, const char *file, cairn_err *err)
{
	int rc = cairn_record_check(&cairn_profile_kind, p, err);

	if (!rc && p->format.v != CAIRN_FORMAT_VERSION) {
		rc = cairn_err_set(err, CAIRN_EDATA, "format %g is not one this cairn reads (%d)",
		                   p->format.v, CAIRN_FORMAT_VERSION);
		cairn_err_hint(err, "a newer cairn wrote this repository: upgrade cairn");
	}
	for (size_t i = 0; !rc && i < p->licenses.n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->licenses.v[i].id, p->licenses.v[j].id)) {
				rc =
				    cairn_err_set(err, CAIRN_EDATA, "two licenses have the id '%s'",
				                  p->licenses.v[i].id);
				break;
			}
	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

int cairn_profile_parse(struct cairn_profile **out, const char *buf, size_t len, const char *file,
                        cairn_err *err)
{
	struct cairn_profile *p = cairn_record_new(&cairn_profile_kind);
	int rc;

	*out = NULL;
	if (!p)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_record_parse(&cairn_profile_kind, p, buf, len, file, err);
	if (!rc)
		rc = cairn_profile_validate(p, file, err);
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
