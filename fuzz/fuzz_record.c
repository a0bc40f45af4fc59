/* cairn — fuzz target: the record reader and the canonical writer, for every record kind.
 *
 * The first byte chooses the kind (g goal, c CE activity, r rule, p plan, v review, f profile;
 * any other byte: the byte modulo the number of kinds); the rest is the file. What loads must
 * write, load again and write again to the same bytes, with no field found different by
 * cairn_record_diff nor in the JSON form (exact numbers, unknown keys), the same verdict from the
 * kind's validation, and the same bytes from a deep copy. The fast reader of the canonical form
 * and libyaml's must read the file alike. A broken invariant prints both sides and aborts. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/goal.h"
#include "cairn/plan.h"
#include "cairn/profile.h"
#include "cairn/record.h"
#include "yaml_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int goal_validate(const void *rec, cairn_err *err)
{
	return cairn_goal_validate(rec, NULL, err);
}

static int ce_validate(const void *rec, cairn_err *err)
{
	return cairn_ce_validate(rec, NULL, err);
}

static int rule_validate(const void *rec, cairn_err *err)
{
	return cairn_rule_validate(rec, NULL, err);
}

static int plan_validate(const void *rec, cairn_err *err)
{
	return cairn_plan_validate(rec, NULL, err);
}

static int review_validate(const void *rec, cairn_err *err)
{
	return cairn_review_validate(rec, NULL, err);
}

static int profile_validate(const void *rec, cairn_err *err)
{
	return cairn_profile_validate(rec, NULL, err);
}

struct target {
	char tag;
	const struct cairn_kind *kind;
	int (*validate)(const void *rec, cairn_err *err);
};

static const struct target targets[] = {
    {'g', &cairn_goal_kind, goal_validate},     {'c', &cairn_ce_kind, ce_validate},
    {'r', &cairn_rule_kind, rule_validate},     {'p', &cairn_plan_kind, plan_validate},
    {'v', &cairn_review_kind, review_validate}, {'f', &cairn_profile_kind, profile_validate},
};
#define NTARGETS (sizeof(targets) / sizeof(targets[0]))

static const struct target *pick(uint8_t b)
{
	for (size_t i = 0; i < NTARGETS; i++)
		if ((uint8_t)targets[i].tag == b)
			return &targets[i];
	return &targets[b % NTARGETS];
}

static void show(const char *what, const char *buf, size_t len)
{
	fprintf(stderr, "---- %s (%zu bytes)\n", what, len);
	fwrite(buf, 1, len, stderr);
	fprintf(stderr, "\n---- end of %s\n", what);
}

static void show_err(const char *what, const cairn_err *err)
{
	char line[CAIRN_ERR_MSG + CAIRN_ERR_PATH + 64];

	cairn_err_format(err, line, sizeof(line));
	fprintf(stderr, "%s: code %d: %s\n", what, err->code, line);
}

/* Reports a broken invariant with the input and what was written from it, and aborts. */
static void fail(const struct target *t, const char *why, const char *in, size_t inlen,
                 const char *first, size_t flen, const char *second, size_t slen)
{
	fprintf(stderr, "fuzz_record: %s: %s\n", t->kind->name, why);
	show("input", in, inlen);
	if (first)
		show("first write", first, flen);
	if (second)
		show("second write", second, slen);
	abort();
}

static char *write_rec(size_t *len, const struct target *t, const void *rec)
{
	cairn_err err = CAIRN_ERR_INIT;
	char *out = NULL;

	if (cairn_record_write(&out, len, t->kind, rec, &err)) {
		/* only running out of memory may stop the writer */
		if (err.code != CAIRN_ENOMEM)
			show_err("cairn_record_write", &err);
		abort();
	}
	if (strlen(out) != *len) {
		fprintf(stderr, "fuzz_record: %s: written length %zu, but the text is %zu bytes\n",
		        t->kind->name, *len, strlen(out));
		abort();
	}
	return out;
}

/* The JSON form of rec: every field and every unknown key, numbers to the last bit. */
static char *json_text(const struct target *t, const void *rec)
{
	json_t *j = cairn_record_json(t->kind, rec);
	char *s;

	if (!j)
		return NULL;
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(j);
	return s;
}

