/* `hipcoach help`: the command list, one command's help, the man page and bash completion, all from
 * the command table. */
#include <string.h>

#include "app.h"
#include "lib/xalloc.h"

static void list_commands(FILE *out)
{
	fputs("hipcoach coaches you through hip pain from running: a strength and stretch\n"
	      "program tailored to you, guided sessions with timers, a record of how the hip\n"
	      "feels, and your running load, with clear advice on when to see someone.\n\n"
	      "usage: hipcoach [--db PATH] [--program FILE] COMMAND [ARGS]\n"
	      "       hipcoach              what to do today\n",
	      out);
	for (int g = 0; g < GROUP_COUNT; g++) {
		int any = 0;

		for (int i = 0; commands[i]; i++) {
			if (commands[i]->group != (enum command_group)g)
				continue;
			if (!any)
				fprintf(out, "\n%s:\n", command_group_names[g]);
			any = 1;
			fprintf(out, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
		}
	}
	fputs("\nglobal options:\n"
	      "  --db PATH        the database (default: $HIPCOACH_DB, else\n"
	      "                   $XDG_DATA_HOME/hipcoach/hipcoach.db)\n"
	      "  --program FILE   another program file (default: the built-in hip program;\n"
	      "                   also $HIPCOACH_PROGRAM)\n"
	      "  --version        print the version\n\n"
	      "'hipcoach help COMMAND' or 'hipcoach COMMAND --help' explains one command.\n",
	      out);
}

/* roff needs backslashes and leading dots or quotes escaped. */
static void roff(FILE *out, const char *s)
{
	int bol = 1;

	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		bol = *s == '\n';
	}
}

static void man_page(FILE *out)
{
	fputs(".TH HIPCOACH 1 \"\" \"hipcoach " HIPCOACH_VERSION "\" \"User Commands\"\n"
	      ".SH NAME\nhipcoach \\- a coach for runners with hip pain\n"
	      ".SH SYNOPSIS\n.B hipcoach\n[\\-\\-db PATH] [\\-\\-program FILE] [COMMAND] [ARGS]\n"
	      ".SH DESCRIPTION\n"
	      "hipcoach turns a strength and stretching program for runners' hip pain into a\n"
	      "working coach: a plan tailored to your level, equipment and week, guided\n"
	      "sessions with timers, a record of what you did and how the hip felt, your\n"
	      "running load from your watch or Strava export, and clear advice on when to\n"
	      "stop self-treating and see a physical therapist or a doctor. It never\n"
	      "diagnoses. Without a command it shows what to do today.\n"
	      ".SH COMMANDS\n",
	      out);
	for (int i = 0; commands[i]; i++) {
		const struct command *c = commands[i];

		fprintf(out, ".SS \"%s\"\n.B hipcoach %s\n", c->name, c->name);
		roff(out, c->usage);
		fputs("\n.PP\n", out);
		for (const char *p = c->help; *p; p++) {
			if (p[0] == '\n' && p[1] == '\n') {
				fputs("\n.PP\n", out);
				p++;
				continue;
			}
			if (*p == '\n' && p[1] == ' ') {
				fputs("\n.br\n", out);
				continue;
			}
			char one[2] = {*p, 0};

			roff(out, one);
		}
		fputc('\n', out);
		for (int j = 0; c->opts && c->opts[j].name; j++) {
			const struct opt *o = &c->opts[j];

			fputs(".TP\n.B \\-\\-", out);
			roff(out, o->name);
			if (o->arg) {
				fputs(" ", out);
				roff(out, o->arg);
			}
			fputc('\n', out);
			roff(out, o->help);
			fputc('\n', out);
		}
	}
	fputs(".SH ENVIRONMENT\n"
	      ".TP\n.B HIPCOACH_DB\nthe database file.\n"
	      ".TP\n.B HIPCOACH_PROGRAM\na program file to use instead of the built-in one.\n"
	      ".TP\n.B HIPCOACH_NOW\npins the clock (YYYY-MM-DDTHH:MM:SS), for tests.\n"
	      ".TP\n.B NO_COLOR\nturns colour off.\n"
	      ".SH FILES\n$XDG_DATA_HOME/hipcoach/hipcoach.db (default "
	      "~/.local/share/hipcoach/hipcoach.db)\n"
	      ".SH EXIT STATUS\n0 success, 1 failure, 2 wrong arguments.\n",
	      out);
}

