/* Bounded parsing primitives: each advances a pointer within [*p, end) and reports failure. */
#ifndef HIPCOACH_PARSE_H
#define HIPCOACH_PARSE_H

#include <stddef.h>

/* Between min and max decimal digits into *out; 0 or -1 (pointer unmoved). */
int parse_digits(const char **p, const char *end, int min, int max, long *out);
/* An optionally signed decimal integer within [lo, hi]; 0 or -1. */
int parse_long(const char **p, const char *end, long lo, long hi, long *out);
/* A decimal number "12", "-3.5", ".5" (no exponent, no locale); 0 or -1. */
int parse_double(const char **p, const char *end, double *out);
/* The whole of s must be an integer within [lo, hi]; 0 or -1. */
int parse_long_str(const char *s, long lo, long hi, long *out);
/* The whole of s must be a number; 0 or -1. */
int parse_double_str(const char *s, double *out);

/*
 * A duration "55:00", "1:02:03", "45" (minutes) or "45m", "90s", "1h30m"
 * into seconds; 0 or -1.
 */
int parse_duration(const char *s, long *seconds);
/* Formats seconds as "m:ss" or "h:mm:ss" into buf (at least 32 bytes). */
char *format_duration(long seconds, char *buf);

/* Splits "a,b,c" in place-independent fashion: calls fn for each non-empty item. */
int parse_list(const char *s, int (*fn)(const char *item, void *data), void *data);

#endif
