/* cairn — continuing education: a board's renewal rule, CE activities, and the compliance
 * engine that says, per license, what counts, what is missing and by when */
#ifndef CAIRN_CE_H
#define CAIRN_CE_H

#include "date.h"
#include "profile.h"
#include "record.h"
#include "repo.h"

#define CAIRN_RULES_DIR "rules"
#define CAIRN_CE_DIR    "ce"

/* ---- rules: rules/<id>.yaml ---- */

enum cairn_anchor {
	CAIRN_ANCHOR_NONE,
	CAIRN_ANCHOR_EXPIRY,      /* the cycle ends on the license's expiry date */
	CAIRN_ANCHOR_BIRTH_MONTH, /* the same, for boards whose expiry is the birth month's end */
	CAIRN_ANCHOR_FIXED_START, /* cycles run from cycle.start, every cycle.months */
};
extern const char *const cairn_anchor_names[];

/* in-person, live-online, self-study, conference, other */
extern const char *const cairn_ce_format_names[];

struct cairn_rule_cycle {
	struct cairn_num months;
	int anchor;
	cairn_date start; /* fixed-start: the first day of any one cycle */
	struct cairn_extra extra;
};

struct cairn_rule_min {
	char *topic;
	struct cairn_num hours;
	char *every; /* "1" (default: every cycle), "N" (every Nth cycle), "once" */
	struct cairn_extra extra;
};

struct cairn_rule_max {
	int format;
	struct cairn_num hours;
	struct cairn_extra extra;
};

struct cairn_rule_carry {
	struct cairn_num max_hours;
	struct cairn_strlist excludes;
	struct cairn_extra extra;
};

struct cairn_rule_first {
	struct cairn_num total_hours; /* 0: the first cycle is exempt */
	struct cairn_extra extra;
};

struct cairn_rule {
	char *id, *title, *authority, *source;
	cairn_date checked;
	char *confirm; /* the line telling the user to confirm the rule with the board */
	struct cairn_rule_cycle *cycle;
	struct cairn_num total_hours;
	CAIRN_LIST(struct cairn_rule_min) minimums;
	CAIRN_LIST(struct cairn_rule_max) maximums;
	struct cairn_rule_carry *carry_over;
	struct cairn_rule_first *first_cycle;
	struct cairn_num retention_years;
	char *notes;
	struct cairn_extra extra;
};

extern const struct cairn_kind cairn_rule_kind;

/* What `every` says: 0 once, else every Nth cycle (1: each). -1 when it is not valid. */
int cairn_rule_every(const struct cairn_rule_min *m);

int cairn_rule_validate(const struct cairn_rule *r, const char *file, cairn_err *err);
int cairn_rule_parse(struct cairn_rule **out, const char *buf, size_t len, const char *file,
                     cairn_err *err);
int cairn_rule_load(struct cairn_rule **out, const struct cairn_repo *repo, const char *id,
                    cairn_err *err);
void cairn_rule_free(struct cairn_rule *r);

/* ---- CE activities: ce/<year>/<id>.yaml ---- */

struct cairn_ce {
	char *id;
	cairn_date date;
	char *title, *provider, *approval;
	int format;
	struct cairn_num hours;
	struct cairn_ce_topics *topics; /* {ethics: 3, trauma: 3} */
	struct cairn_strlist licenses;  /* empty: counts toward every license */
	char *certificate;              /* certificates/<sha256-12>-<name> */
	char *notes;
	struct cairn_extra extra;
};

/* The topic hours of an activity: a map of topic to hours, kept as the file's own keys. */
struct cairn_ce_topics {
	struct cairn_extra extra;
};

extern const struct cairn_kind cairn_ce_kind;

/* Hours of topic in a, 0 when it has none. */
double cairn_ce_topic_hours(const struct cairn_ce *a, const char *topic);
size_t cairn_ce_topic_count(const struct cairn_ce *a);
const char *cairn_ce_topic_name(const struct cairn_ce *a, size_t i);
/* Sets topic hours on a (replacing the same topic). */
int cairn_ce_set_topic(struct cairn_ce *a, const char *topic, double hours);
/* The topic hours of a as one line: "ethics 3, trauma 3" with sep ", " and eq " ", or
 * "ethics=3;trauma=3" with ";" and "="; "" when it has none. */
char *cairn_ce_topics_text(const struct cairn_ce *a, const char *sep, const char *eq, char *buf,
                           size_t size);
/* Whether a counts toward license id. */
int cairn_ce_counts_for(const struct cairn_ce *a, const char *license);

/* Checks what the field table cannot: the id names the file (ce/<year>/<id>.yaml, when
 * file is not NULL) and starts with the date, hours over 0, topics that add up to no more
 * than the hours, a certificate that is a file in certificates/ (cairn_cert_path_valid). */
