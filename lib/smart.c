/* cairn — the SMART check. Each rule gives a verdict, one sentence of reason that names the
 * field it looked at, and a suggestion a person can act on. No I/O: a function of the goal,
 * the other goals and today. */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cairn/smart.h"

const char *const cairn_smart_criteria[CAIRN_SMART_N] = {
    "specific", "measurable", "achievable", "relevant", "time-bound",
};
const char *const cairn_smart_verdicts[3] = {"pass", "warn", "fail"};

__attribute__((format(printf, 3, 4))) static void say(struct cairn_smart_item *it, int verdict,
                                                      const char *fmt, ...)
{
	va_list ap;

	it->verdict = verdict;
	va_start(ap, fmt);
	vsnprintf(it->reason, sizeof(it->reason), fmt, ap);
	va_end(ap);
	it->suggestion[0] = '\0';
}

__attribute__((format(printf, 2, 3))) static void suggest(struct cairn_smart_item *it,
                                                          const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->suggestion, sizeof(it->suggestion), fmt, ap);
	va_end(ap);
}

/* ---- words ---- */

/* The words of s (runs between blanks that hold a letter or a digit), lower-cased and without
 * punctuation at either end, into w (at most max). Returns how many there are. */
#define WORD_MAX 48
static size_t words(const char *s, char w[][WORD_MAX], size_t max)
{
	size_t n = 0;

	while (s && *s) {
		size_t k = 0;
		int letters = 0;
		while (*s && isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		while (*s && !isspace((unsigned char)*s)) {
			/* a letter or a digit, or any byte of a non-ASCII character */
			letters |= isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80;
			if (n < max && k + 1 < WORD_MAX)
				w[n][k++] = (char)tolower((unsigned char)*s);
			s++;
		}
		if (!letters)
			continue; /* a dash or a bullet alone is not a word */
		if (n < max) {
			w[n][k] = '\0';
			/* strip punctuation around the word, keep it inside (tf-cbt, 20%) */
			size_t a = 0, b = strlen(w[n]);
			while (a < b && ispunct((unsigned char)w[n][a]))
				a++;
			while (b > a && ispunct((unsigned char)w[n][b - 1]) && w[n][b - 1] != '%')
				b--;
			memmove(w[n], w[n] + a, b - a);
			w[n][b - a] = '\0';
		}
		n++;
	}
	return n;
}

static size_t count_words(const char *s)
{
	return words(s, NULL, 0);
}

static int in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return 1;
	return 0;
}

/* Words that, alone, make a goal vague (SPEC §4), with their usual forms. */
static const char *const vague_words[] = {
    "improve", "improves", "improving", "improved", "improvement", "better",
    "more",    "try",      "tries",     "trying",   "tried",       NULL,
};

static const char *const number_words[] = {
    "one",   "two",     "three",  "four",   "five",    "six",    "seven",  "eight",
    "nine",  "ten",     "eleven", "twelve", "fifteen", "twenty", "thirty", "forty",
    "fifty", "hundred", "dozen",  "half",   "double",  "twice",  NULL,
};

/* Words that say why: "to treat", "so that", "because", "for my clients". */
static const char *const why_words[] = {"to",    "so",     "because", "for",
                                        "since", "toward", "towards", NULL};

/* The vague word title rests on, or NULL. "work on" counts as one. */
static const char *vague_word(char w[][WORD_MAX], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (in_list(w[i], vague_words))
			return w[i];
		if ((!strcmp(w[i], "work") || !strcmp(w[i], "working")) && i + 1 < n &&
		    !strcmp(w[i + 1], "on"))
			return "work on";
	}
	return NULL;
}

static int has_number(const char *s, char w[][WORD_MAX], size_t n)
{
	for (const char *p = s; *p; p++)
		if (isdigit((unsigned char)*p))
			return 1;
	for (size_t i = 0; i < n; i++)
		if (in_list(w[i], number_words))
			return 1;
	return 0;
}

