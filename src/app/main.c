/* hipcoach's entry point: global options, the command table, and dispatch. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "lib/error.h"
#include "lib/xalloc.h"

#define COMMAND(x) extern const struct command x;
#include "commands.inc"
#undef COMMAND

#define COMMAND(x) &x,
const struct command *const commands[] = {
#include "commands.inc"
    NULL,
};
#undef COMMAND

const char *const command_group_names[GROUP_COUNT] = {
    [GROUP_DAILY] = "Every day",
    [GROUP_PROGRAM] = "Your program",
    [GROUP_RECORD] = "Your record",
    [GROUP_RUNNING] = "Your running",
    [GROUP_EXPORT] = "Take it with you",
    [GROUP_CLINIC] = "For a clinic",
    [GROUP_OTHER] = "Help",
};

const struct command *command_find(const char *name)
{
	for (int i = 0; commands[i]; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

/*
 * Takes the global options (--db, --program, --version) out of argv
 * wherever they stand before "--", so `hipcoach plan --db x` works too.
 * Returns 0, 1 (handled, exit 0) or 2 (usage error).
 */
static int global_options(struct app *app, int *argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		size_t len = 0;

		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strncmp(a, "--db", 4) && (a[4] == '=' || !a[4])) {
			slot = &app->coach.db_path;
			len = 4;
		} else if (!strncmp(a, "--program", 9) && (a[9] == '=' || !a[9])) {
			slot = &app->coach.program_path;
			len = 9;
		} else if (!strcmp(a, "--version")) {
			printf("hipcoach %s\n", HIPCOACH_VERSION);
			return 1;
		}
		if (!slot) {
			argv[out++] = argv[i];
			continue;
		}
		if (a[len] == '=') {
			*slot = a + len + 1;
		} else if (i + 1 < *argc) {
			*slot = argv[++i];
		} else {
			return usage_error(NULL, "option '%s' needs a value", a);
		}
		if (!**slot)
			return usage_error(NULL, "option '%.*s' needs a value", (int)len, a);
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

/* "unknown command 'histroy'", with "did you mean 'history'?" when a command is close. */
static int unknown_command(const char *word)
{
	static const char *const global[] = {"--db", "--program", "--version", "--help"};
	const char *names[64];
	const char *pick;
	size_t n = 0;

	if (word[0] == '-') {
		pick = did_you_mean(word, global, ARRAY_SIZE(global));
		if (pick)
			return usage_error(NULL, "unknown option '%s' (did you mean '%s'?)", word,
					   pick);
		return usage_error(NULL, "unknown option '%s'", word);
	}
	for (int i = 0; commands[i] && n < ARRAY_SIZE(names); i++)
		names[n++] = commands[i]->name;
	pick = did_you_mean(word, names, n);
	if (pick)
		return usage_error(NULL, "unknown command '%s' (did you mean 'hipcoach %s'?)", word,
				   pick);
	return usage_error(NULL, "unknown command '%s' (see 'hipcoach help')", word);
}

int main(int argc, char **argv)
{
	struct app app = {0};
	const struct command *cmd;
	struct args args;
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	int ret;

	setlocale(LC_CTYPE, "");
	ret = global_options(&app, &argc, argv);
	if (ret)
		return ret == 1 ? 0 : ret;
	if (!app.coach.program_path && getenv("HIPCOACH_PROGRAM") && *getenv("HIPCOACH_PROGRAM"))
		app.coach.program_path = getenv("HIPCOACH_PROGRAM");
	app.color =
	    isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && !strcmp(term, "dumb"));
	app.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);

	if (argc < 2) {
		cmd = command_find("today");
	} else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cmd = command_find("help");
		argc = 1;
	} else {
		cmd = command_find(argv[1]);
		if (!cmd)
			return unknown_command(argv[1]);
	}
	if (!cmd)
		BUG("command table is missing 'today' or 'help'");
	app.cmd = cmd;
	ret = args_parse(cmd, argc > 1 ? argc - 2 : 0, argv + 2, &args);
	if (ret) {
		free(args.pos);
		return ret == 1 ? 0 : ret;
	}
	ret = cmd->run(&app, &args);
	free(args.pos);
	app_release(&app);
	if (fflush(stdout) || ferror(stdout)) {
		error("cannot write output");
		ret = 1;
	}
	return ret < 0 ? 1 : ret;
}
