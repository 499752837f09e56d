/* The clinics and patients of a PostgreSQL database (src/store/pg/schema.sql): adding them, so
 * that store_scope() can name a patient. A runner's SQLite file has neither. */
#ifndef HIPCOACH_STORE_CLINIC_H
#define HIPCOACH_STORE_CLINIC_H

#include <stdint.h>

#include "store.h"

/* Adds a clinic named `name`; its id in *id. 0, or -1 (also on a SQLite file). */
int store_clinic_add(struct store *st, const char *name, int64_t *id);
/* Adds a patient named `name` to clinic `clinic`; their id in *id. 0 or -1. */
int store_patient_add(struct store *st, int64_t clinic, const char *name, int64_t *id);

#endif
