/* Reading FIT activity files (Garmin and most sports watches) into activities and records. */
#ifndef HIPCOACH_FIT_H
#define HIPCOACH_FIT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../core/activity.h"

/* FIT timestamps count seconds from 1989-12-31T00:00:00Z. */
#define FIT_EPOCH 631065600
/* Values below this are device-relative (seconds since power-on), not UTC. */
#define FIT_TIME_MIN_UTC 0x10000000u
/*
 * Data messages in one input: 46 days of records at one a second. A file
 * of more (and of more than SOURCE_MAX_ACTIVITIES sessions or
 * SOURCE_MAX_LAPS laps, source.h) is refused whole.
 */
#define FIT_MAX_MESSAGES 4000000

/* Semicircles to degrees: v * FIT_SEMICIRCLE_DEG. */
#define FIT_SEMICIRCLE_DEG (180.0 / 2147483648.0)

/*
 * One `record` message (global 20) as the device wrote it, scaled to SI
 * units. Fields the message did not carry, or carried as FIT's "invalid"
 * value, read as the unknown value given beside each field.
 */
struct fit_record {
	uint32_t timestamp; /* FIT seconds; 0 unknown (see fit_time()) */
	int32_t lat, lon;   /* semicircles; INT32_MAX unknown */
	double distance_m;  /* <0 unknown */
	double speed_mps;   /* enhanced_speed if present, else speed; <0 unknown */
	double altitude_m;  /* enhanced_altitude if present, else altitude; NAN unknown */
	int heart_rate;	    /* beats per minute; 0 unknown */
};

/* One `session` message (global 18): the device's own totals. Unknown as in fit_record. */
struct fit_session {
	uint32_t timestamp;  /* end of the session; 0 unknown */
	uint32_t start_time; /* 0 unknown */
	int sport;	     /* FIT sport enum; -1 unknown */
	int sub_sport;	     /* -1 unknown */
	double elapsed_s;    /* total_elapsed_time; <0 unknown */
	double timer_s;	     /* total_timer_time; <0 unknown */
	double moving_s;     /* total_moving_time; <0 unknown */
	double distance_m;   /* total_distance; <0 unknown */
	double ascent_m;     /* total_ascent; <0 unknown */
	int avg_hr, max_hr;  /* 0 unknown */
};

/* What fit_decode() knows about one FIT file of a chain when it ends. */
struct fit_file {
	unsigned index; /* 0 for the first file of a chain */
	size_t offset;	/* of its header in the input */
	int type;	/* file_id type (4 = activity); -1 unknown */
	int sport;	/* from a `sport` message; -1 unknown */
	int sub_sport;	/* -1 unknown */
	int damaged;	/* 1 if truncated, bad CRC or undecodable past some point */
	size_t nr_records, nr_sessions;
};

/*
 * Receivers of decoded messages; any may be NULL. Pointers passed are valid
 * only during the call.
 */
struct fit_callbacks {
	void (*record)(void *ctx, const struct fit_record *r);
	void (*session)(void *ctx, const struct fit_session *s);
	void (*file_end)(void *ctx, const struct fit_file *f);
};

/*
 * Decodes a FIT file (possibly several chained FIT files) from memory and
 * calls `cb` for every record and session message and at the end of every
 * file of the chain. Returns 0 when the whole input decoded, 1 when part of
 * it was damaged (truncated, bad CRC, an unreadable message or a chained
 * file that is not FIT) after at least one complete file or message was
 * delivered (error_last() says what), -1 when the input is not usable at all
 * (error_set(): "not a FIT file", "bad header CRC", "more than 64 sessions
 * in one FIT file", ...).
 *
 * Definition messages compile into a per-local-type table of the few fields
 * hipcoach reads; data messages are decoded by walking that table and
 * everything else is skipped by size. Developer fields are skipped.
 */
int fit_decode(const unsigned char *data, size_t len, const struct fit_callbacks *cb, void *ctx);

/*
 * Decodes a FIT file (possibly several chained FIT files) from memory and
 * appends one activity per session message found (falling back to one per
 * file from its records when it has no session). Returns 0 when the whole
 * input decoded, 1 when it was truncated or had a bad CRC but complete
 * activities were kept (the reason is in error_last()), -1 when nothing
 * usable (error_set() says why; a valid FIT file holding no activity, such as
 * a workout, is "no activity in FIT file").
 */
int fit_read(const unsigned char *data, size_t len, struct activity_list *out);

/* FIT timestamp to UTC seconds. */
static inline time_t fit_time(uint32_t t)
{
	return (time_t)t + FIT_EPOCH;
}

/*
 * Maps FIT sport/sub_sport enums to our sport strings ("running",
 * "trail_running", "cycling", ... "other").
 */
const char *fit_sport_name(int sport, int sub_sport);

/*
 * CRC-16 as FIT defines it (CRC-16/ARC), continuing from `crc` (0 to start).
 * The CRC of a whole FIT file including its trailing CRC is 0.
 */
uint16_t fit_crc16(uint16_t crc, const void *data, size_t len);

#endif
