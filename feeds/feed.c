/* The parsed feed: the common shape of every parser's output. */
#include "feed.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../content/array.h"
#include "../content/utf8.h"
#include "hsxml.h"
#include "ical.h"
#include "rss.h"

struct feed_doc *feed_doc_new(void)
{
    return calloc(1, sizeof(struct feed_doc));
}

static void item_free(struct feed_item *it)
{
    free(it->title);
    free(it->summary);
    free(it->link);
    free(it->image);
    free(it->location);
    free(it->site);
    free(it->partner);
    free(it->registration);
}

void feed_doc_free(struct feed_doc *d)
{
    size_t i;

    if (d == NULL)
        return;
    for (i = 0; i < d->nitems; i++)
        item_free(&d->items[i]);
    free(d->items);
    for (i = 0; i < d->nproblems; i++)
        free(d->problems[i].message);
    free(d->problems);
    free(d->title);
    free(d);
}

int feed_add_item(struct feed_doc *d, const struct feed_item *it)
{
    struct feed_item n = {0}, *tmp;

    if (d == NULL || it == NULL || d->nitems >= HS_MAX_FEED_ITEMS)
        return -1;
    if (it->start != 0 && it->end <= it->start)
        return -1;
    if (it->valid_from != 0 && it->valid_until != 0 && it->valid_until <= it->valid_from)
        return -1;
    if (utf8_clean_opt(it->title, HS_MAX_TEXT_BYTES, &n.title) != 0 || n.title == NULL)
        goto fail;
    if (utf8_clean_opt(it->summary, HS_MAX_TEXT_BYTES, &n.summary) != 0 ||
        utf8_clean_opt(it->link, HS_MAX_URL_BYTES, &n.link) != 0 ||
        utf8_clean_opt(it->image, HS_MAX_URL_BYTES, &n.image) != 0 ||
        utf8_clean_opt(it->location, HS_MAX_TEXT_BYTES, &n.location) != 0 ||
        utf8_clean_opt(it->site, HS_MAX_TEXT_BYTES, &n.site) != 0 ||
        utf8_clean_opt(it->partner, HS_MAX_TEXT_BYTES, &n.partner) != 0 ||
        utf8_clean_opt(it->registration, HS_MAX_TEXT_BYTES, &n.registration) != 0)
        goto fail;
    tmp = array_grow(d->items, d->nitems, sizeof(*d->items));
    if (tmp == NULL)
        goto fail;
    d->items = tmp;
    n.type = it->type;
    n.line = it->line > 0 ? it->line : 0;
    n.published = it->published;
    n.start = it->start;
    n.end = it->end;
    n.all_day = it->all_day != 0;
    n.valid_from = it->valid_from;
    n.valid_until = it->valid_until;
    n.priority = it->priority < 0 ? 0 : it->priority > 2 ? 2 : it->priority;
    n.colour = it->colour >= 0 && it->colour <= 0xFFFFFF ? it->colour : -1;
    d->items[d->nitems++] = n;
    return 0;

fail:
    item_free(&n);
    return -1;
}

int feed_set_title(struct feed_doc *d, const char *title)
{
    char *t;

    if (utf8_clean_opt(title, HS_MAX_TEXT_BYTES, &t) != 0)
        return -1;
    free(d->title);
    d->title = t;
    return 0;
}

void feed_problem(struct feed_doc *d, int line, enum feed_severity sev, const char *fmt, ...)
{
    char buf[512];
    struct feed_problem *tmp;
    va_list ap;

    if (d == NULL)
        return;
    if (d->nproblems >= HS_MAX_FEED_PROBLEMS) {
        d->more_problems = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    tmp = array_grow(d->problems, d->nproblems, sizeof(*d->problems));
    if (tmp == NULL)
        return;
    d->problems = tmp;
    /* Messages quote document text: clean it like any feed text. */
    tmp[d->nproblems].message = utf8_clean(buf, strlen(buf), sizeof(buf));
    if (tmp[d->nproblems].message == NULL)
        return;
    tmp[d->nproblems].line = line > 0 ? line : 0;
    tmp[d->nproblems].severity = sev;
    d->nproblems++;
}

const char *feed_format_name(enum feed_format f)
{
    switch (f) {
    case FEED_FORMAT_RSS2: return "rss2";
    case FEED_FORMAT_RSS1: return "rss1";
    case FEED_FORMAT_ATOM: return "atom";
    case FEED_FORMAT_ICAL: return "ical";
    case FEED_FORMAT_HALLSCREEN: return "hallscreen";
    case FEED_FORMAT_UNKNOWN: break;
    }
    return "unknown";
}

/* Returns 1 when s[0..n) starts with the ASCII word w, case-insensitively. */
static int starts_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);

    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* Skips white space, a UTF-8 byte order mark, the XML declaration, comments,
 * processing instructions and a DOCTYPE, to the first element or text. */
