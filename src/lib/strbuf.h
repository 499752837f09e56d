/* A growable, always NUL-terminated string buffer. */
#ifndef HIPCOACH_STRBUF_H
#define HIPCOACH_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * `buf` is never NULL: an empty strbuf points at a shared empty string until
 * the first write. `len` excludes the terminating NUL. Initialise with
 * STRBUF_INIT or strbuf_init(); release with strbuf_release().
 */
struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT                                                                                \
	{                                                                                          \
		0, 0, strbuf_slopbuf                                                               \
	}

void strbuf_init(struct strbuf *sb, size_t hint);
/* Frees the storage and leaves sb empty and reusable. */
void strbuf_release(struct strbuf *sb);
/* Hands the string to the caller (free() it) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Appends n copies of c. */
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
/* Removes trailing whitespace. */
void strbuf_rtrim(struct strbuf *sb);

/*
 * Reads a whole file into sb (appending). At most `cap` bytes are accepted
 * (0: no cap); a larger file fails with errno EFBIG. Returns 0 or -1 with
 * errno set; nothing is printed.
 */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t cap);
/* Reads a whole stream (appending), with the same cap rule. */
int strbuf_read_fd(struct strbuf *sb, int fd, size_t cap);

#endif
