/* The loader of the shared libraries only some commands need (dlopen by SONAME, typed symbols). */
#include "dlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

/* The library's name for messages: "libarchive" from "libarchive.so.13". */
static int name_len(const char *soname)
{
	const char *so = strstr(soname, ".so");

	return so ? (int)(so - soname) : (int)strlen(soname);
}

static int fail(const struct dlib *lib, const struct dlib_sym *syms, const char *why)
{
	for (const struct dlib_sym *s = syms; s->name; s++)
		*s->fn = NULL;
	return error_set("cannot load %.*s (%s): %s — install the %s package",
			 name_len(lib->soname), lib->soname, lib->soname, why, lib->package);
}

static int dlib_open_locked(struct dlib *lib, const struct dlib_sym *syms);

/* One at a time: the web server's workers may load the same library at once. */
int dlib_open(struct dlib *lib, const struct dlib_sym *syms)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	int r;

	pthread_mutex_lock(&lock);
	r = dlib_open_locked(lib, syms);
	pthread_mutex_unlock(&lock);
	return r;
}

static int dlib_open_locked(struct dlib *lib, const struct dlib_sym *syms)
{
	char why[256];
	void *h;

	if (lib->handle)
		return 0;
	/*
	 * By SONAME, never the unversioned libX.so of the -dev package: the
	 * major version is the ABI the headers we were compiled with describe.
	 * RTLD_NOW: a library too broken to bind fails here, not in mid-call.
	 */
	h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		size_t n = strlen(lib->soname);

		/* dlerror() repeats the SONAME the message already gives. */
		if (e && !strncmp(e, lib->soname, n) && !strncmp(e + n, ": ", 2))
			e += n + 2;
		return fail(lib, syms, e ? e : "unknown error");
	}
	for (const struct dlib_sym *s = syms; s->name; s++) {
		*s->fn = dlsym(h, s->name);
		if (!*s->fn) {
			snprintf(why, sizeof(why), "no function '%s' (too old a version?)",
				 s->name);
			dlclose(h);
			return fail(lib, syms, why);
		}
	}
	lib->handle = h;
	return 0;
}
