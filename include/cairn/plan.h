/* cairn — the personal development plan (plans/<id>.yaml) and its reviews
 * (reviews/<plan>/<date>.yaml): cadence, snapshots, due reviews, the write road */
#ifndef CAIRN_PLAN_H
#define CAIRN_PLAN_H

#include "date.h"
#include "goal.h"
#include "record.h"
#include "repo.h"

#define CAIRN_PLANS_DIR   "plans"
#define CAIRN_REVIEWS_DIR "reviews"

struct cairn_plan_review {
	char *every;     /* weekly, biweekly, monthly, quarterly, or <N>d */
	cairn_date next; /* the next review */
	struct cairn_extra extra;
};

struct cairn_plan {
	char *id, *title;
	cairn_date start, end;
	struct cairn_strlist goals;
	char *evaluation; /* how success is judged */
	struct cairn_plan_review *review;
	char *notes;
	struct cairn_extra extra;
};

/* One goal as it stood on the day of a review. */
struct cairn_snap {
	char *goal;
	int status;
	struct cairn_num current, target;
	char *unit;
	struct cairn_num open_steps, overdue_steps;
	char *smart; /* pass, warn or fail */
	struct cairn_extra extra;
};

struct cairn_review {
	char *plan;
	cairn_date date;
	char *achieved, *challenges;
	struct cairn_num motivation; /* 1-5 */
	int still_fits;              /* yes, adjust */
	char *feedback, *adjustments;
	cairn_date next;
	CAIRN_LIST(struct cairn_snap) snapshot;
	struct cairn_extra extra;
};

extern const struct cairn_kind cairn_plan_kind;
extern const struct cairn_kind cairn_review_kind;
extern const char *const cairn_still_fits_names[];

/* ---- cadence ---- */

/* Whether every is a cadence cairn knows. */
int cairn_cadence_valid(const char *every);
/* The k-th date of the series that starts at anchor (k = 0: anchor itself). Months are
 * counted from the anchor, so a series from Jan 31 goes Feb 28, Mar 31, Apr 30. */
cairn_date cairn_cadence_nth(cairn_date anchor, const char *every, int k);
/* The first date of the series anchored at anchor that is after day. */
cairn_date cairn_cadence_after(cairn_date anchor, const char *every, cairn_date day);

/* ---- plans ---- */

int cairn_plan_validate(const struct cairn_plan *p, const char *file, cairn_err *err);
int cairn_plan_parse(struct cairn_plan **out, const char *buf, size_t len, const char *file,
                     cairn_err *err);
int cairn_plan_load(struct cairn_plan **out, const struct cairn_repo *repo, const char *id,
                    cairn_err *err);
int cairn_plan_resolve(char *buf, const struct cairn_repo *repo, const char *prefix,
                       cairn_err *err);
void cairn_plan_free(struct cairn_plan *p);

struct cairn_plan_set {
	struct cairn_plan **v;
	size_t n;
	cairn_err *bad;
	size_t nbad;
};
int cairn_plan_load_all(struct cairn_plan_set *out, const struct cairn_repo *repo, cairn_err *err);
void cairn_plan_set_release(struct cairn_plan_set *s);

/* The review cadence of a new plan when none is given: the profile's settings.review_every,
 * else monthly, into buf. An invalid profile is refused (CAIRN_EDATA naming cairn.yaml). */
int cairn_plan_default_cadence(char *buf, size_t size, const struct cairn_repo *repo,
                               cairn_err *err);

/* Sets the plan's review cadence (every), keeping its next review. CAIRN_ENOMEM or 0. */
int cairn_plan_set_cadence(struct cairn_plan *p, const char *every);

/* The review after one held on day: the next date of the plan's cadence after day, or after
 * the review that was scheduled when day is earlier (a review held early takes its place);
 * none past the plan's end. */
cairn_date cairn_plan_next_review(const struct cairn_plan *p, cairn_date day);

/* Whether the plan's review is due on or before day. */
int cairn_plan_review_due(const struct cairn_plan *p, cairn_date day);
/* Every plan whose review is due on or before day (for reminders): ids, NULL-ended. */
int cairn_plans_due(char ***ids, size_t *n, const struct cairn_repo *repo, cairn_date day,
                    cairn_err *err);

