/* Dates, the pinnable clock and ISO 8601 parsing, with no dependence on locale. */
#include "datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

const char *const weekday_short[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const char *const weekday_long[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
				     "Friday", "Saturday", "Sunday"};
const char *const month_long[12] = {"January",	 "February", "March",	 "April",
				    "May",	 "June",     "July",	 "August",
				    "September", "October",  "November", "December"};

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
day_t day_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (day_t)(era * 146097 + doe - 719468);
}

void day_to_civil(day_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int day_weekday(day_t day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (int)((day + 3) % 7);

	return w < 0 ? w + 7 : w;
}

day_t day_week_start(day_t day)
{
	return day - day_weekday(day);
}

char *day_format(day_t day, char *buf)
{
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return buf;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

static int parse_ymd(const char **p, const char *end, int *y, int *m, int *d)
{
	long v;

	if (parse_digits(p, end, 4, 4, &v) || v < 1900 || v > 2999)
		return -1;
	*y = (int)v;
	if (*p >= end || **p != '-')
		return -1;
	(*p)++;
	if (parse_digits(p, end, 2, 2, &v) || v < 1 || v > 12)
		return -1;
	*m = (int)v;
	if (*p >= end || **p != '-')
		return -1;
	(*p)++;
	if (parse_digits(p, end, 2, 2, &v) || v < 1 || v > days_in_month(*y, *m))
		return -1;
	*d = (int)v;
	return 0;
}

int day_parse(const char *s, day_t *out)
{
	const char *p = s, *end = s + strlen(s);
	int y, m, d;

	if (parse_ymd(&p, end, &y, &m, &d) || p != end)
		return -1;
	*out = day_from_civil(y, m, d);
	return 0;
}

int weekday_parse(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (!strcasecmp(s, weekday_short[i]) || !strcasecmp(s, weekday_long[i]))
			return i;
	return -1;
}

int time_parse_iso(const char *s, size_t len, time_t *out)
{
	const char *p = s, *end = s + len;
	int y, m, d;
	long hh, mm, ss, off = 0;
	int64_t t;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (parse_ymd(&p, end, &y, &m, &d))
		return -1;
	if (p >= end || (*p != 'T' && *p != ' '))
		return -1;
	p++;
	if (parse_digits(&p, end, 2, 2, &hh) || hh > 23 || p >= end || *p++ != ':')
		return -1;
	if (parse_digits(&p, end, 2, 2, &mm) || mm > 59)
		return -1;
	ss = 0;
	if (p < end && *p == ':') {
		p++;
		if (parse_digits(&p, end, 2, 2, &ss) || ss > 60)
			return -1;
		if (p < end && (*p == '.' || *p == ',')) {
			p++;
			if (p >= end || *p < '0' || *p > '9')
				return -1;
			while (p < end && *p >= '0' && *p <= '9')
				p++;
		}
	}
	if (p < end && *p == 'Z') {
		p++;
	} else if (p < end && (*p == '+' || *p == '-')) {
		int sign = *p++ == '-' ? -1 : 1;
		long oh, om = 0;

		if (parse_digits(&p, end, 2, 2, &oh) || oh > 14)
			return -1;
		if (p < end && *p == ':')
			p++;
		if (p < end && parse_digits(&p, end, 2, 2, &om))
			return -1;
		off = sign * (oh * 3600 + om * 60);
	}
	if (p != end)
		return -1;
	t = (int64_t)day_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss - off;
	*out = (time_t)t;
	return 0;
}

char *time_format_iso(time_t t, char *buf)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

char *time_format_hm(time_t t, char *buf)
{
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(buf, 6, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return buf;
}

static int pinned_valid = -1;
static time_t pinned;

time_t clock_now(void)
{
	if (pinned_valid < 0) {
		const char *env = getenv("HIPCOACH_NOW");

		pinned_valid = 0;
		if (env && *env) {
			size_t len = strlen(env);

			if (env[len - 1] == 'Z' || strchr(env + 10, '+')) {
				if (!time_parse_iso(env, len, &pinned))
					pinned_valid = 1;
			} else {
				struct tm tm = {0};
				const char *p = env, *end = env + len;
				long hh = 0, mi = 0, ss = 0;
				int y, m, d;

				if (!parse_ymd(&p, end, &y, &m, &d) &&
				    (p == end ||
				     (*p++ == 'T' && !parse_digits(&p, end, 2, 2, &hh) && p < end &&
				      *p++ == ':' && !parse_digits(&p, end, 2, 2, &mi) &&
				      (p == end ||
				       (*p++ == ':' && !parse_digits(&p, end, 2, 2, &ss)))))) {
					tm.tm_year = y - 1900;
					tm.tm_mon = m - 1;
					tm.tm_mday = d;
					tm.tm_hour = (int)hh;
					tm.tm_min = (int)mi;
					tm.tm_sec = (int)ss;
					tm.tm_isdst = -1;
					pinned = mktime(&tm);
					pinned_valid = 1;
				}
			}
			if (!pinned_valid) {
				fprintf(stderr,
					"hipcoach: ignoring HIPCOACH_NOW='%s': "
					"expected YYYY-MM-DDTHH:MM:SS\n",
					env);
			}
		}
	}
	return pinned_valid ? pinned : time(NULL);
}

day_t day_of_time(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

day_t clock_today(void)
{
	return day_of_time(clock_now());
}

time_t day_start_time(day_t day)
{
	struct tm tm = {0};
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int clock_time_scale(void)
{
	static int scale;

	if (!scale) {
		const char *env = getenv("HIPCOACH_TIME_SCALE");
		long v;

		scale = 1;
		if (env && !parse_long_str(env, 1, 10000, &v))
			scale = (int)v;
	}
	return scale;
}

int64_t clock_monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000) * clock_time_scale();
}