static size_t skip_prolog(const char *b, size_t n)
{
    size_t i = 0;

    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        const char *end = NULL;

        while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
            i++;
        if (i + 1 >= n || b[i] != '<')
            return i;
        if (b[i + 1] == '?')
            end = "?>";
        else if (starts_with(b + i, n - i, "<!--"))
            end = "-->";
        else if (starts_with(b + i, n - i, "<!doctype"))
            end = ">";      /* an internal subset ([...]) is skipped below */
        if (end == NULL)
            return i;
        if (end[0] == '>' && end[1] == '\0') {
            int depth = 0;

            for (; i < n; i++) {
                if (b[i] == '[')
                    depth++;
                else if (b[i] == ']')
                    depth--;
                else if (b[i] == '>' && depth <= 0)
                    break;
            }
            i++;
            continue;
        }
        {
            size_t k = strlen(end), j = i + 2;

            while (j + k <= n && memcmp(b + j, end, k) != 0)
                j++;
            i = j + k;
        }
    }
}

/* Returns 1 when the element name at s (after '<') is local name w, with or
 * without a prefix ("rdf:RDF", "atom:feed"). */
static int root_is(const char *s, size_t n, const char *w)
{
    size_t i = 0, k = strlen(w);

    while (i < n && i < 64 && s[i] != ':' && s[i] != ' ' && s[i] != '>' && s[i] != '/' &&
           s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
        i++;
    if (i < n && s[i] == ':') {
        s += i + 1;
        n -= i + 1;
    }
    if (n < k + 1 || memcmp(s, w, k) != 0)
        return 0;
    return s[k] == ' ' || s[k] == '>' || s[k] == '/' || s[k] == '\t' || s[k] == '\r' ||
           s[k] == '\n';
}

enum feed_format feed_sniff(const char *buf, size_t len)
{
    size_t i;

    if (buf == NULL)
        return FEED_FORMAT_UNKNOWN;
    i = skip_prolog(buf, len);
    if (i >= len)
        return FEED_FORMAT_UNKNOWN;
    if (starts_with(buf + i, len - i, "begin:vcalendar"))
        return FEED_FORMAT_ICAL;
    if (buf[i] != '<' || i + 1 >= len)
        return FEED_FORMAT_UNKNOWN;
    i++;
    if (root_is(buf + i, len - i, "rss"))
        return FEED_FORMAT_RSS2;
    if (root_is(buf + i, len - i, "RDF"))
        return FEED_FORMAT_RSS1;
    if (root_is(buf + i, len - i, "feed"))
        return FEED_FORMAT_ATOM;
    if (root_is(buf + i, len - i, "hallscreen"))
        return FEED_FORMAT_HALLSCREEN;
    return FEED_FORMAT_UNKNOWN;
}

struct feed_doc *feed_parse(const char *buf, size_t len, time_t from, time_t to)
{
    enum feed_format f = feed_sniff(buf, len);
    struct feed_doc *d = NULL;
    size_t skip;

    switch (f) {
    case FEED_FORMAT_ICAL:
        d = ical_parse(buf, len, from, to);
        break;
    case FEED_FORMAT_HALLSCREEN:
        d = hsxml_parse(buf, len, from, to);
        break;
    case FEED_FORMAT_RSS2:
    case FEED_FORMAT_RSS1:
    case FEED_FORMAT_ATOM:
        d = rss_parse(buf, len);
        break;
    case FEED_FORMAT_UNKNOWN:
        break;
    }
    if (f != FEED_FORMAT_UNKNOWN) {
        /* A document too broken to read still says what it meant to be. */
        if (d != NULL && d->format == FEED_FORMAT_UNKNOWN)
            d->format = f;
        return d;
    }
    d = feed_doc_new();
    if (d == NULL)
        return NULL;
    skip = buf != NULL ? skip_prolog(buf, len) : 0;
    if (len == 0 || skip >= len)
        feed_problem(d, 0, FEED_ERROR, "le document est vide : le serveur n’a rien envoyé");
    else if (starts_with(buf + skip, len - skip, "<html"))
        feed_problem(d, 1, FEED_ERROR,
                     "c’est une page web (HTML), pas un flux : vérifiez l’adresse du flux "
                     "RSS, Atom ou iCalendar");
    else
        feed_problem(d, 1, FEED_ERROR,
                     "format non reconnu : attendu un flux RSS, Atom, iCalendar "
                     "(BEGIN:VCALENDAR) ou hallscreen (<hallscreen>)");
    return d;
}