/* A named skill or credential: an acronym (CBT, EMDR, LPC-S, PhD: two capitals or more in a
 * word) or a capitalised word after the first (Gottman, Spanish, Texas). In a Title Case
 * title every word is capitalised, so there only acronyms name something; "I" never does. */
static int has_name(const char *s)
{
	int first = 1, acronym = 0, named = 0, long_words = 0, long_caps = 0;

	while (*s) {
		int caps = 0, initial;
		size_t len = 0;
		while (*s && isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		initial = isupper((unsigned char)*s) != 0;
		for (; *s && !isspace((unsigned char)*s); s++, len++)
			caps += isupper((unsigned char)*s) != 0;
		if (caps >= 2)
			acronym = 1;
		else if (!first && len >= 4) {
			long_words++;
			long_caps += initial;
			named |= initial;
		}
		first = 0;
	}
	if (acronym)
		return 1;
	return named && !(long_words >= 2 && long_caps == long_words);
}

static int has_why(char w[][WORD_MAX], size_t n)
{
	/* "to" as the very first word is the infinitive of the goal itself, not a purpose */
	for (size_t i = 1; i < n; i++)
		if (in_list(w[i], why_words))
			return 1;
	return 0;
}

/* ---- formatting ---- */

static const char *num(double v, char *buf, size_t size)
{
	return cairn_num_format(v, buf, size);
}

/* Rates per day as "N <unit> a week" (or a month, or a year): the period that makes the
 * larger of the two at least 1, the same for both so that they compare at a glance. */
static const char *period(double a, double b, double *days)
{
	double top = a > b ? a : b;

	if (top * 7 >= 1) {
		*days = 7;
		return "a week";
	}
	if (top * 30.4375 >= 1) {
		*days = 30.4375;
		return "a month";
	}
	*days = 365.25;
	return "a year";
}

static const char *rate(double per_day, double days, const char *per, const char *unit, char *buf,
                        size_t size)
{
	char n[32];

	snprintf(n, sizeof(n), "%.1f", per_day * days);
	if (strlen(n) > 2 && !strcmp(n + strlen(n) - 2, ".0"))
		n[strlen(n) - 2] = '\0';
	snprintf(buf, size, "%s%s%s %s", n, unit ? " " : "", unit ? unit : "", per);
	return buf;
}

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- S ---- */

static void check_specific(struct cairn_smart_item *it, const struct cairn_goal *g)
{
	const char *title = g->title ? g->title : "";
	char w[64][WORD_MAX], tw[64][WORD_MAX];
	const char *text = g->specific && *g->specific ? g->specific : NULL;
	const char *field = text ? "specific" : "title";
	size_t tn = words(title, tw, 64);
	size_t n = count_words(text ? text : title);
	const char *vague = vague_word(tw, tn < 64 ? tn : 64);

	if (!text)
		text = title;
	words(text, w, 64);
	if (vague && !has_number(title, tw, tn < 64 ? tn : 64) && !has_name(title)) {
		say(it, CAIRN_SMART_FAIL,
		    "title: \"%s\" rests on '%s' without a number or a named skill or credential",
		    title, vague);
		suggest(it,
		        "name the skill and the result, e.g. \"Complete a 12-week CBT course to "
		        "treat anxiety disorders\" instead of \"%s\"",
		        title);
		return;
	}
	if (n < CAIRN_SMART_MIN_WORDS) {
		if (!g->specific || !*g->specific)
			say(it, CAIRN_SMART_FAIL,
			    "specific: missing, and the title alone (%zu %s) does not say what you "
			    "will "
			    "do and why",
			    n, plural((long)n, "word", "words"));
		else
			say(it, CAIRN_SMART_FAIL,
			    "specific: %zu %s; it takes at least %d to say what you will do and "
			    "why",
			    n, plural((long)n, "word", "words"), CAIRN_SMART_MIN_WORDS);
		suggest(it,
		        "write what exactly you will do and why, e.g. specific: \"Complete the DBT "
		        "intensive to run a skills group for clients with self-harm\"");
		return;
	}
	/* the why may also be in relevant or serves: asking for it twice reads as nagging */
	if (!has_why(w, n < 64 ? n : 64) && !(g->relevant && *g->relevant) && !g->serves.n) {
		say(it, CAIRN_SMART_WARN,
		    "%s: says what you will do but not why, and neither relevant nor serves does",
		    field);
		suggest(it, "add the purpose: \"... to <what it will change for your clients or "
		            "career>\"");
		return;
	}
	say(it, CAIRN_SMART_PASS, "%s: says what you will do in %zu words", field, n);
}

/* ---- M ---- */

static void check_measurable(struct cairn_smart_item *it, const struct cairn_goal *g,
                             const char *by)
{
	const struct cairn_measure *m = g->measure;
	char a[32], b[32];
	size_t undated = 0;

	if (m && m->target.set) {
		double from = m->baseline.set ? m->baseline.v : 0;
		if (!m->metric || !*m->metric) {
			say(it, CAIRN_SMART_WARN,
			    "measure: a target of %s but no metric says of what",
			    num(m->target.v, a, sizeof(a)));
			suggest(it,
			        "name what you count: measure: {metric: group sessions led, "
			        "target: %s}",
			        a);
			return;
		}
		if (m->baseline.set && m->target.v == from) {
			say(it, CAIRN_SMART_WARN,
			    "measure: the target %s equals the baseline; reaching it changes "
			    "nothing",
			    num(m->target.v, a, sizeof(a)));
			suggest(it, "set the target to the value you want to reach by %s", by);
			return;
		}
		if (m->baseline.set)
			say(it, CAIRN_SMART_PASS, "measure: %s, from %s to %s%s%s", m->metric,
			    num(from, a, sizeof(a)), num(m->target.v, b, sizeof(b)),
			    m->unit ? " " : "", m->unit ? m->unit : "");
		else
			say(it, CAIRN_SMART_PASS, "measure: %s, target %s%s%s", m->metric,
			    num(m->target.v, b, sizeof(b)), m->unit ? " " : "",
			    m->unit ? m->unit : "");
		return;
	}
	for (size_t i = 0; i < g->steps.n; i++)
		undated += !g->steps.v[i].due;
	if (g->steps.n && !undated) {
		say(it, CAIRN_SMART_PASS, "steps: all %zu %s dated, so progress can be checked",
		    g->steps.n, plural((long)g->steps.n, "step is", "steps are"));
		return;
	}
	if (g->steps.n) {
		say(it, CAIRN_SMART_FAIL, "measure: no target, and %zu of the %zu steps %s no date",
		    undated, g->steps.n, plural((long)undated, "has", "have"));
		suggest(it,
		        "date every step (cairn goal edit %s), or add a target: how many, of "
		        "what, by %s?",
		        g->id ? g->id : "ID", by);
		return;
	}
	if (m && m->metric && *m->metric) {
		say(it, CAIRN_SMART_FAIL, "measure: counts %s but has no target", m->metric);
		suggest(it, "add a target: how many %s by %s?", m->metric, by);
		return;
	}
	say(it, CAIRN_SMART_FAIL, "measure: none, and no dated steps to check progress against");
	suggest(it,
	        "add a target: how many, of what, by %s? e.g. --metric \"group sessions led\" "
	        "--target 5, or dated steps",
	        by);
}

/* ---- A ---- */

/* The pace rule: 1 and the item filled when it decided, 0 when it has nothing to say. */
static int check_pace(struct cairn_smart_item *it, const struct cairn_goal *g, cairn_date today)
{
	const struct cairn_measure *m = g->measure;
	char a[64], b[64], c[32], d[CAIRN_DATE_BUF];
	double from, current, dir, remaining, need, seen, factor, days;
	const char *per;
	cairn_date ref;
	long left, elapsed;

	if (!m || !m->target.set || !g->progress.n || !g->due)
		return 0;
	from = m->baseline.set ? m->baseline.v : 0;
	current = m->current.set ? m->current.v : from;
	dir = m->target.v >= from ? 1 : -1;
	remaining = (m->target.v - current) * dir;
	left = (long)g->due - (long)today;
	if (remaining <= 0) {
		say(it, CAIRN_SMART_PASS, "progress: the target of %s is reached",
		    num(m->target.v, c, sizeof(c)));
		return 1;
	}
	if (left <= 0)
		return 0; /* past due: the time-bound rule speaks */
	/* the pace seen: from the start (or the day the goal was created), at the baseline; else
	 * from the first entry of the log */
	ref = g->start ? g->start : g->created;
	if (!ref) {
		ref = g->progress.v[0].date;
		from = g->progress.v[0].value.v;
		for (size_t i = 1; i < g->progress.n; i++)
			if (g->progress.v[i].date < ref) {
				ref = g->progress.v[i].date;
				from = g->progress.v[i].value.v;
			}
	}
	elapsed = (long)today - (long)ref;
	if (elapsed < CAIRN_SMART_PACE_MIN_DAYS)
		return 0;
	seen = (current - from) * dir / (double)elapsed;
	need = remaining / (double)left;
	per = period(need, seen, &days);
	if (seen <= 0) {
		say(it, CAIRN_SMART_WARN,
		    "progress: no gain since %s; reaching %s by the due date takes %s",
		    cairn_date_format(ref, d), num(m->target.v, c, sizeof(c)),
		    rate(need, days, per, m->unit, a, sizeof(a)));
		suggest(it,
		        "record what you have done (cairn goal progress %s N), or lower the "
		        "target or move the due date",
		        g->id ? g->id : "ID");
		return 1;
	}
	factor = need / seen;
	if (factor > CAIRN_SMART_PACE_FACTOR) {
		say(it, CAIRN_SMART_FAIL,
		    "progress: needs %s, %.1fx the pace so far (%s); more than %gx is not "
		    "realistic",
		    rate(need, days, per, m->unit, a, sizeof(a)), factor,
		    rate(seen, days, per, m->unit, b, sizeof(b)), CAIRN_SMART_PACE_FACTOR);
		suggest(it,
		        "lower the target, move the due date, or plan what will change the pace "
		        "(a step with a date)");
		return 1;
	}
	if (factor > 1)
		say(it, CAIRN_SMART_PASS, "progress: needs %s, %.1fx the pace so far (%s)",
		    rate(need, days, per, m->unit, a, sizeof(a)), factor,
		    rate(seen, days, per, m->unit, b, sizeof(b)));
	else
		say(it, CAIRN_SMART_PASS, "progress: on pace; %s needed, %s so far",
		    rate(need, days, per, m->unit, a, sizeof(a)),
		    rate(seen, days, per, m->unit, b, sizeof(b)));
	return 1;
}

static void check_achievable(struct cairn_smart_item *it, const struct cairn_goal *g,
                             cairn_date today)
{
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF];
	int has_text = g->achievable && *g->achievable;
	size_t open = 0;

	/* an open step that can only end after the goal does */
	for (size_t i = 0; i < g->steps.n; i++) {
		const struct cairn_step *s = &g->steps.v[i];
		if (s->done)
			continue;
		open++;
		if (g->due && s->due && s->due > g->due) {
			say(it, CAIRN_SMART_FAIL,
			    "steps: step %zu \"%s\" is due %s, after the goal's due date %s", i + 1,
			    s->title, cairn_date_format(s->due, a), cairn_date_format(g->due, b));
			suggest(it,
			        "move the goal's due date past %s, or find a faster way to do "
			        "that step",
			        a);
			return;
		}
	}
	/* the pace, when it can be judged, speaks first: a goal out of reach is out of reach
	 * whatever the plan says */
	if (check_pace(it, g, today) && it->verdict != CAIRN_SMART_PASS)
		return;
	if (!g->steps.n && !has_text) {
		say(it, CAIRN_SMART_WARN,
		    "steps and achievable: neither says how you will get there with the time you "
		    "have");
		suggest(it,
		        "add a first step (cairn goal step add %s \"...\" --due DATE), or say "
		        "what makes it doable (hours a week, support, money)",
		        g->id ? g->id : "ID");
		return;
	}
	if (it->reason[0])
		return; /* the pace passed: its reason says the most */
	if (g->steps.n)
		say(it, CAIRN_SMART_PASS, "steps: %zu %s planned, %zu still open%s", g->steps.n,
		    plural((long)g->steps.n, "step", "steps"), open,
		    has_text ? "; achievable says how" : "");
	else
		say(it, CAIRN_SMART_PASS, "achievable: says how you will fit it in");
}

