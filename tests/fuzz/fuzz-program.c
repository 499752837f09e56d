/* libFuzzer harness for the program file loader: any bytes, no crash, no leak. */
#include <stddef.h>
#include <stdint.h>

#include "core/program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct program prog;

	if (!program_parse(&prog, "fuzz.json", (const char *)data, size))
		program_release(&prog);
	return 0;
}
