/* The partners' checker. */
#include "check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../content/caltime.h"
#include "../content/frdate.h"
#include "../feeds/fetch.h"
#include "../feeds/hsxml.h"
#include "../feeds/map.h"

#define CHECK_TIMEOUT_S 30
#define EXCERPT_BYTES 100   /* of a summary, in the text output */

int check_load(const char *source, time_t from, time_t to, struct check_input *in)
{
    struct fetch_request req = {0};
    struct fetch_result r;
    int has_error = 0;

    in->source = source;
    req.url = source;
    req.timeout_s = CHECK_TIMEOUT_S;
    req.max_bytes = HS_MAX_FEED_BYTES;
    if (fetch_url(&req, &r) != 0 || r.status != FETCH_OK) {
        in->doc = feed_doc_new();
        if (in->doc == NULL) {
            fetch_result_free(&r);
            return -1;
        }
        feed_problem(in->doc, 0, FEED_ERROR, "impossible de lire « %s » : %s", source,
                     r.error_fr[0] ? r.error_fr : "erreur inconnue");
        fetch_result_free(&r);
        return 0;
    }
    in->doc = feed_parse(r.body, r.len, from, to);
    if (in->doc == NULL) {
        fetch_result_free(&r);
        return -1;
    }
    for (size_t i = 0; i < in->doc->nproblems; i++)
        has_error |= in->doc->problems[i].severity == FEED_ERROR;
    /* The parser explains what it rejects in better words than the schema;
     * the schema then finds what the parser tolerated. */
    if (in->doc->format == FEED_FORMAT_HALLSCREEN && in->doc->usable && !has_error)
        hsxml_validate(r.body, r.len, in->doc);
    fetch_result_free(&r);
    return 0;
}

static const char *format_label(enum feed_format f)
{
    switch (f) {
    case FEED_FORMAT_RSS2: return "RSS 2.0";
    case FEED_FORMAT_RSS1: return "RSS 1.0 (RDF)";
    case FEED_FORMAT_ATOM: return "Atom";
    case FEED_FORMAT_ICAL: return "iCalendar";
    case FEED_FORMAT_HALLSCREEN: return "hallscreen (XML)";
    case FEED_FORMAT_UNKNOWN: break;
    }
    return "non reconnu";
}

static const char *type_label(enum feed_item_type t, enum feed_format f)
{
    switch (t) {
    case FEED_ITEM_SLOT: return "créneau";
    case FEED_ITEM_EVENT: return "événement";
    case FEED_ITEM_NOTICE: return "annonce";
    case FEED_ITEM_TICKER: return "bandeau";
    case FEED_ITEM_URGENT: return "message urgent";
    case FEED_ITEM_ENTRY: break;
    }
    return f == FEED_FORMAT_ICAL ? "événement" : "article";
}

/* "mardi 1er décembre, 14 h – 16 h", "samedi 5 décembre, toute la journée",
 * or "publié le mardi 1er décembre à 9 h"; "" when the item has no date. */
static void item_when(const struct feed_item *it, time_t now, char *buf, size_t n)
{
    char day[64], range[64];

    buf[0] = '\0';
    if (it->start != 0) {
        frdate_day(it->start, now, day, sizeof(day));
        if (it->all_day) {
            int days = caltime_days_between(it->start, it->end);

            if (days > 1) {
                char last[64];

                frdate_day(caltime_add_days(it->end, -1), now, last, sizeof(last));
                snprintf(buf, n, "du %s au %s", day, last);
            } else {
                snprintf(buf, n, "%s, toute la journée", day);
            }
        } else if (caltime_days_between(it->start, it->end) == 0 ||
                   (caltime_days_between(it->start, it->end) == 1 &&
                    it->end == caltime_day_start(it->end))) {
            frdate_range(it->start, it->end, range, sizeof(range));
            snprintf(buf, n, "%s, %s", day, range);
        } else {
            char last[64], t1[16], t2[16];

            frdate_day(it->end, now, last, sizeof(last));
            frdate_time(it->start, t1, sizeof(t1));
            frdate_time(it->end, t2, sizeof(t2));
            snprintf(buf, n, "du %s %s au %s %s", day, t1, last, t2);
        }
    } else if (it->published != 0) {
        frdate_day(it->published, now, day, sizeof(day));
        frdate_time(it->published, range, sizeof(range));
        snprintf(buf, n, "publié le %s à %s", day, range);
    }
}

