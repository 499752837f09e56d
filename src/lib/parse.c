/* Bounded number and duration parsing, with no atoi, sscanf or locale in sight. */
#include "parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int parse_digits(const char **p, const char *end, int min, int max, long *out)
{
	const char *s = *p;
	long v = 0;
	int n = 0;

	while (s < end && n < max && *s >= '0' && *s <= '9') {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	if (n < min)
		return -1;
	*p = s;
	*out = v;
	return 0;
}

int parse_long(const char **p, const char *end, long lo, long hi, long *out)
{
	const char *s = *p;
	int neg = 0;
	long v = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	if (s >= end || *s < '0' || *s > '9')
		return -1;
	while (s < end && *s >= '0' && *s <= '9') {
		int dg = *s++ - '0';

		if (v > (1L << 52))
			return -1;
		v = v * 10 + dg;
	}
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return -1;
	*p = s;
	*out = v;
	return 0;
}

int parse_double(const char **p, const char *end, double *out)
{
	const char *s = *p;
	double v = 0, scale = 1;
	int neg = 0, digits = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		digits++;
	}
	if (s < end && *s == '.') {
		s++;
		while (s < end && *s >= '0' && *s <= '9') {
			scale /= 10;
			v += (*s++ - '0') * scale;
			digits++;
		}
	}
	if (!digits || digits > 30)
		return -1;
	*p = s;
	*out = neg ? -v : v;
	return 0;
}

int parse_long_str(const char *s, long lo, long hi, long *out)
{
	const char *p = s, *end = s + strlen(s);

	if (parse_long(&p, end, lo, hi, out) || p != end)
		return -1;
	return 0;
}

int parse_double_str(const char *s, double *out)
{
	const char *p = s, *end = s + strlen(s);

	if (parse_double(&p, end, out) || p != end)
		return -1;
	return 0;
}

int parse_duration(const char *s, long *seconds)
{
	const char *p = s, *end = s + strlen(s);
	long parts[3], v;
	int n = 0;

	if (strchr(s, ':')) {
		while (p < end) {
			if (n == 3 || parse_digits(&p, end, 1, 6, &v))
				return -1;
			parts[n++] = v;
			if (p < end && *p++ != ':')
				return -1;
			if (p == end && end[-1] == ':')
				return -1;
		}
		if (n == 2) {
			if (parts[1] > 59)
				return -1;
			*seconds = parts[0] * 60 + parts[1];
		} else if (n == 3) {
			if (parts[1] > 59 || parts[2] > 59)
				return -1;
			*seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
		} else {
			return -1;
		}
		return 0;
	}
	if (!parse_long_str(s, 0, 100000, &v)) {
		*seconds = v * 60;
		return 0;
	}
	*seconds = 0;
	while (p < end) {
		if (parse_digits(&p, end, 1, 6, &v) || p >= end)
			return -1;
		switch (*p++) {
		case 'h': *seconds += v * 3600; break;
		case 'm': *seconds += v * 60; break;
		case 's': *seconds += v; break;
		default: return -1;
		}
	}
	return p == s ? -1 : 0;
}

char *format_duration(long seconds, char *buf)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds > 359999999L)
		seconds = 359999999L;
	if (seconds >= 3600)
		snprintf(buf, 32, "%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60,
			 seconds % 60);
	else
		snprintf(buf, 32, "%ld:%02ld", seconds / 60, seconds % 60);
	return buf;
}

int parse_list(const char *s, int (*fn)(const char *item, void *data), void *data)
{
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);

		if (len) {
			char *item = xstrndup(s, len);
			int ret = fn(item, data);

			free(item);
			if (ret)
				return ret;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return 0;
}
