/* cairn — errors */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cairn/error.h"

void cairn_err_clear(cairn_err *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int cairn_err_set(cairn_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	memset(err, 0, sizeof(*err));
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void cairn_err_at(cairn_err *err, const char *file, int line, int column)
{
	if (!err)
		return;
	if (file)
		snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
	err->column = column;
}

void cairn_err_hint(cairn_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

void cairn_err_prefix(cairn_err *err, const char *fmt, ...)
{
	char pre[CAIRN_ERR_MSG], old[CAIRN_ERR_MSG];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s: %s", pre, old);
}

int cairn_exit_status(int code)
{
	switch (code) {
	case CAIRN_OK:
		return 0;
	case CAIRN_ENEG:
		return 1;
	case CAIRN_EUSAGE:
		return 2;
	case CAIRN_EDATA:
	case CAIRN_EEXISTS:
		return 65; /* EX_DATAERR */
	case CAIRN_ENOTFOUND:
		return 66; /* EX_NOINPUT */
	case CAIRN_ENOMEM:
		return 71; /* EX_OSERR */
	case CAIRN_ELOCKED:
		return 75; /* EX_TEMPFAIL */
	case CAIRN_EPERM:
		return 77; /* EX_NOPERM */
	case CAIRN_EIO:
	default:
		return 74; /* EX_IOERR */
	}
}

void cairn_err_format(const cairn_err *err, char *buf, size_t size)
{
	if (!err->file[0])
		snprintf(buf, size, "%s", err->msg);
	else if (err->line > 0 && err->column > 0)
		snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->column, err->msg);
	else if (err->line > 0)
		snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->msg);
	else
		snprintf(buf, size, "%s: %s", err->file, err->msg);
}
