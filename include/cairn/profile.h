/* cairn — the profile (cairn.yaml): who, which licenses, settings */
#ifndef CAIRN_PROFILE_H
#define CAIRN_PROFILE_H

#include "date.h"
#include "record.h"

#define CAIRN_FORMAT_VERSION 1

struct cairn_license {
	char *id, *title, *rule, *number, *state;
	cairn_date issued, expires;
	struct cairn_extra extra;
};

struct cairn_settings {
	char *remind_within; /* e.g. "30d" */
	char *review_every;  /* default plan review cadence */
	struct cairn_extra extra;
};

struct cairn_profile {
	struct cairn_num format;
	char *name;
	struct cairn_strlist credentials;
	CAIRN_LIST(struct cairn_license) licenses;
	struct cairn_settings *settings;
	struct cairn_extra extra;
};

extern const struct cairn_kind cairn_profile_kind;
extern const struct cairn_kind cairn_license_kind;
extern const struct cairn_kind cairn_settings_kind;

/* Table checks plus the profile's own: a known format version, unique license ids,
 * settings.remind_within a window (30d, 2w, 3m, 1y) and settings.review_every a cadence
 * (weekly, biweekly, monthly, quarterly, Nd). cairn_profile_parse gives the line and column
 * of such a problem too. */
int cairn_profile_validate(const struct cairn_profile *p, const char *file, cairn_err *err);
int cairn_profile_parse(struct cairn_profile **out, const char *buf, size_t len, const char *file,
                        cairn_err *err);
void cairn_profile_free(struct cairn_profile *p);

#endif
