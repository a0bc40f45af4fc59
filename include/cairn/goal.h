/* cairn — goals: the SMART goal record, its rules of validity and its operations */
#ifndef CAIRN_GOAL_H
#define CAIRN_GOAL_H

#include "date.h"
#include "record.h"
#include "repo.h"

enum cairn_horizon { CAIRN_HORIZON_NONE, CAIRN_HORIZON_SHORT, CAIRN_HORIZON_LONG };
enum cairn_domain { CAIRN_DOMAIN_NONE, CAIRN_DOMAIN_PROFESSIONAL, CAIRN_DOMAIN_PERSONAL };
enum cairn_status {
	CAIRN_STATUS_NONE,
	CAIRN_STATUS_DRAFT,
	CAIRN_STATUS_ACTIVE,
	CAIRN_STATUS_PAUSED,
	CAIRN_STATUS_DONE,
	CAIRN_STATUS_DROPPED,
};

/* Name tables: index 0 is NULL ("absent"), the rest NULL-terminated. */
extern const char *const cairn_horizon_names[];
extern const char *const cairn_domain_names[];
extern const char *const cairn_area_names[];
extern const char *const cairn_status_names[];

/* Looks name up in an enum table: its index, or 0 when it is not there. */
int cairn_enum_lookup(const char *const *names, const char *name);
/* "a, b, c" of an enum table, for messages. */
const char *cairn_enum_list(const char *const *names, char *buf, size_t size);

struct cairn_measure {
	char *metric, *unit;
	struct cairn_num baseline, target, current;
	struct cairn_extra extra;
};

struct cairn_step {
	char *title;
	cairn_date due, done;
	struct cairn_extra extra;
};

struct cairn_progress {
	cairn_date date;
	struct cairn_num value;
	char *note;
	struct cairn_extra extra;
};

struct cairn_goal {
	char *id, *title;
	int horizon, domain, area, status;
	cairn_date created, start, due;
	char *specific;
	struct cairn_measure *measure;
	char *achievable, *relevant;
	struct cairn_strlist serves;
	CAIRN_LIST(struct cairn_step) steps;
	CAIRN_LIST(struct cairn_progress) progress;
	struct cairn_strlist tags;
	cairn_date completed;
	char *reason;
	struct cairn_extra extra;
};

extern const struct cairn_kind cairn_goal_kind;
extern const struct cairn_kind cairn_measure_kind;
extern const struct cairn_kind cairn_step_kind;
extern const struct cairn_kind cairn_progress_kind;

#define CAIRN_GOALS_DIR "goals"
/* A short horizon ends within a year of the start: on or before the same day this many
 * months later (2027-03-01 to 2028-03-01 is short, over a leap day too). */
#define CAIRN_SHORT_HORIZON_MONTHS 12

struct cairn_goal *cairn_goal_new(void);
void cairn_goal_free(struct cairn_goal *g);

/* Table checks plus the goal's own rules: id matching the file name (when file is given),
 * due after start, a title on one line, steps with titles. */
int cairn_goal_validate(const struct cairn_goal *g, const char *file, cairn_err *err);

/* Parses and validates a goal file's content; file (relative, "goals/x.yaml") names it in
 * messages and must match the id. */
int cairn_goal_parse(struct cairn_goal **out, const char *buf, size_t len, const char *file,
                     cairn_err *err);

/* Reads a goal from any file (a pre-commit hook's copy, a file outside the repository);
 * name is how messages call it, and what the id must match. */
int cairn_goal_read_file(struct cairn_goal **out, const char *path, const char *name,
                         cairn_err *err);

/* Loads goals/<id>.yaml. CAIRN_ENOTFOUND when it does not exist. */
int cairn_goal_load(struct cairn_goal **out, const struct cairn_repo *repo, const char *id,
                    cairn_err *err);

/* Resolves an id or unique prefix among the goals of the repository into buf
 * (CAIRN_ID_MAX + 1 bytes). */
int cairn_goal_resolve(char *buf, const struct cairn_repo *repo, const char *prefix,
                       cairn_err *err);

/* Every valid goal of the repository, in id order. A file that does not load is not an
 * error of the call: it is left out and its error is kept in bad (the caller reports them).
 * The call itself fails only when the folder cannot be read. */
struct cairn_goal_set {
	struct cairn_goal **v;
	size_t n;
	cairn_err *bad; /* one per goal file that did not load */
	size_t nbad;
};
int cairn_goal_load_all(struct cairn_goal_set *out, const struct cairn_repo *repo, cairn_err *err);
/* The same keeping only the goals of one status (a cairn_goal_status; -1: all): every file
 * is still read and an invalid one is still in bad, but the others are freed as they are
 * read. */
