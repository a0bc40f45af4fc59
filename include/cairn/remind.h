/* cairn — reminders: what needs the user by a date, most urgent first (for cron) */
#ifndef CAIRN_REMIND_H
#define CAIRN_REMIND_H

#include <stddef.h>

#include "date.h"
#include "repo.h"

/* An active goal with no progress entry (and not started) for this many days is stale. */
#define CAIRN_REMIND_STALE_DAYS 60

enum cairn_remind_kind {
	CAIRN_REMIND_GOAL,    /* a goal due */
	CAIRN_REMIND_STEP,    /* a step due */
	CAIRN_REMIND_REVIEW,  /* a plan review due */
	CAIRN_REMIND_LICENSE, /* a license expiring with CE still needed, or behind */
	CAIRN_REMIND_STALE,   /* an active goal without progress */
};
/* "goal", "step", "review", "license", "stale" */
extern const char *const cairn_remind_kinds[];

struct cairn_remind_item {
	int kind;
	cairn_date date;   /* when it is due (the goal's last progress, for a stale one) */
	int overdue;       /* the date has passed */
	char id[80];       /* the record: goal, goal#step, plan or license id */
	char text[256];    /* one line saying what is due */
	char command[160]; /* the command that acts on it */
};

struct cairn_remind_list {
	struct cairn_remind_item *v; /* overdue first, then by date */
	size_t n;
	/* what was left out: a record that could not be read (its file, line and column), a
	 * license that could not be checked (no rule, a rule that did not load, no expiry) */
	cairn_err *bad;
	size_t nbad;
};

/* Whether window reads as a reminder window: a number of days, weeks, months or years
 * ("30d", "2w", "3m", "1y"; at most 5 digits). */
int cairn_remind_window_valid(const char *window);
/* today + window into *until; CAIRN_EDATA saying what a window is when it is not one. */
int cairn_remind_window(cairn_date *until, const char *window, cairn_date today, cairn_err *err);
/* The end of the reminder window: today + within when it is given, else + the profile's
 * settings.remind_within, else + 30 days. The profile is read only when within is NULL, and
 * an invalid one is refused (CAIRN_EDATA naming cairn.yaml). */
int cairn_remind_until(cairn_date *until, const struct cairn_repo *repo, const char *within,
                       cairn_date today, cairn_err *err);

/* Everything that needs attention by until (today + the window), read from the repository.
 * A record that cannot be used is left out and said in bad; an invalid profile, a folder
 * that cannot be read, or memory running out fails the whole call. */
int cairn_remind_collect(struct cairn_remind_list *out, const struct cairn_repo *repo,
                         cairn_date today, cairn_date until, cairn_err *err);

/* The same from records already loaded (cairn status has them): the profile, the goals, the
 * plans and the CE activities; repo is read for the licenses' rules only. */
struct cairn_profile;
struct cairn_goal_set;
struct cairn_plan_set;
struct cairn_ce_set;
int cairn_remind_collect_from(struct cairn_remind_list *out, const struct cairn_repo *repo,
                              const struct cairn_profile *p, const struct cairn_goal_set *goals,
                              const struct cairn_plan_set *plans, const struct cairn_ce_set *acts,
                              cairn_date today, cairn_date until, cairn_err *err);
void cairn_remind_list_release(struct cairn_remind_list *l);

#endif
