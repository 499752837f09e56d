/* libFuzzer harness for the GPX reader. */
#include <stddef.h>
#include <stdint.h>

#include "core/activity.h"
#include "formats/gpx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct activity_list l;

	activity_list_init(&l);
	if (!gpx_read((const char *)data, size, &l) && !l.nr)
		__builtin_trap(); /* success promises at least one activity */
	for (size_t i = 0; i < l.nr; i++)
		if (l.items[i].elapsed_s < 0 || l.items[i].moving_s > l.items[i].elapsed_s + 1e-6)
			__builtin_trap(); /* moving time can never exceed elapsed time */
	activity_list_release(&l);
	return 0;
}
