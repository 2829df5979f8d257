/* libFuzzer target for feeds/hsxml.c (and the XML reader and the RELAX NG
 * validation under it). Beyond "no crash, no leak, no undefined behaviour",
 * it checks the contract of the parsed-feed model as the hallscreen format
 * fills it, over a fixed two-week window: at most HS_MAX_FEED_ITEMS items in
 * document order, each with a title and one of the format's types, valid
 * UTF-8 strings within their caps, links of the schemes the format allows,
 * slots and events with an end after their start, slots within a day,
 * all-day events on local midnights, notices and messages without times; a
 * document that is not usable has no items. The schema and the parser must
 * agree on what can be read at all: a document the schema accepts is usable,
 * one it cannot read is not. Any failure aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../content/caltime.h"
#include "../../content/utf8.h"
#include "../../feeds/hsxml.h"
#include "../../feeds/xml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static time_t window_from, window_to;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xml_global_init();
    /* A zone with DST changes, as the screens have; a window that holds
     * none, and one that does would be as good. */
    if (caltime_set_zone("Europe/Paris") != 0)
        abort();
    window_from = caltime_make(2026, 11, 30, 0, 0);
    window_to = caltime_add_days(window_from, 14);
    if (window_from == (time_t)-1 || window_to <= window_from)
        abort();
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

static void check_link(const char *s)
{
    check_text(s, HS_MAX_URL_BYTES, 0);
    if (s != NULL && strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0 &&
        strncmp(s, "mailto:", 7) != 0 && strncmp(s, "tel:", 4) != 0)
        abort();
}

static void check_item(const struct feed_item *it)
{
    check_text(it->title, HS_MAX_TEXT_BYTES, 1);
    check_text(it->summary, HS_MAX_TEXT_BYTES, 0);
    check_text(it->location, HS_MAX_TEXT_BYTES, 0);
    check_text(it->site, HS_MAX_TEXT_BYTES, 0);
    check_text(it->partner, HS_MAX_TEXT_BYTES, 0);
    check_text(it->registration, HS_MAX_TEXT_BYTES, 0);
    check_text(it->image, HS_MAX_URL_BYTES, 0);
    check_link(it->link);
    if (it->line < 0 || it->priority < 0 || it->priority > 2)
        abort();
    if (it->colour != -1 && (it->colour < 0 || it->colour > 0xFFFFFF))
        abort();
    if (it->valid_from != 0 && it->valid_until != 0 && it->valid_until <= it->valid_from)
        abort();
    switch (it->type) {
    case FEED_ITEM_SLOT:
        /* A slot begins and ends on one day (25 hours on the day DST ends). */
        if (it->end <= it->start || it->end - it->start > 25 * 3600 || it->all_day)
            abort();
        break;
    case FEED_ITEM_EVENT:
        if (it->end <= it->start)
            abort();
        if (it->all_day && (caltime_minute_of_day(it->start) != 0 ||
                            caltime_minute_of_day(it->end) != 0))
            abort();
        break;
    case FEED_ITEM_NOTICE:
    case FEED_ITEM_TICKER:
    case FEED_ITEM_URGENT:
        if (it->start != 0 || it->end != 0 || it->all_day)
            abort();
        break;
    case FEED_ITEM_ENTRY:
    default:
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed_doc *d = hsxml_parse((const char *)data, size, window_from, window_to);
    struct feed_doc *v = NULL;
    int rc;

    if (d == NULL)
        return 0;       /* memory ran out: the only reason for NULL */
    if (d->format != FEED_FORMAT_HALLSCREEN || d->nitems > HS_MAX_FEED_ITEMS ||
        d->nproblems > HS_MAX_FEED_PROBLEMS)
        abort();
    if (!d->usable && (d->nitems != 0 || d->nproblems == 0))
        abort();
    check_text(d->title, HS_MAX_TEXT_BYTES, 0);
    for (size_t i = 0; i < d->nitems; i++) {
        check_item(&d->items[i]);
        /* Document order: lines never go back. */
        if (i > 0 && d->items[i].line != 0 && d->items[i].line < d->items[i - 1].line)
            abort();
    }
    for (size_t i = 0; i < d->nproblems; i++) {
        const char *m = d->problems[i].message;

        if (m == NULL || m[0] == '\0' || !utf8_valid(m, strlen(m)) || d->problems[i].line < 0)
            abort();
    }

    v = feed_doc_new();
    if (v == NULL)
        goto done;
    rc = hsxml_validate((const char *)data, size, v);
    if ((rc == 1 && !d->usable) || (rc == -1 && d->usable) || (rc != 1 && v->nproblems == 0))
        abort();

done:
    feed_doc_free(v);
    feed_doc_free(d);
    return 0;
}
