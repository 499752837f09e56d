/* A session script as a Garmin FIT workout file: the watch plays the terminal's steps. */
#ifndef HIPCOACH_FITWORKOUT_H
#define HIPCOACH_FITWORKOUT_H

#include <stdint.h>
#include <time.h>

#include "../core/script.h"
#include "../lib/strbuf.h"

/* FIT profile numbers a workout uses (Garmin FIT SDK profile). */
enum {
	FITW_FILE_WORKOUT = 5,	   /* file_id.type */
	FITW_SPORT_TRAINING = 10,  /* workout.sport */
	FITW_SUB_FLEXIBILITY = 19, /* workout.sub_sport flexibility_training */
	FITW_SUB_STRENGTH = 20,	   /* workout.sub_sport strength_training */
	FITW_DUR_TIME = 0,	   /* duration_value in ms */
	FITW_DUR_OPEN = 5,	   /* ends with the lap key */
	FITW_DUR_REPS = 29,	   /* duration_value in reps */
	FITW_INTENSITY_ACTIVE = 0,
	FITW_INTENSITY_REST = 1,
	FITW_UNIT_KILOGRAM = 1, /* weight_display_unit (fit_base_unit) */
	FITW_UNIT_POUND = 2,
};

struct fitworkout_options {
	const char *name;	 /* wkt_name, e.g. "Hip strength" */
	const char *description; /* wkt_description, may be NULL */
	int pounds;		 /* show weights in pounds on the watch */
	time_t created;		 /* file_id.time_created (UTC seconds) */
	uint32_t serial;	 /* file_id.serial_number; 0 leaves it out */
};

/*
 * Appends to `out` a FIT workout file (file_id type 5, one workout, one
 * workout_step per script step, an exercise_title for each exercise FIT has
 * no name for) built from the script `s`:
 *
 *   get ready, switch sides, rests  -> time steps, intensity rest
 *   a set of reps                   -> a reps step (the top of the range),
 *                                      intensity active, with the weight
 *   a hold or breath-paced move     -> a time step, intensity active
 *
 * Work steps carry the exercise's FIT category and name from the program
 * (an exercise_title names the step where the program gives a category
 * but no name). The file has a 14-byte header with its CRC and a file
 * CRC. 0, or -1 with error_set() when the script cannot be a workout (no
 * steps, more than 65534 steps).
 */
int fitworkout_write(struct strbuf *out, const struct script *s,
		     const struct fitworkout_options *opt);

#endif
