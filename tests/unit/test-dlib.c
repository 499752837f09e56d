/* Unit tests for the on-demand loader: a real library, a missing one, a missing symbol. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <qrencode.h>
#include <string.h>

#include "lib/dlib.h"
#include "lib/error.h"

/* The binary is not linked with libqrencode: whatever resolves here came through dlopen. */
static struct {
	DLIB_FN(QRcode_APIVersionString);
	DLIB_FN(QRcode_encodeString);
	DLIB_FN(QRcode_free);
} qr;

static void test_real_library(void **state)
{
	struct dlib lib = {.soname = "libqrencode.so.4", .package = "libqrencode4"};
	const struct dlib_sym syms[] = {
	    DLIB_SYM(qr, QRcode_APIVersionString),
	    DLIB_SYM(qr, QRcode_encodeString),
	    DLIB_SYM(qr, QRcode_free),
	    {0},
	};
	QRcode *code;
	void *handle;

	(void)state;
	assert_int_equal(dlib_open(&lib, syms), 0);
	assert_non_null(lib.handle);
	assert_non_null(qr.QRcode_APIVersionString);
	assert_true(strlen(qr.QRcode_APIVersionString()) > 0);
	code = qr.QRcode_encodeString("http://127.0.0.1:8417/", 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	assert_non_null(code);
	assert_int_equal(code->width, 25); /* version 2: 21 + 4 modules */
	qr.QRcode_free(code);

	/* Loaded once: a second call changes nothing. */
	handle = lib.handle;
	assert_int_equal(dlib_open(&lib, syms), 0);
	assert_ptr_equal(lib.handle, handle);
}

static void test_missing_library(void **state)
{
	void *fn = (void *)&test_missing_library;
	struct dlib lib = {.soname = "libhipcoach-absent.so.7", .package = "libhipcoach-absent7"};
	const struct dlib_sym syms[] = {{.name = "absent_open", .fn = &fn}, {0}};

	(void)state;
	assert_int_equal(dlib_open(&lib, syms), -1);
	assert_null(lib.handle);
	assert_null(fn);
	assert_string_equal(error_last(),
			    "cannot load libhipcoach-absent (libhipcoach-absent.so.7): cannot open "
			    "shared object file: No such file or directory — install the "
			    "libhipcoach-absent7 package");

	/* A failure is not remembered: the next call tries again, and fails again. */
	assert_int_equal(dlib_open(&lib, syms), -1);
	assert_null(lib.handle);
}

static void test_missing_symbol(void **state)
{
	void *version = NULL, *absent = NULL;
	struct dlib lib = {.soname = "libqrencode.so.4", .package = "libqrencode4"};
	const struct dlib_sym syms[] = {
	    {.name = "QRcode_APIVersionString", .fn = &version},
	    {.name = "QRcode_hipcoach_absent", .fn = &absent},
	    {0},
	};

	(void)state;
	assert_int_equal(dlib_open(&lib, syms), -1);
	assert_null(lib.handle);
	/* No half-filled table: the symbol that did resolve is cleared too. */
	assert_null(version);
	assert_null(absent);
	assert_string_equal(error_last(),
			    "cannot load libqrencode (libqrencode.so.4): no function "
			    "'QRcode_hipcoach_absent' (too old a version?) — install the "
			    "libqrencode4 package");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_library),
	    cmocka_unit_test(test_missing_library),
	    cmocka_unit_test(test_missing_symbol),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
