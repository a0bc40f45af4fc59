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
	size_t nbad; /* records that could not be read (left out; doctor names them) */
};

/* Everything that needs attention by until (today + the window), read from the repository. */
int cairn_remind_collect(struct cairn_remind_list *out, const struct cairn_repo *repo,
                         cairn_date today, cairn_date until, cairn_err *err);
void cairn_remind_list_release(struct cairn_remind_list *l);

#endif
