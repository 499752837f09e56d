/* libFuzzer harness for the TCX reader. */
#include <stddef.h>
#include <stdint.h>

#include "core/activity.h"
#include "formats/tcx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct activity_list l;

	activity_list_init(&l);
	if (!tcx_read((const char *)data, size, &l) && !l.nr)
		__builtin_trap();
	for (size_t i = 0; i < l.nr; i++)
		if (l.items[i].elapsed_s < 0 || l.items[i].max_hr < 0 || l.items[i].max_hr > 255)
			__builtin_trap();
	activity_list_release(&l);
	return 0;
}
