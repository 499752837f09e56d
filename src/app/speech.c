/* Spoken cues through espeak-ng, run as a child process so the timer never waits for the voice. */
#include "speech.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

struct speech {
	char *path;  /* espeak-ng found on PATH */
	pid_t child; /* 0: none speaking */
};

static char *find_program(const char *name)
{
	const char *path = getenv("PATH");
	struct strbuf sb = STRBUF_INIT;

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		strbuf_reset(&sb);
		strbuf_add(&sb, len ? path : ".", len ? len : 1);
		strbuf_addf(&sb, "/%s", name);
		if (!access(sb.buf, X_OK))
			return strbuf_detach(&sb, NULL);
		path += len + (end ? 1 : 0);
	}
	strbuf_release(&sb);
	return NULL;
}

struct speech *speech_open(void)
{
	char *path = find_program("espeak-ng");
	struct speech *sp;

	if (!path)
		return NULL;
	sp = xcalloc(1, sizeof(*sp));
	sp->path = path;
	return sp;
}

static void stop(struct speech *sp)
{
	if (!sp->child)
		return;
	if (waitpid(sp->child, NULL, WNOHANG) == 0) {
		kill(sp->child, SIGTERM);
		waitpid(sp->child, NULL, 0);
	}
	sp->child = 0;
}

void speech_say(struct speech *sp, const char *text)
{
	pid_t pid;

	if (!sp || !text || !*text)
		return;
	stop(sp);
	pid = fork();
	if (pid < 0)
		return; /* no voice this time; the screen still shows the cue */
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		/* The voice must never write onto the player's screen or read its keys. */
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execl(sp->path, "espeak-ng", "-s", "150", "--", text, (char *)NULL);
		_exit(127);
	}
	sp->child = pid;
}

void speech_close(struct speech *sp)
{
	if (!sp)
		return;
	stop(sp);
	free(sp->path);
	free(sp);
}
