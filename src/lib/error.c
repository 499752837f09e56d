/* Error and warning reporting: one format for every message the user sees. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Each thread its own: import decodes on several, the web server answers on several. */
static _Thread_local char last[512];
static _Thread_local int quiet;

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	char msg[sizeof(last)];

	/* Format apart first: callers often pass error_last() itself as an argument. */
	vsnprintf(msg, sizeof(msg), fmt, ap);
	memcpy(last, msg, sizeof(last));
	if (quiet)
		return;
	fflush(stdout);
	fprintf(stderr, "hipcoach: %s%s\n", prefix, msg);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

int error_set(const char *fmt, ...)
{
	char msg[sizeof(last)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(last, msg, sizeof(last));
	return -1;
}

const char *error_last(void)
{
	return last;
}

void error_quiet(int q)
{
	quiet = q;
}
