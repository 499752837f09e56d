/* Error and warning reporting: one format for every message the user sees. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static char last[512];
static int quiet;

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	va_list cp;

	va_copy(cp, ap);
	vsnprintf(last, sizeof(last), fmt, cp);
	va_end(cp);
	if (quiet)
		return;
	fflush(stdout);
	fprintf(stderr, "hipcoach: %s%s\n", prefix, last);
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
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), fmt, ap);
	va_end(ap);
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