/*
 * The words a command takes in its first place, for completion (they are in
 * each command's usage line); "@exercises" stands for the program's exercise
 * and version ids, "@commands" for the commands, "@files" for file names.
 */
static const struct {
	const char *command, *words;
} positional_words[] = {
    {"export", "ics fit json csv"}, {"start", "strength stretch"}, {"log", "session pain run"},
    {"psfs", "add score"},	    {"show", "@exercises"},	   {"help", "@commands"},
    {"import", "@files"},	    {"import-backup", "@files"},
};

/* The values an option takes, for completion (they are in each option's help); not listed: none
 * offered (a date, a number). */
static const struct {
	const char *option, *words;
} option_words[] = {
    {"level", "beginner moderate heavy"},
    {"kind", "strength stretch"},
    {"session", "strength stretch"},
    {"paper", "a4 letter"},
    {"when", "now during after morning"},
    {"where", "outer front groin buttock back"},
    {"sport", "running trail_running walking hiking cycling"},
    {"units", "km,kg km,lb mi,kg mi,lb"},
    {"equipment", "mat band step dumbbells chair none"},
    {"long-run", "mon tue wed thu fri sat sun none"},
    {"exercise", "@exercises"},
    {"output", "@files"},
    {"png", "@files"},
    {"svg", "@files"},
    {"pdf", "@files"},
};

/* The one-letter form of an option, where a command gives it one; 0 when none does. */
static int option_short_name(const char *name)
{
	for (int c = 0; commands[c]; c++)
		for (int j = 0; commands[c]->opts && commands[c]->opts[j].name; j++)
			if (commands[c]->opts[j].short_name &&
			    !strcmp(commands[c]->opts[j].name, name))
				return commands[c]->opts[j].short_name;
	return 0;
}

/* Expands a word list: "@exercises", "@commands" and "@files" become what they stand for. */
static void completion_words(struct app *app, FILE *out, const char *words)
{
	if (!strcmp(words, "@files")) {
		fputs("compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))",
		      out);
		return;
	}
	fputs("COMPREPLY=($(compgen -W '", out);
	if (!strcmp(words, "@commands")) {
		for (int i = 0; commands[i]; i++)
			fprintf(out, "%s%s", i ? " " : "", commands[i]->name);
	} else if (!strcmp(words, "@exercises")) {
		const struct program *prog = &app->coach.program;

		for (size_t i = 0; i < prog->nexercises; i++)
			fprintf(out, "%s%s", i ? " " : "", prog->exercises[i].id);
		for (size_t i = 0; i < prog->nexercises; i++)
			for (size_t j = 0; j < prog->exercises[i].nvariants; j++)
				fprintf(out, " %s", prog->exercises[i].variants[j].id);
	} else {
		fputs(words, out);
	}
	fputs("' -- \"$cur\"))", out);
}

