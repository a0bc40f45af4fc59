/* cairn — errors that say what, where and what to do */
#ifndef CAIRN_ERROR_H
#define CAIRN_ERROR_H

#include <stddef.h>

/* Every library call returns 0 or one of these negative codes. */
enum {
	CAIRN_OK = 0,
	CAIRN_ENEG = -1,      /* a negative answer (check failed, something due) */
	CAIRN_EUSAGE = -2,    /* the caller asked for something that makes no sense */
	CAIRN_EDATA = -3,     /* invalid data: bad YAML, wrong type, invalid value */
	CAIRN_ENOTFOUND = -4, /* no repository, unknown id, missing file */
	CAIRN_EIO = -5,       /* I/O or git failure */
	CAIRN_ELOCKED = -6,   /* another writer holds the lock past the timeout */
	CAIRN_ENOMEM = -7,    /* out of memory */
	CAIRN_EEXISTS = -8,   /* the record already exists */
	CAIRN_EPERM = -9,     /* the data directory is open to other users */
};

#define CAIRN_ERR_MSG  512
#define CAIRN_ERR_PATH 1024

/* A caller-owned error: what is wrong, where, and what to do about it. */
typedef struct cairn_err {
	int code;
	char msg[CAIRN_ERR_MSG];
	char file[CAIRN_ERR_PATH]; /* empty when no file is concerned */
	int line, column;          /* 1-based, 0 when unknown */
	char hint[CAIRN_ERR_MSG];  /* empty when there is nothing more to say */
} cairn_err;

#define CAIRN_ERR_INIT                                                                             \
	{                                                                                          \
		0                                                                                  \
	}

void cairn_err_clear(cairn_err *err);

/* Sets code and message; returns code so that `return cairn_err_set(...)` reads well.
 * err may be NULL. */
int cairn_err_set(cairn_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets the place; file may be NULL to leave it unchanged. */
void cairn_err_at(cairn_err *err, const char *file, int line, int column);

void cairn_err_hint(cairn_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts `prefix: ` before the message (e.g. a field name). */
void cairn_err_prefix(cairn_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The process exit status for a code (sysexits where one fits). */
int cairn_exit_status(int code);

/* "file:line:column: message" into buf; the hint is not included. */
void cairn_err_format(const cairn_err *err, char *buf, size_t size);

#endif
