/* The partners' checker: what the screen understands of a feed, in plain
 * French for a person or in stable JSON for tools. */
#ifndef HS_CHECK_H
#define HS_CHECK_H

#include <stdio.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"
#include "../feeds/feed.h"

struct check_input {
    const char *source;      /* the path or URL as given; not owned */
    struct feed_doc *doc;    /* never NULL after check_load returned 0 */
};

/* Reads source (a path, file:// or http(s) URL, within the player's
 * timeouts and caps), parses it with calendars expanded over [from, to) and,
 * for the hallscreen format, validates it against the schema. A source that
 * cannot be read gives an unusable document whose problem says why. Returns
 * 0, or -1 when memory runs out. Free in->doc with feed_doc_free. */
int check_load(const char *source, time_t from, time_t to, struct check_input *in);

/* Prints inputs[0..n) for a person, in French: format, title, each item as
 * understood (what, when, where) and each problem with its line. */
void check_print_text(const struct check_input *in, size_t n, time_t now, FILE *out);

/* Prints inputs[0..n) as a JSON array, one object per input, in the stable
 * form the README documents. Returns 0, or -1 when memory runs out. */
int check_print_json(const struct check_input *in, size_t n, FILE *out);

/* Adds the usable inputs' items to c as a screen would show them at now,
 * each input as a source named after it. A dated feed goes to the agenda,
 * an undated one to the ticker, the hallscreen format where its items say.
 * Returns 0, or -1 when memory runs out. */
int check_preview_content(const struct check_input *in, size_t n, time_t now,
                          struct content *c);

#endif
