/* User-facing error and warning messages, in the house format "hipcoach: ...". */
#ifndef HIPCOACH_ERROR_H
#define HIPCOACH_ERROR_H

/*
 * error() prints "hipcoach: MESSAGE" to stderr and returns -1, so that
 *	return error("cannot open '%s': %s", path, strerror(errno));
 * reads naturally. Messages are lowercase, without a full stop, with the
 * subject in quotes and the cause last.
 */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* warning() prints "hipcoach: warning: MESSAGE" and returns nothing. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Library code that must not print (formats, store) can record its error
 * here instead; the caller decides whether to show it. The buffer is
 * per-process and overwritten by each call.
 */
int error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *error_last(void);

/* Suppresses error()/warning() output (tests, the web server's own logging). */
void error_quiet(int quiet);

#endif
