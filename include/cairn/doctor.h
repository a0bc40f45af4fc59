/* cairn — checking the whole repository, and clearing what a killed process left */
#ifndef CAIRN_DOCTOR_H
#define CAIRN_DOCTOR_H

#include "date.h"
#include "error.h"
#include "repo.h"

enum cairn_finding_kind {
	CAIRN_FIND_INVALID,  /* a record that does not load or a broken reference */
	CAIRN_FIND_WARNING,  /* valid but questionable (a goal serving a short-horizon goal) */
	CAIRN_FIND_EDIT,     /* a change in the work tree not committed yet */
	CAIRN_FIND_LEFTOVER, /* a temporary file or a stale git lock */
};

struct cairn_finding {
	enum cairn_finding_kind kind;
	cairn_err where; /* message, file, line:column and hint */
	int fixed;       /* --fix dealt with it */
	int undo;        /* left by an interrupted cairn command: --fix puts back what was there */
};

struct cairn_doctor_report {
	struct cairn_finding *v;
	size_t n;
	size_t records; /* record files read */
	int committed;  /* --fix made a commit of hand edits */
};

/* Validates every record and every reference between records, and lists uncommitted
 * changes and leftovers. With fix: takes the writer lock, removes leftovers and commits
 * valid hand edits in one commit; invalid files are never touched. */
int cairn_doctor_run(struct cairn_doctor_report *out, struct cairn_repo *repo, int fix,
                     double timeout, cairn_err *err);
void cairn_doctor_report_release(struct cairn_doctor_report *r);
/* How many findings of kind are not fixed. */
size_t cairn_doctor_count(const struct cairn_doctor_report *r, enum cairn_finding_kind kind);

#endif
