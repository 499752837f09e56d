/* The clinics and patients tables of a PostgreSQL database: adding a clinic and its patients. */
#include "clinic.h"
#include "sql.h"

#include "lib/datetime.h"
#include "lib/error.h"

/* 0 on PostgreSQL; on a runner's file, -1 with the reason. */
static int clinic_only(struct store *st)
{
	if (st->engine == STORE_POSTGRES)
		return 0;
	return error_set("database '%s' holds one runner's record and no clinic", st->path);
}

int store_clinic_add(struct store *st, const char *name, int64_t *id)
{
	char now[21];

	if (clinic_only(st))
		return -1;
	*id = store_int(st, -1, "INSERT INTO clinics (name, created_at) VALUES (?, ?) RETURNING id",
			"tt", name, time_format_iso(clock_now(), now));
	return *id < 0 ? -1 : 0;
}

int store_patient_add(struct store *st, int64_t clinic, const char *name, int64_t *id)
{
	char now[21];

	if (clinic_only(st))
		return -1;
	*id = store_int(st, -1,
			"INSERT INTO patients (clinic_id, name, created_at) VALUES (?, ?, ?) "
			"RETURNING id",
			"ltt", clinic, name, time_format_iso(clock_now(), now));
	return *id < 0 ? -1 : 0;
}