static size_t count(const struct feed_doc *d, enum feed_severity sev)
{
    size_t k = 0;

    for (size_t i = 0; i < d->nproblems; i++)
        k += d->problems[i].severity == sev;
    return k;
}

/* Prints the start of text, cut at a word, on its own indented line. */
static void print_excerpt(const char *text, FILE *out)
{
    size_t n = strlen(text), cut = n;

    if (n > EXCERPT_BYTES) {
        cut = EXCERPT_BYTES;
        while (cut > 0 && text[cut] != ' ')
            cut--;
        if (cut == 0)
            for (cut = EXCERPT_BYTES; cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80;)
                cut--;
    }
    fprintf(out, "        « %.*s%s »\n", (int)cut, text, cut < n ? "…" : "");
}

void check_print_text(const struct check_input *in, size_t n, time_t now, FILE *out)
{
    for (size_t k = 0; k < n; k++) {
        const struct feed_doc *d = in[k].doc;
        size_t errors = count(d, FEED_ERROR), warnings = count(d, FEED_WARNING);

        fprintf(out, "%s%s\n", k ? "\n" : "", in[k].source);
        fprintf(out, "  Format : %s%s%s%s\n", format_label(d->format), d->title ? " — « " : "",
                d->title ? d->title : "", d->title ? " »" : "");
        if (d->usable)
            fprintf(out, "  Résultat : utilisable, %zu élément%s compris%s\n", d->nitems,
                    d->nitems > 1 ? "s" : "",
                    errors ? " (certains éléments ont été ignorés, voir plus bas)" : "");
        else
            fprintf(out, "  Résultat : INUTILISABLE — l’écran garde le dernier contenu valide "
                         "de ce flux\n");
        for (size_t i = 0; i < d->nitems; i++) {
            const struct feed_item *it = &d->items[i];
            char when[256];

            item_when(it, now, when, sizeof(when));
            if (i == 0)
                fprintf(out, "\n  Ce que l’écran a compris :\n");
            fprintf(out, "    ");
            if (it->line > 0)
                fprintf(out, "ligne %d · ", it->line);
            fprintf(out, "%s · %s", type_label(it->type, d->format), it->title);
            if (when[0])
                fprintf(out, " · %s", when);
            if (it->location)
                fprintf(out, " · %s", it->location);
            if (it->partner)
                fprintf(out, " · %s", it->partner);
            fprintf(out, "\n");
            if (it->summary)
                print_excerpt(it->summary, out);
        }
        if (d->nproblems > 0)
            fprintf(out, "\n  %zu erreur%s, %zu avertissement%s :\n", errors,
                    errors > 1 ? "s" : "", warnings, warnings > 1 ? "s" : "");
        for (size_t i = 0; i < d->nproblems; i++) {
            const struct feed_problem *p = &d->problems[i];

            fprintf(out, "    %s", p->severity == FEED_ERROR ? "erreur" : "attention");
            if (p->line > 0)
                fprintf(out, ", ligne %d", p->line);
            fprintf(out, " : %s\n", p->message);
        }
        if (d->more_problems)
            fprintf(out, "    … et d’autres problèmes : corrigez d’abord ceux-ci\n");
        if (d->usable && d->nproblems == 0)
            fprintf(out, "\n  Aucun problème.\n");
    }
}

/* ISO 8601 in the screen's zone with its offset: 2026-11-30T14:00:00+01:00;
 * a date alone for all-day values. */
static json_t *json_time(time_t t, int date_only)
{
    char buf[40];

    if (t == 0 || caltime_format_iso(t, date_only, buf, sizeof(buf)) == 0)
        return json_null();
    return json_string(buf);
}

