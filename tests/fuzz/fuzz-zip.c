/* libFuzzer harness for the zip reader: any bytes must open and read cleanly or fail with a
 * reason, never crash, leak or read past the file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "formats/zip.h"
#include "lib/error.h"
#include "lib/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz.zip", 0);
	char path[64];
	struct zip z;

	error_quiet(1);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (!zip_open(&z, path)) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < z.nr; i++) {
			size_t before = sb.len;

			if (!zip_read(&z, i, &sb, 1 << 20) && sb.len - before != z.entries[i].usize)
				__builtin_trap(); /* a read gives the size the directory says */
			strbuf_reset(&sb);
		}
		strbuf_release(&sb);
		zip_close(&z);
	}
	close(fd);
	return 0;
}
