/* libFuzzer target for feeds/ical.c (and libical under it). Beyond "no
 * crash, no leak, no undefined behaviour, no hang", it checks the contract
 * of the parsed-feed model over a fixed window: format ICAL, at most
 * HS_MAX_FEED_ITEMS items sorted by start, each with a title and valid UTF-8
 * text within its cap, an end after its start, overlapping the window, all-day
 * events on local midnights; a document that is not usable has no items and
 * says why. Any failure aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../content/caltime.h"
#include "../../content/utf8.h"
#include "../../feeds/ical.h"

/* The window, in UTC, written out so that no clock is read:
 * 2026-11-01T00:00:00Z and 2026-12-15T00:00:00Z. */
#define WINDOW_FROM ((time_t)1793491200)
#define WINDOW_TO ((time_t)1797292800)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* A zone with DST changes, as the screens have: floating times and
     * all-day dates are read in it. */
    if (caltime_set_zone("Europe/Paris") != 0)
        abort();
    ical_global_init();
    return 0;
}

static void check_text(const char *s, size_t max, int required)
{
    size_t n;

    if (s == NULL) {
        if (required)
            abort();
        return;
    }
    n = strlen(s);
    if (n == 0 || n > max || !utf8_valid(s, n))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed_doc *d = ical_parse((const char *)data, size, WINDOW_FROM, WINDOW_TO);
    size_t i;

    if (d == NULL)
        return 0;   /* out of memory: allowed by the contract */
    if (d->format != FEED_FORMAT_ICAL || d->nitems > HS_MAX_FEED_ITEMS ||
        d->nproblems > HS_MAX_FEED_PROBLEMS)
        abort();
    if (!d->usable && (d->nitems > 0 || d->nproblems == 0))
        abort();
    check_text(d->title, HS_MAX_TEXT_BYTES, 0);
    for (i = 0; i < d->nitems; i++) {
        const struct feed_item *it = &d->items[i];

        check_text(it->title, HS_MAX_TEXT_BYTES, 1);
        check_text(it->summary, HS_MAX_TEXT_BYTES, 0);
        check_text(it->location, HS_MAX_TEXT_BYTES, 0);
        check_text(it->partner, HS_MAX_TEXT_BYTES, 0);
        check_text(it->link, HS_MAX_URL_BYTES, 0);
        check_text(it->image, HS_MAX_URL_BYTES, 0);
        if (it->type != FEED_ITEM_ENTRY || it->colour != -1)
            abort();
        if (it->end <= it->start || it->end <= WINDOW_FROM || it->start >= WINDOW_TO)
            abort();
        if (i > 0 && it->start < d->items[i - 1].start)
            abort();
        if (it->all_day && (caltime_day_start(it->start) != it->start ||
                            caltime_day_start(it->end) != it->end))
            abort();
    }
    for (i = 0; i < d->nproblems; i++)
        if (d->problems[i].message == NULL || d->problems[i].message[0] == '\0')
            abort();
    feed_doc_free(d);
    return 0;
}
