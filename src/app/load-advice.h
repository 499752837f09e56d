/* Printing advice items as a wrapped list with their sources, for load, log run and import. */
#ifndef HIPCOACH_LOAD_ADVICE_H
#define HIPCOACH_LOAD_ADVICE_H

#include "app.h"
#include "core/advice.h"

/*
 * Prints advice items as a list: "  • MESSAGE" wrapped to the terminal (at
 * most 80 columns), then the source, dimmed, in parentheses.
 */
void load_print_advice(const struct app *app, const struct advice_list *l);

#endif