static int bash_completion(struct app *app, FILE *out)
{
	if (app_program(app))
		return 1;
	fputs("# bash completion for hipcoach (generated by 'hipcoach help --bash-completion')\n"
	      "\n"
	      "# Whether option $2 of command $1 takes a value (the next word).\n"
	      "_hipcoach_takes_value() {\n"
	      "\tcase \"$1 $2\" in\n"
	      "\t*' --db' | *' --program'",
	      out);
	for (int i = 0; commands[i]; i++) {
		const struct command *c = commands[i];

		for (int j = 0; c->opts && c->opts[j].name; j++) {
			if (!c->opts[j].arg)
				continue;
			fprintf(out, " | '%s --%s'", c->name, c->opts[j].name);
			if (c->opts[j].short_name)
				fprintf(out, " | '%s -%c'", c->name, c->opts[j].short_name);
		}
	}
	fputs(") return 0 ;;\n"
	      "\tesac\n"
	      "\treturn 1\n"
	      "}\n"
	      "\n"
	      "_hipcoach() {\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	      "\tlocal cmd='' npos=0 i w\n"
	      "\n"
	      "\tCOMPREPLY=()\n"
	      "\t# The command, and how many words it has been given before this one.\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tw=${COMP_WORDS[i]}\n"
	      "\t\tif [[ $w == -* ]]; then\n"
	      "\t\t\t[[ $w != *=* ]] && _hipcoach_takes_value \"$cmd\" \"$w\" && ((i++))\n"
	      "\t\telif [ -z \"$cmd\" ]; then\n"
	      "\t\t\tcmd=$w\n"
	      "\t\telse\n"
	      "\t\t\t((npos++))\n"
	      "\t\tfi\n"
	      "\tdone\n"
	      "\n"
	      "\tif ((COMP_CWORD > 1)) && _hipcoach_takes_value \"$cmd\" \"$prev\"; then\n"
	      "\t\tcase $prev in\n"
	      "\t\t--db | --program) ",
	      out);
	completion_words(app, out, "@files");
	fputs(" ;;\n", out);
	for (size_t i = 0; i < ARRAY_SIZE(option_words); i++) {
		int short_name = option_short_name(option_words[i].option);

		fprintf(out, "\t\t--%s", option_words[i].option);
		if (short_name)
			fprintf(out, " | -%c", short_name);
		fputs(") ", out);
		completion_words(app, out, option_words[i].words);
		fputs(" ;;\n", out);
	}
	fputs("\t\tesac\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\n"
	      "\tif [ -z \"$cmd\" ]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W '",
	      out);
	for (int i = 0; commands[i]; i++)
		fprintf(out, "%s ", commands[i]->name);
	fputs("--db --program --version --help' -- \"$cur\"))\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tcase $cmd in\n",
	      out);
	for (int i = 0; commands[i]; i++) {
		const struct command *c = commands[i];

		fprintf(out, "\t\t%s) COMPREPLY=($(compgen -W '--help --db --program", c->name);
		for (int j = 0; c->opts && c->opts[j].name; j++)
			fprintf(out, " --%s", c->opts[j].name);
		fputs("' -- \"$cur\")) ;;\n", out);
	}
	fputs("\t\tesac\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\n"
	      "\tcase $cmd in\n",
	      out);
	for (size_t i = 0; i < ARRAY_SIZE(positional_words); i++) {
		const struct command *c = command_find(positional_words[i].command);

		if (!c)
			continue;
		fprintf(out, "\t%s) ", c->name);
		/* Files go in every place; words only in the first. */
		if (strcmp(positional_words[i].words, "@files"))
			fputs("((npos == 0)) && ", out);
		completion_words(app, out, positional_words[i].words);
		fputs(" ;;\n", out);
	}
	fputs("\tesac\n"
	      "}\n"
	      "complete -F _hipcoach hipcoach\n",
	      out);
	return 0;
}

static const struct opt opts[] = {
    {"man", 0, NULL, "print the manual page (roff) generated from this help"},
    {"bash-completion", 0, NULL, "print a bash completion script"},
    {0},
};

static int run(struct app *app, const struct args *args)
{
	const struct command *self = app->cmd;

	if (arg_has(self, args, "man")) {
		man_page(stdout);
		return 0;
	}
	if (arg_has(self, args, "bash-completion")) {
		return bash_completion(app, stdout);
	}
	if (args->npos == 1) {
		const struct command *c = command_find(args->pos[0]);

		if (!c) {
			const char *names[64], *pick;
			size_t n = 0;

			for (int i = 0; commands[i] && n < ARRAY_SIZE(names); i++)
				names[n++] = commands[i]->name;
			pick = did_you_mean(args->pos[0], names, n);
			if (pick)
				return usage_error(self,
						   "unknown command '%s' (did you mean '%s'?)",
						   args->pos[0], pick);
			return usage_error(self, "unknown command '%s'", args->pos[0]);
		}
		command_print_help(c, stdout);
		return 0;
	}
	list_commands(stdout);
	return 0;
}

const struct command cmd_help = {
    .name = "help",
    .summary = "list the commands, or explain one",
    .usage = "[COMMAND] [--man] [--bash-completion]",
    .help = "Lists every command, or shows the full help of one command (the same as\n"
	    "'hipcoach COMMAND --help'). The manual page and the bash completion script\n"
	    "are generated from this same text.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 1,
    .run = run,
    .group = GROUP_OTHER,
};
