/* libFuzzer target for feeds/rss.c (and the XML, HTML and date readers
 * under it). Beyond "no crash, no leak, no undefined behaviour", it checks
 * the contract of the parsed-feed model: at most HS_MAX_FEED_ITEMS items,
 * each with a title, valid UTF-8 strings within their caps, web links only,
 * an end after every start, all-day events on local midnights; a document
 * that is not usable has no items and says why. Any failure aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../content/caltime.h"
#include "../../content/utf8.h"
#include "../../feeds/rss.h"
#include "../../feeds/xml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xml_global_init();
    /* A zone with DST changes, as the screens have. */
    if (caltime_set_zone("Europe/Paris") != 0)
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

static void check_url(const char *s)
{
    check_text(s, HS_MAX_URL_BYTES, 0);
    if (s != NULL && strncasecmp(s, "http://", 7) != 0 && strncasecmp(s, "https://", 8) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed_doc *d = rss_parse((const char *)data, size);

    if (d == NULL)
        return 0;       /* memory ran out: the only reason for NULL */
    if (d->nitems > HS_MAX_FEED_ITEMS || d->nproblems > HS_MAX_FEED_PROBLEMS)
        abort();
    if (d->usable && d->format != FEED_FORMAT_RSS2 && d->format != FEED_FORMAT_RSS1 &&
        d->format != FEED_FORMAT_ATOM)
        abort();
    if (!d->usable && (d->nitems != 0 || d->nproblems == 0))
        abort();
    check_text(d->title, HS_MAX_TEXT_BYTES, 0);
    for (size_t i = 0; i < d->nitems; i++) {
        const struct feed_item *it = &d->items[i];

        if (it->type != FEED_ITEM_ENTRY || it->colour != -1 || it->line < 0)
            abort();
        check_text(it->title, HS_MAX_TEXT_BYTES, 1);
        check_text(it->summary, HS_MAX_TEXT_BYTES, 0);
        check_text(it->location, HS_MAX_TEXT_BYTES, 0);
        check_text(it->partner, HS_MAX_TEXT_BYTES, 0);
        check_url(it->link);
        check_url(it->image);
        if (it->published < 0 || it->start < 0)
            abort();
        if (it->start != 0 && it->end <= it->start)
            abort();
        if (it->start == 0 && (it->end != 0 || it->all_day))
            abort();
        if (it->all_day && (caltime_day_start(it->start) != it->start ||
                            caltime_day_start(it->end) != it->end))
            abort();
    }
    for (size_t i = 0; i < d->nproblems; i++)
        if (d->problems[i].message == NULL || d->problems[i].message[0] == '\0' ||
            d->problems[i].line < 0)
            abort();
    feed_doc_free(d);
    return 0;
}