/* Adds a plan: its goals must exist; review.next is the first review after the start. */
int cairn_plan_add(struct cairn_repo *repo, struct cairn_plan *p, double timeout, cairn_err *err);
/* Replaces the file of plan id with p (from `plan edit`). original is the file's content when
 * the edit began: when the file changed since, nothing is written (CAIRN_EDATA). The id
 * cannot change; the goals must exist. */
int cairn_plan_replace(struct cairn_repo *repo, const char *id, const char *original,
                       size_t original_len, const struct cairn_plan *p, double timeout,
                       int *changed, cairn_err *err);

/* Loads plan id, lets mutate change it, validates and commits "<command>: <id>". */
typedef int (*cairn_plan_mutate_fn)(struct cairn_plan *p, void *ctx, cairn_err *err);
int cairn_plan_update(struct cairn_repo *repo, const char *id, const char *command,
                      cairn_plan_mutate_fn mutate, void *ctx, double timeout, int *changed,
                      cairn_err *err);

/* ---- reviews ---- */

/* Table checks plus motivation 1 to 5; with file (reviews/<plan>/<date>.yaml), also that
 * the file is named by the review's date and lies in its plan's folder. */
int cairn_review_validate(const struct cairn_review *r, const char *file, cairn_err *err);
int cairn_review_parse(struct cairn_review **out, const char *buf, size_t len, const char *file,
                       cairn_err *err);
void cairn_review_free(struct cairn_review *r);
/* Reads the answers of a review from a YAML file (achieved, challenges, motivation,
 * still_fits, feedback, adjustments), with file:line:column for what is wrong. */
int cairn_review_read_answers(struct cairn_review **out, const char *path, cairn_err *err);
/* The dates of the plan's past reviews, oldest first. */
int cairn_review_dates(cairn_date **out, size_t *n, const struct cairn_repo *repo, const char *plan,
                       cairn_err *err);
int cairn_review_load(struct cairn_review **out, const struct cairn_repo *repo, const char *plan,
                      cairn_date date, cairn_err *err);

/* Fills r->snapshot with each of the plan's goals as it stands (status, measure, open and
 * overdue steps, SMART verdict on today). goals are every goal of the repository. */
int cairn_review_snapshot(struct cairn_review *r, const struct cairn_plan *p,
                          struct cairn_goal *const *goals, size_t n, cairn_date today,
                          cairn_err *err);

/* The bookkeeping of a guided sitting, before it is saved: drops from changed (freeing them)
 * the goals left as found had them; sets *before to a new array (caller frees) giving, for
 * each goal left in changed, the goal as found had it, or NULL for a goal added in the
 * sitting; and takes r's snapshot of the plan's goals as the sitting left them, goals added
 * in it included. */
int cairn_review_sitting(struct cairn_review *r, const struct cairn_plan *p,
                         const struct cairn_goal_set *found, struct cairn_goal **changed,
                         size_t *nchanged, struct cairn_goal ***before, cairn_date today,
                         cairn_err *err);

/* The goals a review of p needs (found, for cairn_review_sitting): the plan's goals, the
 * goals they serve (their SMART check looks them up), and those served by the goals in
 * extra (goals changed or added in the sitting). Adds to out, which may start zeroed. */
int cairn_review_goals(struct cairn_goal_set *out, const struct cairn_repo *repo,
                       const struct cairn_plan *p, struct cairn_goal *const *extra, size_t nextra,
                       cairn_err *err);

/* Adds to out the goals of r's snapshot not in it yet (a goal taken out of the plan since is
 * still shown beside its snapshot); one that does not load is left out. */
int cairn_review_snapshot_goals(struct cairn_goal_set *out, const struct cairn_repo *repo,
                                const struct cairn_review *r, cairn_err *err);

/* Whether the plan has a review on date already (one a day). */
int cairn_review_exists(const struct cairn_repo *repo, const char *plan, cairn_date date);

/* Saves a review in one commit: reviews/<plan>/<date>.yaml, the plan with its next review
 * moved by its cadence (none past the plan's end), and every goal in changed (goals changed
 * in the sitting; before[i] is changed[i] as the sitting found it, or NULL for a goal added
 * in the sitting: its id must still be free, and it joins the plan). A goal that changed on
 * disk meanwhile (another command during a long sitting) is not overwritten: nothing is
 * saved and the error says which. The commit body says what changed in each goal. */
int cairn_review_save(struct cairn_repo *repo, struct cairn_review *r,
                      struct cairn_goal *const *before, struct cairn_goal *const *changed,
                      size_t nchanged, double timeout, cairn_err *err);

#endif
