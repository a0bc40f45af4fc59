/* cairn — the SMART check: an explainable judgement of one goal against the five criteria */
#ifndef CAIRN_SMART_H
#define CAIRN_SMART_H

#include <stddef.h>

#include "date.h"
#include "goal.h"

/* The thresholds of the rules, documented in cairn-smart(1). */

/* Specific: the goal's `specific` text (or its title when there is none) has at least this
 * many words. */
#define CAIRN_SMART_MIN_WORDS 8
/* Achievable: the pace still needed may be at most this many times the pace seen so far. */
#define CAIRN_SMART_PACE_FACTOR 2.0
/* Achievable: the pace seen is judged only once this many days have passed since the point
 * it is measured from (the start, else the day the goal was created, else the first
 * progress entry). */
#define CAIRN_SMART_PACE_MIN_DAYS 14
/* Time-bound: a short-horizon goal is due within this many months of its start (on or
 * before the same day a year later); a long one after. */
#define CAIRN_SMART_SHORT_MONTHS CAIRN_SHORT_HORIZON_MONTHS

enum cairn_smart_verdict { CAIRN_SMART_PASS, CAIRN_SMART_WARN, CAIRN_SMART_FAIL };

enum cairn_smart_criterion {
	CAIRN_SMART_S,
	CAIRN_SMART_M,
	CAIRN_SMART_A,
	CAIRN_SMART_R,
	CAIRN_SMART_T,
	CAIRN_SMART_N
};

/* "specific", "measurable", "achievable", "relevant", "time-bound" */
extern const char *const cairn_smart_criteria[CAIRN_SMART_N];
/* "pass", "warn", "fail" */
extern const char *const cairn_smart_verdicts[3];

struct cairn_smart_item {
	int verdict;
	char reason[256];     /* one sentence that names the field */
	char suggestion[256]; /* what to do about it; empty when it passes */
};

struct cairn_smart_result {
	struct cairn_smart_item item[CAIRN_SMART_N];
	int verdict; /* the worst of the five */
	int nwarn, nfail;
};

/* What the check knows about the rest of the repository. */
struct cairn_smart_context {
	struct cairn_goal *const *goals; /* every other goal of the repository */
	size_t n;
	int alone; /* the goal was read from a file outside any repository: serves only warns */
	cairn_date today;
};

/* Judges g. A pure function of the goal, the other goals and today: no I/O. */
void cairn_smart_check(struct cairn_smart_result *out, const struct cairn_goal *g,
                       const struct cairn_smart_context *ctx);

/* The result as JSON (a jansson json_t *, as void *): {id, title, file, verdict, criteria:
 * {specific: {verdict, reason, suggestion}, ...}}. file may be NULL. */
void *cairn_smart_json(const struct cairn_smart_result *r, const struct cairn_goal *g,
                       const char *file);

#endif
