/* libFuzzer harness for what an import does with one file's bytes: gunzip (both inflaters, with
 * the size and ratio limits), recognise the format, decode. */
#include <stddef.h>
#include <stdint.h>

#include "core/activity.h"
#include "formats/source.h"
#include "lib/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct activity_list l;
	int rc;

	error_quiet(1);
	activity_list_init(&l);
	rc = source_decode("fuzz", data, size, &l);
	if (rc < 0 && l.nr)
		__builtin_trap(); /* -1 promises nothing was added */
	if (l.nr > SOURCE_MAX_ACTIVITIES)
		__builtin_trap(); /* one file holds at most the limit */
	activity_list_release(&l);
	return 0;
}
