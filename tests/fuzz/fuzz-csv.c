/* libFuzzer harness for the CSV reader, the Strava activities.csv reader and its dates. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/csv.h"
#include "formats/strava.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	struct strava_csv c;
	struct strava_row row;
	char *s;
	time_t t;
	int ret;

	csv_reader_init(&r, (const char *)data, size);
	while ((ret = csv_next(&r)) > 0)
		for (size_t i = 0; i < r.nr; i++)
			if (!r.fields[i])
				__builtin_trap();
	csv_reader_release(&r);

	if (!strava_csv_open(&c, (const char *)data, size))
		while (strava_csv_next(&c, &row) > 0)
			if (row.act.max_hr < 0 || row.act.max_hr > 255)
				__builtin_trap();
	strava_csv_release(&c);

	/* The whole input as one date string. */
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	strava_parse_date(s, &t);
	free(s);
	return 0;
}