int cairn_ce_validate(const struct cairn_ce *a, const char *file, cairn_err *err);
/* Reads and validates an activity's file: as cairn_record_parse, then cairn_ce_validate, with
 * the line and column of the value at fault where the file gives them. */
int cairn_ce_parse(struct cairn_ce **out, const char *buf, size_t len, const char *file,
                   cairn_err *err);
/* Loads activity id (a whole id: see cairn_ce_resolve) from ce/<year>/<id>.yaml. When no file
 * is there but a file elsewhere holds the id (in another year's folder, or with an id that
 * does not start with a date), that file is invalid: its error, naming it as it is.
 * CAIRN_ENOTFOUND when no file holds the id. */
int cairn_ce_load(struct cairn_ce **out, const struct cairn_repo *repo, const char *id,
                  cairn_err *err);
void cairn_ce_free(struct cairn_ce *a);

struct cairn_ce_set {
	struct cairn_ce **v; /* in date order, then id */
	size_t n;
	cairn_err *bad;
	size_t nbad;
};
int cairn_ce_load_all(struct cairn_ce_set *out, const struct cairn_repo *repo, cairn_err *err);
/* The year folders of ce/ that hold activities: "ce/YYYY" for each entry of ce/ named by four
 * digits (sorted; a missing ce/ gives none). One that is not a folder is still given, so that
 * listing it fails and names it rather than hiding a year. What cairn_ce_load_all reads, and
 * where an activity id is looked for. */
int cairn_ce_year_folders(char ***out, size_t *n, const struct cairn_repo *repo, cairn_err *err);
void cairn_ce_set_release(struct cairn_ce_set *s);

/* ---- certificates: certificates/<sha256-12>-<name>, named by their content ---- */

#define CAIRN_CERT_DIR "certificates"
#define CAIRN_CERT_MAX (20u * 1024 * 1024)

/* Whether path is what an activity's certificate field may hold: certificates/NAME, one file
 * directly in that folder (NAME not empty, not starting with '.', without '/'). Nothing else
 * is read or copied: no absolute path, no '..', no other folder of the repository. */
int cairn_cert_path_valid(const char *path);

/* Reads a certificate: a PDF, PNG or JPEG (told by its first bytes, not its name) of at
 * most CAIRN_CERT_MAX bytes. *rel gets the path it is kept under; the same content always
 * gets the same path, so a file given twice is stored once. */
int cairn_cert_read(char **data, size_t *len, char **rel, const char *path, cairn_err *err);

/* ---- the write road: each takes the writer lock, checks under it, makes one commit ---- */

/* Adds a license to the profile: its id not yet taken, its rule in rules/. */
int cairn_license_add(struct cairn_repo *repo, const struct cairn_license *lic, double timeout,
                      cairn_err *err);
/* Starts the license's next cycle: the new expiry must be after the old one. */
int cairn_license_renew(struct cairn_repo *repo, const char *id, cairn_date expires, double timeout,
                        cairn_err *err);
/* Removes a license from the profile (its CE activities stay). */
int cairn_license_remove(struct cairn_repo *repo, const char *id, double timeout, cairn_err *err);
/* The license id among the profile's (exact, or a unique prefix) into buf. */
int cairn_license_resolve(char *buf, const struct cairn_profile *p, const char *prefix,
                          cairn_err *err);

/* Adds (or replaces) a rule from a file anywhere: validated, then written in canonical form
 * to rules/<id>.yaml. *id_out gets the id (caller frees); *changed is 0 when nothing
 * differed, 1 for a new rule, 2 for a rule replaced. */
int cairn_rule_add(struct cairn_repo *repo, const char *path, char **id_out, int *changed,
                   double timeout, cairn_err *err);
/* Resolves a rule id or unique prefix into buf (CAIRN_ID_MAX + 1 bytes). */
int cairn_rule_resolve(char *buf, const struct cairn_repo *repo, const char *prefix,
                       cairn_err *err);
/* Every rule of the repository, in id order (invalid files in bad, as for goals). */
struct cairn_rule_set {
	struct cairn_rule **v;
	size_t n;
	cairn_err *bad;
	size_t nbad;
};
int cairn_rule_load_all(struct cairn_rule_set *out, const struct cairn_repo *repo, cairn_err *err);
void cairn_rule_set_release(struct cairn_rule_set *s);

/* Logs a CE activity: its id (<date>-<slug>) made unique, its licenses known; cert, when not
 * NULL, is the certificate file copied into certificates/ in the same commit. On success
 * a->id holds the id. */
int cairn_ce_add(struct cairn_repo *repo, struct cairn_ce *a, const char *cert, double timeout,
                 cairn_err *err);