int cairn_goal_load_some(struct cairn_goal_set *out, const struct cairn_repo *repo, int status,
                         cairn_err *err);
void cairn_goal_set_release(struct cairn_goal_set *s);
/* Only the goals g serves (what the SMART check of g looks up): a goal that does not load is
 * left out, as cairn_goal_load_all leaves it out. */
int cairn_goal_load_served(struct cairn_goal_set *out, const struct cairn_repo *repo,
                           const struct cairn_goal *g, cairn_err *err);
/* Adds to s the goals of ids that are not in it yet; one that does not load is left out, as
 * cairn_goal_load_all leaves it out. A set that starts zeroed needs no other set-up. */
int cairn_goal_set_add(struct cairn_goal_set *s, const struct cairn_repo *repo,
                       const struct cairn_strlist *ids, cairn_err *err);

/* The horizon a goal gets when none is given: short when due within a year of start. */
int cairn_goal_default_horizon(cairn_date start, cairn_date due);

/* Status changes. Each refuses (CAIRN_EDATA, saying why) a change that makes no sense:
 * pause only an active goal, resume a paused or draft one, complete an active or paused
 * one, drop anything not done or dropped. */
int cairn_goal_set_status(struct cairn_goal *g, int status, cairn_date today, const char *reason,
                          cairn_err *err);

/* Records a measured value: appends to the progress log and sets measure.current. */
int cairn_goal_record_progress(struct cairn_goal *g, double value, cairn_date date,
                               const char *note, cairn_err *err);

/* Finds a step by 1-based number or by a case-insensitive unique prefix of its title.
 * *index is 0-based. */
int cairn_goal_find_step(size_t *index, const struct cairn_goal *g, const char *which,
                         cairn_err *err);

/* Progress as a share in [0, 1] of the way from baseline to target, or of steps done when
 * there is no target; -1 when neither is known. */
double cairn_goal_progress_share(const struct cairn_goal *g);

/* The write road for goals. Each takes the writer lock (waiting up to timeout seconds),
 * reads what it changes under that lock, validates the result, writes and makes one commit
 * "<command>: <id>" whose body says what changed. */

/* Adds g. When g->id is NULL the id is made from the title (and made unique with -2, -3);
 * a given id that exists already is CAIRN_EEXISTS. On success g->id holds the id. */
int cairn_goal_add(struct cairn_repo *repo, struct cairn_goal *g, double timeout, cairn_err *err);

/* What cairn_goal_add would refuse about the id before anything is asked of the user: a
 * title that gives no id, an invalid --id, an --id already taken. Takes no lock; the add
 * checks again under it. */
int cairn_goal_add_precheck(const struct cairn_repo *repo, const struct cairn_goal *g,
                            cairn_err *err);

/* Loads goal id, lets mutate change it, and commits the result. */
typedef int (*cairn_goal_mutate_fn)(struct cairn_goal *g, void *ctx, cairn_err *err);
int cairn_goal_update(struct cairn_repo *repo, const char *id, const char *command,
                      cairn_goal_mutate_fn mutate, void *ctx, double timeout, int *changed,
                      cairn_err *err);

/* Removes goal id. Refused (CAIRN_EDATA) while other goals serve it, unless force. */
int cairn_goal_remove(struct cairn_repo *repo, const char *id, int force, double timeout,
                      cairn_err *err);

/* Replaces the file of goal id with g (from `goal edit`). original is the file's content
 * when the edit began: when the file changed since, nothing is written (CAIRN_EDATA). The
 * file may have been invalid before: that is what editing is for. */
int cairn_goal_replace(struct cairn_repo *repo, const char *id, const char *original,
                       size_t original_len, const struct cairn_goal *g, double timeout,
                       int *changed, cairn_err *err);

/* Which goals `goal list` shows. status 0 with all 0: every goal not done or dropped. */
struct cairn_goal_filter {
	int status, horizon, domain, area, all;
	const char *tag;
	cairn_date due_before; /* due on or before; CAIRN_DATE_NONE: any */
};
int cairn_goal_filter_match(const struct cairn_goal_filter *f, const struct cairn_goal *g);
/* Sorts by due date (goals without one last), then id. */
void cairn_goal_set_sort(struct cairn_goal_set *s);
/* 1 when the goal is open (draft, active, paused) and its due date has passed. */
int cairn_goal_overdue(const struct cairn_goal *g, cairn_date today);

/* Writes the goal into a transaction (goals/<id>.yaml). */
struct cairn_txn;
int cairn_goal_put(struct cairn_txn *txn, const struct cairn_goal *g, cairn_err *err);

#endif
