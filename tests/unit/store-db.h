/* The database a store test opens: a new SQLite file, or, when $HIPCOACH_TEST_PG names a
 * PostgreSQL database (tests/pg/cluster.sh), a new patient of a new clinic there, so that the same
 * test runs the same typed calls on either engine. Included by the tests that use it. */
#ifndef HIPCOACH_TEST_STORE_DB_H
#define HIPCOACH_TEST_STORE_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/error.h"
#include "store/clinic.h"
#include "store/store.h"

/* The PostgreSQL URI under test, or NULL: the tests run on SQLite. */
static inline const char *test_pg(void)
{
	const char *uri = getenv("HIPCOACH_TEST_PG");

	return uri && *uri ? uri : NULL;
}

/*
 * Opens a store with nothing in it: `file` made afresh, or a new patient
 * on PostgreSQL (its clinic and id in *clinic and *patient when not NULL).
 * 0, or -1 with the reason printed.
 */
static inline int test_store_open(struct store *st, const char *file, int64_t *clinic,
				  int64_t *patient)
{
	const char *uri = test_pg();
	int64_t c = 0, p = 0;
	char name[64];

	if (!uri) {
		if (system("mkdir -p build/testdata"))
			return -1;
		snprintf(name, sizeof(name), "%s-wal", file);
		unlink(name);
		snprintf(name, sizeof(name), "%s-shm", file);
		unlink(name);
		unlink(file);
		if (!store_open(st, file, STORE_CREATE))
			return 0;
	} else if (!store_open(st, uri, STORE_CREATE) && !store_clinic_add(st, "Test clinic", &c) &&
		   !store_patient_add(st, c, file, &p) && !store_scope(st, c, p)) {
		if (clinic)
			*clinic = c;
		if (patient)
			*patient = p;
		return 0;
	}
	fprintf(stderr, "%s\n", error_last());
	return -1;
}

#endif