/* ---- R ---- */

/* The horizon written, or the one the dates give (as for a new goal). */
static int horizon_of(const struct cairn_goal *g)
{
	return g->horizon ? g->horizon
	                  : cairn_goal_default_horizon(g->start ? g->start : g->created, g->due);
}

static const struct cairn_goal *find_goal(const struct cairn_smart_context *ctx, const char *id)
{
	for (size_t i = 0; i < ctx->n; i++)
		if (ctx->goals[i] && ctx->goals[i]->id && !strcmp(ctx->goals[i]->id, id))
			return ctx->goals[i];
	return NULL;
}

static void check_relevant(struct cairn_smart_item *it, const struct cairn_goal *g,
                           const struct cairn_smart_context *ctx)
{
	int has_text = g->relevant && *g->relevant;
	const char *good = NULL;

	for (size_t i = 0; i < g->serves.n; i++) {
		const char *id = g->serves.v[i];
		const struct cairn_goal *t = ctx->alone ? NULL : find_goal(ctx, id);
		if (ctx->alone) {
			say(it, CAIRN_SMART_WARN,
			    "serves: '%s' cannot be checked in a file outside the repository", id);
			suggest(it, "check the goal inside its repository: cairn smart check %s",
			        g->id ? g->id : "ID");
			return;
		}
		if (!t) {
			say(it, CAIRN_SMART_FAIL, "serves: '%s' is not a goal in this repository",
			    id);
			suggest(it,
			        "name an existing long-term goal (cairn goal list --horizon long), "
			        "or remove it from serves");
			return;
		}
		if (t->status == CAIRN_STATUS_DROPPED) {
			say(it, CAIRN_SMART_FAIL,
			    "serves: '%s' was dropped, so this goal serves nothing", id);
			suggest(it,
			        "link it to a long-term goal you still hold, or ask whether this "
			        "goal still matters");
			return;
		}
		if (horizon_of(t) != CAIRN_HORIZON_LONG) {
			say(it, CAIRN_SMART_WARN, "serves: '%s' is not a long-term goal", id);
			suggest(it,
			        "serve a long-term goal (horizon: long): the career aim this one "
			        "moves forward");
			return;
		}
		if (!good)
			good = id;
	}
	if (good)
		say(it, CAIRN_SMART_PASS, "serves: the long-term goal '%s'%s", good,
		    g->serves.n > 1 ? " and others" : "");
	else if (has_text)
		say(it, CAIRN_SMART_PASS, "relevant: says why it matters");
	else {
		say(it, CAIRN_SMART_WARN,
		    "relevant and serves: neither says why this goal matters "
		    "to your career");
		suggest(it, "add serves: the long-term goal it advances, or relevant: one sentence "
		            "on why it matters now");
	}
}