static json_t *json_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static const char *type_name(enum feed_item_type t)
{
    switch (t) {
    case FEED_ITEM_SLOT: return "slot";
    case FEED_ITEM_EVENT: return "event";
    case FEED_ITEM_NOTICE: return "notice";
    case FEED_ITEM_TICKER: return "ticker";
    case FEED_ITEM_URGENT: return "urgent";
    case FEED_ITEM_ENTRY: break;
    }
    return "entry";
}

static json_t *json_item(const struct feed_item *it)
{
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    /* json_object_set_new takes each value, also on failure. */
    if (json_object_set_new(o, "title", json_str(it->title)) ||
        json_object_set_new(o, "link", json_str(it->link)) ||
        json_object_set_new(o, "published", json_time(it->published, 0)) ||
        json_object_set_new(o, "start", json_time(it->start, it->all_day)) ||
        json_object_set_new(o, "end", json_time(it->end, it->all_day)) ||
        json_object_set_new(o, "all_day", json_boolean(it->all_day)) ||
        json_object_set_new(o, "location", json_str(it->location)) ||
        json_object_set_new(o, "partner", json_str(it->partner)) ||
        json_object_set_new(o, "summary", json_str(it->summary)) ||
        json_object_set_new(o, "type", json_string(type_name(it->type))) ||
        json_object_set_new(o, "line", it->line > 0 ? json_integer(it->line) : json_null())) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *json_input(const struct check_input *in)
{
    const struct feed_doc *d = in->doc;
    json_t *o = json_object(), *items = json_array(), *problems = json_array();

    if (o == NULL || items == NULL || problems == NULL)
        goto fail;
    for (size_t i = 0; i < d->nitems; i++)
        if (json_array_append_new(items, json_item(&d->items[i])) != 0)
            goto fail;
    for (size_t i = 0; i < d->nproblems; i++) {
        const struct feed_problem *p = &d->problems[i];
        json_t *po = json_object();

        if (po == NULL || json_array_append_new(problems, po) != 0 ||
            json_object_set_new(po, "line", p->line > 0 ? json_integer(p->line) : json_null()) ||
            json_object_set_new(po, "severity",
                                json_string(p->severity == FEED_ERROR ? "error" : "warning")) ||
            json_object_set_new(po, "message", json_string(p->message)))
            goto fail;
    }
    /* json_object_set keeps our references: one cleanup for every case. */
    if (json_object_set_new(o, "source", json_string(in->source)) ||
        json_object_set_new(o, "format", json_string(feed_format_name(d->format))) ||
        json_object_set_new(o, "title", json_str(d->title)) ||
        json_object_set_new(o, "usable", json_boolean(d->usable)) ||
        json_object_set(o, "problems", problems) || json_object_set(o, "items", items))
        goto fail;
    json_decref(items);
    json_decref(problems);
    return o;

fail:
    json_decref(items);
    json_decref(problems);
    json_decref(o);
    return NULL;
}

int check_print_json(const struct check_input *in, size_t n, FILE *out)
{
    json_t *all = json_array();
    int rc = -1;

    if (all == NULL)
        return -1;
    for (size_t k = 0; k < n; k++)
        if (json_array_append_new(all, json_input(&in[k])) != 0)
            goto done;
    if (json_dumpf(all, out, JSON_INDENT(2)) != 0)
        goto done;
    fputc('\n', out);
    rc = 0;
done:
    json_decref(all);
    return rc;
}

int check_preview_content(const struct check_input *in, size_t n, time_t now,
                          struct content *c)
{
    for (size_t k = 0; k < n; k++) {
        const struct feed_doc *d = in[k].doc;
        struct cfg_source src = {.url = (char *)in[k].source, .colour = -1};
        int dated = d->nitems > 0;

        if (!d->usable)
            continue;
        for (size_t i = 0; i < d->nitems; i++)
            dated &= d->items[i].start != 0;
        src.kind = dated ? CFG_KIND_AGENDA : CFG_KIND_TICKER;
        src.partner = d->title ? d->title : (char *)"Aperçu";
        snprintf(src.name, sizeof(src.name), "apercu-%zu", k + 1);
        if (feed_map(d, &src, now, c, NULL) < 0)
            return -1;
    }
    return 0;
}