/* Removes activity id (its certificate file stays: another activity may share it): the file
 * that holds the id (see cairn_ce_load), only as it is committed, so that git keeps it. A
 * file never committed or changed since its last commit is refused (CAIRN_EDATA), with
 * nothing written; for an invalid one the error is the file's own (file:line:column). An
 * invalid file committed as it is may be removed: that is one way out of it. */
int cairn_ce_remove(struct cairn_repo *repo, const char *id, double timeout, cairn_err *err);
/* The path of activity id: ce/<year>/<id>.yaml (the year is the id's). Caller frees. */
char *cairn_ce_path(const char *id);
/* Resolves an activity id or unique prefix into buf (CAIRN_ID_MAX + 1 bytes). A prefix that
 * is not the start of an id ('/', '..', upper case) is refused first (CAIRN_EUSAGE). The ids
 * are those of the files in ce/<year>/, invalid ones included (cairn_ce_load then says what
 * is wrong with them). */
int cairn_ce_resolve(char *buf, const struct cairn_repo *repo, const char *prefix, cairn_err *err);

/* ---- the audit pack ---- */

struct cairn_ce_status;

struct cairn_audit_report {
	size_t activities;   /* that count in the window */
	size_t certificates; /* copied */
	char **missing;      /* ids of counting activities without a certificate (NULL-ended) */
	size_t nmissing;
};

/* Writes the audit pack of a status (see cairn_ce_status) into outdir, which must not exist
 * or be empty: every counting activity's certificate as <activity id>.<ext>, summary.csv
 * and summary.md. Nothing in the repository changes. */
int cairn_ce_audit(struct cairn_audit_report *rep, const struct cairn_repo *repo,
                   const struct cairn_ce_status *st, const char *outdir, cairn_date today,
                   cairn_err *err);
void cairn_audit_report_release(struct cairn_audit_report *rep);

/* ---- compliance: what counts toward one license in one cycle ---- */

enum cairn_ce_verdict { CAIRN_CE_COMPLETE, CAIRN_CE_ON_TRACK, CAIRN_CE_BEHIND, CAIRN_CE_LAPSED };
/* "complete", "on track", "behind", "lapsed" */
extern const char *const cairn_ce_verdict_names[];

struct cairn_ce_topic {
	const char *topic;
	double required; /* this cycle (0 when it does not apply) */
	double earned;   /* counted in the window, or ever for a once-only topic */
	double carried;  /* carried over from the previous cycle */
	int every;       /* 0 once, else every Nth cycle */
	int applies;     /* required in this cycle */
	int met;
};

struct cairn_ce_line {
	const struct cairn_ce *a;
	double counted;  /* hours toward the total */
	int for_license; /* the activity counts toward this license at all */
	char why[200];   /* why some or all of its hours do not count; "" when they all do */
};

struct cairn_ce_status {
	const struct cairn_license *license;
	const struct cairn_rule *rule;
	cairn_date start, end; /* the window, both days included */
	int cycle;             /* 1 for the license's first cycle; 0 when `issued` is unknown */
	int first;             /* the rule's first_cycle applies */
	int exempt;            /* ... and it asks for nothing */
	double required;       /* total hours of this cycle */
	double earned;         /* hours of this window that count (maximums applied) */
	double carried;        /* hours carried over from the previous cycle */
	double needed;         /* still needed overall */
	long days_left;        /* that can still count, today and the last included; 0 after */
	double per_month;      /* hours still needed per month left */
	double share_earned;   /* of the total, or of the topic minimum furthest behind */
	double share_elapsed;  /* of the window, today included */
	const char *lagging;   /* that topic, NULL when it is the total */
	int verdict;
	struct cairn_ce_topic *topics;
	size_t ntopics;
	struct cairn_ce_line *lines; /* every activity dated in the window */
	size_t nlines;
	char carry_why[200]; /* how the carried hours were found */
};

/* The window of the cycle that is current on today (back 0) or the one before it (back 1):
 * ending on the license's expiry (anchors expiry and birth-month), or counted from the rule's
 * cycle.start (fixed-start). */
int cairn_ce_window(cairn_date *start, cairn_date *end, const struct cairn_license *lic,
                    const struct cairn_rule *rule, int back, cairn_date today, cairn_err *err);

/* The compliance of one license: a pure function of (license, rule, activities, today). */
int cairn_ce_status(struct cairn_ce_status *out, const struct cairn_license *lic,
                    const struct cairn_rule *rule, struct cairn_ce *const *acts, size_t n,
                    cairn_date today, cairn_err *err);
/* The same for the cycle back cycles before the current one (1: the previous cycle). */
int cairn_ce_status_back(struct cairn_ce_status *out, const struct cairn_license *lic,
                         const struct cairn_rule *rule, struct cairn_ce *const *acts, size_t n,
                         cairn_date today, int back, cairn_err *err);
void cairn_ce_status_release(struct cairn_ce_status *s);

#endif