static void roundtrip(const struct target *t, const char *in, size_t inlen)
{
	cairn_err err = CAIRN_ERR_INIT, va = CAIRN_ERR_INIT, vb = CAIRN_ERR_INIT;
	void *a, *b = NULL, *c = NULL;
	char *wa = NULL, *wb = NULL, *wc = NULL, *diff = NULL, *ja = NULL, *jb = NULL;
	size_t la = 0, lb = 0, lc = 0;
	int rc, rca, rcb;

	if (!(a = cairn_record_new(t->kind)))
		return;
	rc = cairn_record_parse(t->kind, a, in, inlen, "fuzz.yaml", &err);
	if (rc) {
		/* a refusal says what is wrong */
		if (rc != err.code || !err.msg[0] || (rc != CAIRN_EDATA && rc != CAIRN_ENOMEM)) {
			show_err("cairn_record_parse", &err);
			fail(t, "a refusal without a code or a message", in, inlen, NULL, 0, NULL,
			     0);
		}
		goto out;
	}
	rca = t->validate(a, &va);

	wa = write_rec(&la, t, a);
	if (!(b = cairn_record_new(t->kind)))
		goto out;
	err = (cairn_err)CAIRN_ERR_INIT;
	if (cairn_record_parse(t->kind, b, wa, la, "fuzz.yaml", &err)) {
		show_err("loading the written record", &err);
		fail(t, "what was written does not load again", in, inlen, wa, la, NULL, 0);
	}
	wb = write_rec(&lb, t, b);
	if (la != lb || memcmp(wa, wb, la))
		fail(t, "writing what was read back gives other bytes", in, inlen, wa, la, wb, lb);

	if (cairn_record_diff(&diff, t->kind, a, b))
		goto out;
	if (diff[0]) {
		fprintf(stderr, "---- cairn_record_diff\n%s", diff);
		fail(t, "the record read back differs field by field", in, inlen, wa, la, wb, lb);
	}

	/* what cairn_record_diff does not look at: unknown keys, exact numbers */
	ja = json_text(t, a);
	jb = json_text(t, b);
	if (!ja || !jb)
		goto out;
	if (strcmp(ja, jb)) {
		fprintf(stderr, "---- JSON of the record read\n%s\n", ja);
		fprintf(stderr, "---- JSON of the record read back\n%s\n", jb);
		fail(t, "the record read back has other values", in, inlen, wa, la, wb, lb);
	}

	rcb = t->validate(b, &vb);
	if (rca != rcb || strcmp(va.msg, vb.msg)) {
		show_err("validating the record read", &va);
		show_err("validating the record read back", &vb);
		fail(t, "validation gives another verdict after the round trip", in, inlen, wa, la,
		     wb, lb);
	}

	if (!(c = cairn_record_new(t->kind)))
		goto out;
	if (cairn_record_copy(t->kind, c, a)) {
		/* out of memory half-way: what was not copied yet still points into a */
		free(c);
		c = NULL;
		goto out;
	}
	wc = write_rec(&lc, t, c);
	if (la != lc || memcmp(wa, wc, la))
		fail(t, "a deep copy writes other bytes", in, inlen, wa, la, wc, lc);
out:
	free(ja);
	free(jb);
	free(diff);
	free(wa);
	free(wb);
	free(wc);
	cairn_record_free(t->kind, a);
	cairn_record_free(t->kind, b);
	cairn_record_free(t->kind, c);
}

/* The fast reader of the canonical form and libyaml's reader: the same verdict, the same
 * message and place, the same tree. */
static void readers_agree(const char *buf, size_t len)
{
	struct cairn_ynode *a = NULL, *b = NULL;
	cairn_err ea = CAIRN_ERR_INIT, eb = CAIRN_ERR_INIT;
	int ra = cairn_yaml_parse(&a, buf, len, "f.yaml", &ea);
	int rb = cairn_yaml_parse_libyaml(&b, buf, len, "f.yaml", &eb);

	if (ra != rb || strcmp(ea.msg, eb.msg) || ea.line != eb.line || ea.column != eb.column ||
	    !cairn_ynode_same(a, b)) {
		fprintf(stderr, "the readers differ: %d %s %d:%d / libyaml %d %s %d:%d\n%.*s\n", ra,
		        ea.msg, ea.line, ea.column, rb, eb.msg, eb.line, eb.column, (int)len, buf);
		abort();
	}
	cairn_ynode_free(a);
	cairn_ynode_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	readers_agree((const char *)data + 1, size - 1);
	roundtrip(pick(data[0]), (const char *)data + 1, size - 1);
	return 0;
}