/* ---- T ---- */

static void check_time(struct cairn_smart_item *it, const struct cairn_goal *g, cairn_date today)
{
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF], c[CAIRN_DATE_BUF];
	cairn_date start = g->start ? g->start : g->created, year;
	int horizon = horizon_of(g);
	long left;

	if (!g->due) {
		say(it, CAIRN_SMART_FAIL, "due: none; a goal without a date can wait forever");
		suggest(it, "set a due date (--due 2027-06-30, --due +6m, --due eoy)");
		return;
	}
	if (start && g->due <= start) {
		say(it, CAIRN_SMART_FAIL, "due: %s is not after the start %s",
		    cairn_date_format(g->due, a), cairn_date_format(start, b));
		suggest(it, "move the due date after the start");
		return;
	}
	left = (long)g->due - (long)today;
	if (g->status == CAIRN_STATUS_ACTIVE && left < 0) {
		say(it, CAIRN_SMART_FAIL, "due: %s passed %ld %s ago and the goal is still active",
		    cairn_date_format(g->due, a), -left, plural(-left, "day", "days"));
		suggest(it,
		        "set a new due date (cairn goal edit %s), or close it with goal done or "
		        "goal drop",
		        g->id ? g->id : "ID");
		return;
	}
	year = start ? cairn_date_add_months(start, CAIRN_SMART_SHORT_MONTHS) : CAIRN_DATE_NONE;
	if (horizon == CAIRN_HORIZON_SHORT && year && g->due > year) {
		say(it, CAIRN_SMART_FAIL,
		    "due: %s is more than a year after the start %s; a short-horizon goal ends by "
		    "%s",
		    cairn_date_format(g->due, a), cairn_date_format(start, b),
		    cairn_date_format(year, c));
		suggest(it, "split it into a long-term goal and a short one due within a year, or "
		            "set horizon: long");
		return;
	}
	if (horizon == CAIRN_HORIZON_LONG && year && g->due <= year) {
		say(it, CAIRN_SMART_WARN,
		    "due: %s is within a year of the start, short for a long-horizon goal",
		    cairn_date_format(g->due, a));
		suggest(it, "set horizon: short, or a due date that matches the long view");
		return;
	}
	if (left >= 0)
		say(it, CAIRN_SMART_PASS, "due: %s, %s", cairn_date_format(g->due, a),
		    left == 0   ? "today"
		    : left == 1 ? "tomorrow"
		                : "");
	else
		say(it, CAIRN_SMART_PASS, "due: %s", cairn_date_format(g->due, a));
	if (left > 1) {
		size_t len = strlen(it->reason);
		snprintf(it->reason + len, sizeof(it->reason) - len, "in %ld days", left);
	}
}

