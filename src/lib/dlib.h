/* Shared libraries loaded on first use, so a command that never needs one never pays for it. */
#ifndef HIPCOACH_DLIB_H
#define HIPCOACH_DLIB_H

/*
 * Loading libarchive, libical, libmicrohttpd and libqrencode costs about
 * 11 MB of resident memory and several milliseconds at every start (they
 * pull ICU, gnutls and more), while only import, export, ui and the QR
 * code use them. Each such module keeps its own table of function
 * pointers typed from the library's header, so the compiler still checks
 * every call:
 *
 *	static struct {
 *		DLIB_FN(archive_read_new);
 *		DLIB_FN(archive_read_free);
 *	} arc;
 *	static struct dlib arc_lib = {.soname = "libarchive.so.13", .package = "libarchive13"};
 *	static const struct dlib_sym arc_syms[] = {
 *		DLIB_SYM(arc, archive_read_new),
 *		DLIB_SYM(arc, archive_read_free),
 *		{0},
 *	};
 *
 *	if (dlib_open(&arc_lib, arc_syms))
 *		return -1;
 *	ar = arc.archive_read_new();
 */

/* A field of a module's table: a pointer of the exact type of the library's function. */
#define DLIB_FN(fn) __typeof__(fn) *fn

struct dlib_sym {
	const char *name; /* NULL ends a table */
	void **fn;	  /* where the address goes */
};

/* One entry of a table: the symbol named like the field `sym` of `table`. */
/* clang-format off */
#define DLIB_SYM(table, sym) {.name = #sym, .fn = (void **)&(table).sym}
/* clang-format on */

struct dlib {
	const char *soname;  /* "libarchive.so.13": the major version the headers describe */
	const char *package; /* the Debian package that ships it, named in the error */
	void *handle;	     /* NULL until loaded */
};

/*
 * Loads `lib` and fills every entry of `syms` (ended by a NULL name), once:
 * later calls return 0 at once. 0, or -1 after error_set("cannot load
 * libarchive (libarchive.so.13): REASON — install the libarchive13
 * package") when the library or one of its symbols is missing; then every
 * pointer of the table is NULL and a later call tries again. The library
 * stays loaded until the process exits. Not thread-safe: load before
 * starting threads, or from the one thread that uses the library.
 */
int dlib_open(struct dlib *lib, const struct dlib_sym *syms);

#endif
