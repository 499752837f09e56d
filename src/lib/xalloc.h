/* Allocation that cannot fail silently: out of memory ends the program with a message. */
#ifndef HIPCOACH_XALLOC_H
#define HIPCOACH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* xreallocarray: like reallocarray(3), aborting on overflow or exhaustion. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Prints "hipcoach: fatal: ..." and aborts; for exhaustion and BUG()s only. */
_Noreturn void xdie(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define BUG(...) xdie("BUG: " __VA_ARGS__)

/* Grows array `p` (with `alloc` slots) so that it holds at least `n` items. */
#define ALLOC_GROW(p, n, alloc)                                                                    \
	do {                                                                                       \
		if ((size_t)(n) > (size_t)(alloc)) {                                               \
			size_t ag_new_ = (alloc) ? (size_t)(alloc)*2 : 8;                          \
			while (ag_new_ < (size_t)(n))                                              \
				ag_new_ *= 2;                                                      \
			(p) = xreallocarray((p), ag_new_, sizeof(*(p)));                           \
			(alloc) = ag_new_;                                                         \
		}                                                                                  \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