void cairn_smart_check(struct cairn_smart_result *out, const struct cairn_goal *g,
                       const struct cairn_smart_context *ctx)
{
	char by[CAIRN_DATE_BUF + 8];

	memset(out, 0, sizeof(*out));
	if (g->due)
		cairn_date_format(g->due, by);
	else
		snprintf(by, sizeof(by), "when");
	check_specific(&out->item[CAIRN_SMART_S], g);
	check_measurable(&out->item[CAIRN_SMART_M], g, by);
	check_achievable(&out->item[CAIRN_SMART_A], g, ctx->today);
	check_relevant(&out->item[CAIRN_SMART_R], g, ctx);
	check_time(&out->item[CAIRN_SMART_T], g, ctx->today);
	for (int i = 0; i < CAIRN_SMART_N; i++) {
		int v = out->item[i].verdict;
		out->nwarn += v == CAIRN_SMART_WARN;
		out->nfail += v == CAIRN_SMART_FAIL;
		if (v > out->verdict)
			out->verdict = v;
	}
}

void *cairn_smart_json(const struct cairn_smart_result *r, const struct cairn_goal *g,
                       const char *file)
{
	json_t *o = json_object(), *crit = json_object();

	json_object_set_new(o, "id", g->id ? json_string(g->id) : json_null());
	json_object_set_new(o, "title", g->title ? json_string(g->title) : json_null());
	json_object_set_new(o, "file", file ? json_string(file) : json_null());
	json_object_set_new(o, "verdict", json_string(cairn_smart_verdicts[r->verdict]));
	for (int i = 0; i < CAIRN_SMART_N; i++) {
		const struct cairn_smart_item *it = &r->item[i];
		json_t *c = json_object();
		json_object_set_new(c, "verdict", json_string(cairn_smart_verdicts[it->verdict]));
		json_object_set_new(c, "reason", json_string(it->reason));
		json_object_set_new(c, "suggestion",
		                    it->suggestion[0] ? json_string(it->suggestion) : json_null());
		json_object_set_new(crit, cairn_smart_criteria[i], c);
	}
	json_object_set_new(o, "criteria", crit);
	return o;
}
