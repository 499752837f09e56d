/* libFuzzer harness for the FIT reader: any bytes must decode or fail cleanly, never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/activity.h"
#include "formats/fit.h"
#include "lib/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_record(void *ctx, const struct fit_record *r)
{
	/* Touch every value so that the sanitizers see them read. */
	*(volatile double *)ctx = r->distance_m + r->speed_mps + r->altitude_m + r->heart_rate +
				  r->lat + r->lon + r->timestamp;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fit_callbacks cb = {.record = on_record};
	struct activity_list list;
	volatile double sink = 0;
	int rc;

	error_quiet(1);
	activity_list_init(&list);
	rc = fit_read(data, size, &list);
	if (rc < 0 && list.nr)
		__builtin_trap(); /* -1 promises nothing was added */
	activity_list_release(&list);
	fit_decode(data, size, &cb, (void *)&sink);
	return 0;
}
