/* Tests of feeds/ical.c on the fixtures of tests/data/feeds (ical-*), written
 * the way real calendars export: Nextcloud, Google Calendar, Framagenda, a
 * hand-made file with floating times, long-running rules; and broken ones.
 * Expected instants are written in UTC with timegm, local ones with
 * caltime_make, in Europe/Paris; the DST changes of 2026 are on 29 March and
 * 25 October. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "../content/caltime.h"
#include "../feeds/ical.h"

#define DATA "tests/data/feeds/"
#define HOUR 3600

static time_t local(int y, int mon, int d, int h, int mi)
{
    return caltime_make(y, mon, d, h, mi);
}

static int setup(void **state)
{
    (void)state;
    ical_global_init();
    return caltime_set_zone("Europe/Paris");
}

static int teardown(void **state)
{
    (void)state;
    ical_global_cleanup();
    return caltime_set_zone(NULL);
}

/* Checks what every document must hold: items sorted by start, each with
 * a title, an end after its start, overlapping [from, to). */
static void check_doc(const struct feed_doc *d, time_t from, time_t to)
{
    assert_int_equal(d->format, FEED_FORMAT_ICAL);
    assert_true(d->nitems <= HS_MAX_FEED_ITEMS);
    for (size_t i = 0; i < d->nitems; i++) {
        const struct feed_item *it = &d->items[i];

        assert_non_null(it->title);
        assert_true(it->end > it->start);
        assert_true(it->end > from);
        assert_true(it->start < to);
        assert_int_equal(it->type, FEED_ITEM_ENTRY);
        assert_int_equal(it->colour, -1);
        if (i > 0) {
            assert_true(d->items[i - 1].start <= it->start);
            if (d->items[i - 1].start == it->start)
                assert_true(strcmp(d->items[i - 1].title, it->title) <= 0);
        }
    }
}

static struct feed_doc *parse_buf(const char *buf, size_t len, time_t from, time_t to)
{
    struct feed_doc *d = ical_parse(buf, len, from, to);

    assert_non_null(d);
    check_doc(d, from, to);
    return d;
}

static struct feed_doc *parse_file(const char *name, time_t from, time_t to)
{
    size_t len;
    char *buf = slurp(name, &len);
    struct feed_doc *d = parse_buf(buf, len, from, to);

    free(buf);
    return d;
}

static struct feed_doc *parse_str(const char *s, time_t from, time_t to)
{
    return parse_buf(s, strlen(s), from, to);
}

/* The November window most tests use: 1 November to 15 December 2026. */
static struct feed_doc *parse_nov(const char *name)
{
    return parse_file(name, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));
}

/* Asserts a string field: want NULL means the field must be absent. */
#define assert_field(got, want)                                                       \
    do {                                                                              \
        const char *g_ = (got), *w_ = (want);                                         \
        if (w_ == NULL && g_ != NULL)                                                 \
            fail_msg("%s: got \"%s\", want NULL", #got, g_);                          \
        if (w_ != NULL && g_ == NULL)                                                 \
            fail_msg("%s: got NULL, want \"%s\"", #got, w_);                          \
        if (w_ != NULL && strcmp(g_, w_) != 0)                                        \
            fail_msg("%s:\n got \"%s\"\nwant \"%s\"", #got, g_, w_);                  \
    } while (0)

static void print_items(const struct feed_doc *d)
{
    for (size_t i = 0; i < d->nitems; i++) {
        struct tm a;

        caltime_local(d->items[i].start, &a);
        print_message("  item %zu line %d: %04d-%02d-%02d %02d:%02d %s\n", i,
                      d->items[i].line, a.tm_year + 1900, a.tm_mon + 1, a.tm_mday,
                      a.tm_hour, a.tm_min, d->items[i].title);
    }
}

/* Asserts item i of d: its title, start and end. */
static void assert_item(const struct feed_doc *d, size_t i, const char *title, time_t start,
                        time_t end)
{
    if (i >= d->nitems) {
        print_items(d);
        fail_msg("no item %zu (%zu items)", i, d->nitems);
    }
    if (strcmp(d->items[i].title, title) != 0 || d->items[i].start != start ||
        d->items[i].end != end) {
        print_items(d);
        fail_msg("item %zu: got \"%s\" %lld-%lld, want \"%s\" %lld-%lld", i,
                 d->items[i].title, (long long)d->items[i].start, (long long)d->items[i].end,
                 title, (long long)start, (long long)end);
    }
}

/* Returns the number of problems of d at line (any line when < 0) of
 * severity sev whose message holds needle. */
static int count_problems(const struct feed_doc *d, int line, enum feed_severity sev,
                          const char *needle)
{
    int n = 0;

    for (size_t i = 0; i < d->nproblems; i++) {
        const struct feed_problem *p = &d->problems[i];

        if ((line < 0 || p->line == line) && p->severity == sev &&
            strstr(p->message, needle) != NULL)
            n++;
    }
    return n;
}

static void print_problems(const struct feed_doc *d)
{
    for (size_t i = 0; i < d->nproblems; i++)
        print_message("  problem line %d: %s\n", d->problems[i].line, d->problems[i].message);
}

#define assert_problem(d, line, sev, needle)                                          \
    do {                                                                              \
        if (count_problems((d), (line), (sev), (needle)) != 1) {                      \
            print_problems(d);                                                        \
            fail_msg("no single problem at line %d with \"%s\"", (line), (needle));   \
        }                                                                             \
    } while (0)

#define assert_nproblems(d, n)                                                        \
    do {                                                                              \
        if ((d)->nproblems != (size_t)(n)) {                                          \
            print_problems(d);                                                        \
            fail_msg("%zu problems, want %d", (d)->nproblems, (n));                   \
        }                                                                             \
    } while (0)

/* Returns the index of the item titled title that starts at start, or -1. */
static int find_item(const struct feed_doc *d, const char *title, time_t start)
{
    for (size_t i = 0; i < d->nitems; i++)
        if (strcmp(d->items[i].title, title) == 0 && d->items[i].start == start)
            return (int)i;
    return -1;
}

/* A weekly permanence with VTIMEZONE, EXDATE on a holiday, an occurrence
 * moved to the afternoon (RECURRENCE-ID) and one cancelled. */
static void test_nextcloud(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-nextcloud.ics");
    const struct feed_item *it;

    (void)state;
    assert_true(d->usable);
    assert_nproblems(d, 0);
    assert_field(d->title, "Permanences du centre social");
    assert_int_equal(d->nitems, 6);
    assert_item(d, 0, "Permanence CAF", local(2026, 11, 3, 9, 0), local(2026, 11, 3, 12, 0));
    it = &d->items[0];
    assert_int_equal(it->line, 26);
    assert_field(it->location, "Bureau 2, 1er étage");
    assert_field(it->summary, "Une conseillère de la CAF vous reçoit sans rendez-vous : "
                              "dossiers d'allocations, APL, prime d'activité. Apportez "
                              "votre numéro allocataire.");
    assert_field(it->partner, "Centre social des Tilleuls");
    assert_field(it->link, "https://tilleuls.example.org/permanences/caf");
    assert_null(it->image);
    assert_false(it->all_day);
    assert_int_equal(it->published, utc(2026, 10, 20, 8, 30, 0));
    assert_item(d, 1, "Permanence CAF", local(2026, 11, 10, 9, 0), local(2026, 11, 10, 12, 0));
    /* The override: its own time, title and place, its own line. */
    assert_item(d, 2, "Permanence CAF (l'après-midi)", local(2026, 11, 17, 14, 0),
                local(2026, 11, 17, 17, 0));
    assert_int_equal(d->items[2].line, 51);
    assert_field(d->items[2].location, "Salle polyvalente");
    assert_null(d->items[2].link);
    assert_item(d, 3, "Permanence CAF", local(2026, 11, 24, 9, 0), local(2026, 11, 24, 12, 0));
    assert_item(d, 4, "Assemblée générale", local(2026, 11, 27, 18, 30),
                local(2026, 11, 27, 20, 30));
    assert_int_equal(d->items[4].line, 77);
    /* 1 December is cancelled; 15 December is not before `to`. */
    assert_item(d, 5, "Permanence CAF", local(2026, 12, 8, 9, 0), local(2026, 12, 8, 12, 0));
    feed_doc_free(d);
}

/* A weekly 09:00 Europe/Paris stays at 09:00 local across both DST changes
 * of 2026, and the holiday (14 July) is excluded. */
static void test_weekly_across_dst(void **state)
{
    time_t from = local(2026, 3, 1, 0, 0), to = local(2026, 11, 30, 0, 0);
    struct feed_doc *d = parse_file(DATA "ical-nextcloud.ics", from, to);
    int tuesdays = 0;

    (void)state;
    for (size_t i = 0; i < d->nitems; i++) {
        const struct feed_item *it = &d->items[i];
        struct tm tm;

        if (strcmp(it->title, "Permanence CAF") != 0)
            continue;
        caltime_local(it->start, &tm);
        assert_int_equal(tm.tm_hour, 9);
        assert_int_equal(tm.tm_min, 0);
        assert_int_equal(tm.tm_wday, 2);
        assert_int_equal(it->end - it->start, 3 * HOUR);
        assert_false(tm.tm_mon == 6 && tm.tm_mday == 14);
        tuesdays++;
    }
    /* 39 Tuesdays from 3 March to 24 November, less 14 July and the moved
     * 17 November. */
    assert_int_equal(tuesdays, 37);
    /* Before and after each change, the same wall time, another offset. */
    assert_true(find_item(d, "Permanence CAF", utc(2026, 3, 24, 8, 0, 0)) >= 0);
    assert_true(find_item(d, "Permanence CAF", utc(2026, 3, 31, 7, 0, 0)) >= 0);
    assert_true(find_item(d, "Permanence CAF", utc(2026, 10, 20, 7, 0, 0)) >= 0);
    assert_true(find_item(d, "Permanence CAF", utc(2026, 10, 27, 8, 0, 0)) >= 0);
    assert_true(find_item(d, "Permanence CAF", local(2026, 7, 7, 9, 0)) >= 0);
    assert_int_equal(find_item(d, "Permanence CAF", local(2026, 7, 14, 9, 0)), -1);
    assert_true(find_item(d, "Permanence CAF", local(2026, 7, 21, 9, 0)) >= 0);
    feed_doc_free(d);
}

/* EXDATE with a TZID and a comma list of two dates. */
static void test_exdate_list(void **state)
{
    struct feed_doc *d = parse_file(DATA "ical-nextcloud.ics", local(2026, 12, 14, 0, 0),
                                    local(2027, 1, 10, 0, 0));

    (void)state;
    assert_int_equal(d->nitems, 2);
    assert_item(d, 0, "Permanence CAF", local(2026, 12, 15, 9, 0), local(2026, 12, 15, 12, 0));
    assert_item(d, 1, "Permanence CAF", local(2027, 1, 5, 9, 0), local(2027, 1, 5, 12, 0));
    feed_doc_free(d);
}

/* Google: CRLF, X-WR-CALNAME, UTC times, BYDAY=MO,WE,FR with COUNT, an
 * ATTACH picture, an organizer without a name, an all-day event. */
static void test_google(void **state)
{
    static const int days[9] = {2, 4, 6, 9, 11, 13, 16, 18, 20};
    struct feed_doc *d = parse_nov(DATA "ical-google.ics");
    const struct feed_item *it;

    (void)state;
    assert_true(d->usable);
    assert_nproblems(d, 0);
    assert_field(d->title, "Médiathèque Jean-Macé");
    assert_int_equal(d->nitems, 11);
    for (int i = 0; i < 9; i++) {
        /* 13:00 UTC is 14:00 in Paris after 25 October. */
        assert_item(d, (size_t)i, "Atelier numérique", utc(2026, 11, days[i], 13, 0, 0),
                    utc(2026, 11, days[i], 15, 0, 0));
        assert_int_equal(d->items[i].line, 27);
    }
    it = &d->items[0];
    assert_int_equal(it->start, local(2026, 11, 2, 14, 0));
    assert_field(it->location, "Médiathèque Jean-Macé, 2 rue des Écoles, 69003 Lyon, France");
    assert_field(it->summary, "Apprendre à utiliser sa messagerie, envoyer une photo, remplir "
                              "un formulaire en ligne. Gratuit, sur inscription à l’accueil.");
    assert_field(it->partner, "Médiathèque Jean-Macé");
    assert_field(it->image, "https://drive.google.com/open?id=1AbCdEfGhIjKlMnOpQrStUvWxYz");
    assert_int_equal(it->published, utc(2026, 10, 28, 16, 45, 0));
    assert_item(d, 9, "Heure du conte", local(2026, 11, 25, 10, 0), local(2026, 11, 25, 11, 0));
    assert_field(d->items[9].partner, "conteuse@example.org");
    assert_null(d->items[9].summary);
    assert_item(d, 10, "Braderie de livres", local(2026, 11, 28, 0, 0),
                local(2026, 11, 29, 0, 0));
    assert_true(d->items[10].all_day);
    assert_int_equal(d->items[10].line, 61);
    feed_doc_free(d);
}

/* Framagenda: CRLF, a DESCRIPTION folded over five lines (one fold splits
 * an "é" in two), a monthly rule with an extra date (RDATE), an all-day event
 * of two days sorted before an event of the same day. */
static void test_framagenda(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-framagenda.ics");
    const struct feed_item *it;

    (void)state;
    assert_true(d->usable);
    assert_nproblems(d, 0);
    assert_field(d->title, "Les Jardins partagés du Vieux-Moulin");
    assert_int_equal(d->nitems, 4);
    assert_item(d, 0, "Repair café", local(2026, 11, 7, 14, 0), local(2026, 11, 7, 17, 0));
    it = &d->items[0];
    assert_field(it->summary,
                 "Apportez vos objets en panne : petit électroménager, vélos, vêtements, "
                 "ordinateurs. Des bénévoles vous aident à les réparer vous-même. Café et "
                 "gâteaux offerts. Entrée libre, participation aux frais selon vos moyens.");
    assert_field(it->partner, "Les Jardins partagés");
    assert_field(it->image, "https://jardins-vieux-moulin.example.org/images/repair-cafe.JPG");
    assert_field(it->location, "Local associatif, 12 rue du Vieux-Moulin");
    assert_int_equal(it->line, 24);
    assert_item(d, 1, "Repair café", local(2026, 11, 21, 14, 0), local(2026, 11, 21, 17, 0));
    assert_item(d, 2, "Marché de Noël des jardiniers", local(2026, 12, 5, 0, 0),
                local(2026, 12, 7, 0, 0));
    assert_true(d->items[2].all_day);
    assert_int_equal(d->items[2].line, 43);
    assert_item(d, 3, "Repair café", local(2026, 12, 5, 14, 0), local(2026, 12, 5, 17, 0));
    feed_doc_free(d);
}

/* The same calendar with LF or CRLF line ends gives the same items. */
static void test_crlf_and_lf(void **state)
{
    size_t len, n = 0;
    char *lf = slurp(DATA "ical-nextcloud.ics", &len);
    char *crlf = malloc(2 * len + 1);
    struct feed_doc *a, *b;

    (void)state;
    assert_non_null(crlf);
    for (size_t i = 0; i < len; i++) {
        if (lf[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = lf[i];
    }
    assert_true(memchr(lf, '\r', len) == NULL);
    a = parse_buf(lf, len, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));
    b = parse_buf(crlf, n, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));
    assert_int_equal(a->nitems, 6);
    assert_int_equal(b->nitems, a->nitems);
    for (size_t i = 0; i < a->nitems; i++) {
        assert_item(b, i, a->items[i].title, a->items[i].start, a->items[i].end);
        assert_int_equal(b->items[i].line, a->items[i].line);
        assert_field(b->items[i].summary, a->items[i].summary);
    }
    feed_doc_free(a);
    feed_doc_free(b);
    free(lf);
    free(crlf);
}

/* Floating times are the screen's wall time, DST included. */
static void test_floating(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-floating.ics");
    int i;

    (void)state;
    assert_nproblems(d, 0);
    i = find_item(d, "Conseil municipal", local(2026, 11, 20, 18, 30));
    assert_true(i >= 0);
    assert_int_equal(d->items[i].end, local(2026, 11, 20, 20, 30));
    assert_field(d->items[i].location, "Salle du conseil, mairie");
    assert_int_equal(d->items[i].line, 4);
    feed_doc_free(d);
    /* Weekly, floating, across 29 March: 09:00 CET then 09:00 CEST. */
    d = parse_file(DATA "ical-floating.ics", local(2026, 3, 20, 0, 0), local(2026, 4, 4, 0, 0));
    assert_int_equal(d->nitems, 2);
    assert_item(d, 0, "Yoga doux", utc(2026, 3, 24, 8, 0, 0), utc(2026, 3, 24, 9, 15, 0));
    assert_item(d, 1, "Yoga doux", utc(2026, 3, 31, 7, 0, 0), utc(2026, 3, 31, 8, 15, 0));
    feed_doc_free(d);
}

/* INTERVAL=2 with UNTIL, a monthly first Monday since 2024 and a weekly
 * rule since 2015 (the iterator starts near the window), TZID=Europe/Paris
 * without VTIMEZONE (libical's own zone). */
static void test_biweekly_until(void **state)
{
    struct feed_doc *d = parse_file(DATA "ical-biweekly.ics", local(2026, 11, 1, 0, 0),
                                    local(2027, 1, 15, 0, 0));
    static const int couture[4][2] = {{11, 5}, {11, 19}, {12, 3}, {12, 17}};
    int n = 0;

    (void)state;
    assert_nproblems(d, 0);
    for (int k = 0; k < 4; k++) {
        int i = find_item(d, "Atelier couture", local(2026, couture[k][0], couture[k][1], 14, 0));

        assert_true(i >= 0);
        assert_int_equal(d->items[i].end, local(2026, couture[k][0], couture[k][1], 17, 0));
        assert_int_equal(d->items[i].line, 4);
    }
    for (size_t i = 0; i < d->nitems; i++)
        n += strcmp(d->items[i].title, "Atelier couture") == 0;
    assert_int_equal(n, 4);   /* not 31 December: after UNTIL */
    assert_true(find_item(d, "Conseil de quartier", local(2026, 11, 2, 18, 30)) >= 0);
    assert_true(find_item(d, "Conseil de quartier", local(2026, 12, 7, 18, 30)) >= 0);
    assert_true(find_item(d, "Conseil de quartier", local(2027, 1, 4, 18, 30)) >= 0);
    assert_true(find_item(d, "Permanence juridique", local(2026, 11, 16, 10, 0)) >= 0);
    assert_int_equal(find_item(d, "Permanence juridique", local(2026, 11, 23, 10, 0)), -1);
    assert_true(find_item(d, "Permanence juridique", local(2026, 11, 30, 10, 0)) >= 0);
    assert_true(find_item(d, "Permanence juridique", local(2027, 1, 11, 10, 0)) >= 0);
    /* 1 January 2026 was a Thursday: 10 Mondays, less 23 November. */
    n = 0;
    for (size_t i = 0; i < d->nitems; i++)
        n += strcmp(d->items[i].title, "Permanence juridique") == 0;
    assert_int_equal(n, 10);
    feed_doc_free(d);
}

/* An occurrence that started before `from` and ends after it is in; one
 * that ends at `from` is not; one that starts at `to` is not. */
static void test_window_edges(void **state)
{
    struct feed_doc *d;

    (void)state;
    d = parse_file(DATA "ical-biweekly.ics", local(2026, 11, 5, 15, 0),
                   local(2026, 11, 19, 14, 0));
    assert_item(d, 0, "Atelier couture", local(2026, 11, 5, 14, 0), local(2026, 11, 5, 17, 0));
    assert_int_equal(find_item(d, "Atelier couture", local(2026, 11, 19, 14, 0)), -1);
    feed_doc_free(d);
    d = parse_file(DATA "ical-biweekly.ics", local(2026, 11, 5, 17, 0),
                   local(2026, 11, 19, 14, 1));
    assert_int_equal(find_item(d, "Atelier couture", local(2026, 11, 5, 14, 0)), -1);
    assert_true(find_item(d, "Atelier couture", local(2026, 11, 19, 14, 0)) >= 0);
    feed_doc_free(d);
    /* An all-day event of two days, seen from its second day. */
    d = parse_file(DATA "ical-framagenda.ics", local(2026, 12, 6, 12, 0),
                   local(2026, 12, 6, 13, 0));
    assert_int_equal(d->nitems, 1);
    assert_item(d, 0, "Marché de Noël des jardiniers", local(2026, 12, 5, 0, 0),
                local(2026, 12, 7, 0, 0));
    feed_doc_free(d);
}

/* Items are sorted by start, then title; a rule never runs past `to`. */
static void test_sorted_and_stops(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//FR\n"
        "BEGIN:VEVENT\nUID:z\nDTSTART:20261120T100000\nSUMMARY:Zumba\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:a\nDTSTART:20261120T100000\nSUMMARY:Aquarelle\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:e\nDTSTART:20261101T080000\nRRULE:FREQ=DAILY\n"
        "SUMMARY:Épicerie solidaire\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\nDTSTART:20261119T100000\nSUMMARY:Broderie\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 19, 0, 0), local(2026, 11, 21, 0, 0));

    (void)state;
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 5);
    assert_item(d, 0, "Épicerie solidaire", local(2026, 11, 19, 8, 0),
                local(2026, 11, 19, 9, 0));
    assert_item(d, 1, "Broderie", local(2026, 11, 19, 10, 0), local(2026, 11, 19, 11, 0));
    assert_item(d, 2, "Épicerie solidaire", local(2026, 11, 20, 8, 0),
                local(2026, 11, 20, 9, 0));
    assert_item(d, 3, "Aquarelle", local(2026, 11, 20, 10, 0), local(2026, 11, 20, 11, 0));
    assert_item(d, 4, "Zumba", local(2026, 11, 20, 10, 0), local(2026, 11, 20, 11, 0));
    feed_doc_free(d);
}

/* More occurrences than HS_MAX_FEED_ITEMS: the earliest are kept, with a
 * warning. */
static void test_cap_on_items(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//FR\n"
        "BEGIN:VEVENT\nUID:n\nDTSTART:20261101T000000\nDURATION:PT30M\n"
        "RRULE:FREQ=HOURLY\nSUMMARY:Navette\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:o\nDTSTART:20261101T001000\nDURATION:PT30M\n"
        "RRULE:FREQ=HOURLY\nSUMMARY:Orchestre\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, HS_MAX_FEED_ITEMS);
    assert_problem(d, 0, FEED_WARNING, "trop d’occurrences");
    for (size_t i = 0; i < d->nitems; i++)
        assert_int_equal(d->items[i].start,
                         local(2026, 11, 1, 0, 0) + (time_t)(i / 2) * HOUR +
                             (time_t)(i % 2) * 600);
    feed_doc_free(d);
}

static void test_no_vcalendar(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-no-vcalendar.ics");

    (void)state;
    assert_false(d->usable);
    assert_int_equal(d->nitems, 0);
    assert_nproblems(d, 1);
    assert_problem(d, 1, FEED_ERROR, "BEGIN:VCALENDAR manque");
    feed_doc_free(d);
}

static void test_empty_and_garbage(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-empty.ics");

    (void)state;
    assert_false(d->usable);
    assert_problem(d, 0, FEED_ERROR, "le calendrier est vide");
    feed_doc_free(d);
    d = parse_nov(DATA "ical-bad-garbage.bin");
    assert_false(d->usable);
    assert_int_equal(d->nitems, 0);
    assert_nproblems(d, 1);
    assert_int_equal(count_problems(d, -1, FEED_ERROR, "pas un calendrier"), 1);
    feed_doc_free(d);
    d = parse_str("  \r\n\n\t\n", 0, 1);
    assert_false(d->usable);
    assert_problem(d, 0, FEED_ERROR, "le calendrier est vide");
    feed_doc_free(d);
    d = ical_parse(NULL, 0, 0, 1);
    assert_non_null(d);
    assert_false(d->usable);
    feed_doc_free(d);
}

/* A VEVENT without DTSTART or without SUMMARY is skipped, the others read. */
static void test_no_dtstart_no_summary(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-no-dtstart.ics");

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 1);
    assert_item(d, 0, "Loto", utc(2026, 11, 20, 10, 0, 0), utc(2026, 11, 20, 11, 0, 0));
    assert_nproblems(d, 2);
    assert_problem(d, 9, FEED_ERROR, "« Sortie au musée » n’a pas de date de début (DTSTART)");
    assert_problem(d, 14, FEED_ERROR, "événement sans titre (SUMMARY) : ajoutez un titre");
    feed_doc_free(d);
}

static void test_end_before_start(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-end-before-start.ics");

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 0);
    assert_nproblems(d, 1);
    assert_problem(d, 7, FEED_ERROR, "la fin (DTEND) est avant le début (DTSTART)");
    feed_doc_free(d);
}

/* 31 November does not exist: libical reads it, this parser does not; the
 * DTEND that libical cannot read is not reported on a skipped event. */
static void test_bad_date(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-date.ics");

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 1);
    assert_item(d, 0, "Permanence logement", local(2026, 11, 25, 14, 0),
                local(2026, 11, 25, 15, 0));
    assert_nproblems(d, 1);
    assert_problem(d, 12, FEED_ERROR,
                   "date « 20261131T140000 » non comprise — attendu AAAAMMJJTHHMMSS, "
                   "par exemple 20261130T140000");
    feed_doc_free(d);
}

/* Values libical cannot read at all (X-LIC-ERROR), each on its line. */
static void test_unreadable_values(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//FR\n"              /* 1-3 */
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Chorale\n"                       /* 4-6 */
        "DESCRIPTION:Répétition ouverte à tous\\, débutants bienvenus\\, venez\n"
        " comme vous êtes.\n"                                          /* 7-8 */
        "DTSTART;TZID=Europe/Paris:20261118T183000\n"                 /* 9 */
        "DTEND;TZID=Europe/Paris:2026-11-18 20:00\n"                  /* 10 */
        "RRULE:FREQ=WEEKLY;BYDAY=ME\n"                                 /* 11 */
        "EXDATE;TZID=Europe/Paris:20261125T183000\n"                  /* 12 */
        "EXDATE:20261202T1830\n"                                       /* 13 */
        "END:VEVENT\nEND:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 1);
    /* The end unread: an hour; the rule unread: the first date alone. */
    assert_item(d, 0, "Chorale", local(2026, 11, 18, 18, 30), local(2026, 11, 18, 19, 30));
    assert_problem(d, 10, FEED_WARNING, "date « 2026-11-18 20:00 » non comprise");
    assert_problem(d, 11, FEED_WARNING, "règle de répétition (RRULE) « FREQ=WEEKLY;BYDAY=ME »");
    assert_problem(d, 13, FEED_WARNING, "date « 20261202T1830 » non comprise");
    assert_nproblems(d, 3);
    feed_doc_free(d);
}

/* An Outlook zone name without its VTIMEZONE: read as local time, with a
 * warning on the property's line. */
static void test_unknown_tzid(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-tzid.ics");

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 1);
    assert_item(d, 0, "Café des parents", local(2026, 11, 26, 9, 30),
                local(2026, 11, 26, 11, 0));
    assert_nproblems(d, 1);   /* once for the TZID, though DTEND names it too */
    assert_problem(d, 6, FEED_WARNING, "fuseau horaire « Romance Standard Time » inconnu");
    feed_doc_free(d);
}

/* Zone names behind a prefix, and UTC aliases, need no VTIMEZONE. */
static void test_prefixed_tzid(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//FR\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:A\n"
        "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Paris:20261118T183000\n"
        "END:VEVENT\nBEGIN:VEVENT\nUID:b\nSUMMARY:B\n"
        "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20261118T183000\n"
        "END:VEVENT\nBEGIN:VEVENT\nUID:c\nSUMMARY:C\n"
        "DTSTART;TZID=America/New_York:20261118T123000\n"
        "END:VEVENT\nBEGIN:VEVENT\nUID:d\nSUMMARY:D\n"
        "DTSTART;TZID=UTC:20261118T173000\n"
        "END:VEVENT\nEND:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(d->items[i].start, local(2026, 11, 18, 18, 30));
    feed_doc_free(d);
}

/* A TZID is not a path: libical would open any file under its zoneinfo
 * directory. Here a real zone file copied outside tzdata must not be used. */
static void test_tzid_is_not_a_path(void **state)
{
    char path[] = "/tmp/hs-ical-zone-XXXXXX", cal[640];
    size_t len;
    char *zone = slurp("/usr/share/zoneinfo/Asia/Kolkata", &len);
    int fd = mkstemp(path);
    struct feed_doc *d;

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, zone, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
    free(zone);
    /* libical's own icalproperty_get_exdate would open it too. */
    snprintf(cal, sizeof(cal),
             "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:A\n"
             "DTSTART;TZID=../../../../../../../..%s:20261118T100000\n"
             "RRULE:FREQ=DAILY;COUNT=2\n"
             "EXDATE;TZID=../../../../../../../..%s:20261119T100000\nEND:VEVENT\n"
             "END:VCALENDAR\n", path, path);
    d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));
    unlink(path);
    assert_int_equal(d->nitems, 1);
    assert_int_equal(d->items[0].start, local(2026, 11, 18, 10, 0));
    assert_problem(d, 6, FEED_WARNING, "inconnu (TZID)");
    feed_doc_free(d);
}

/* A file cut in the middle of a VEVENT: the ones before are read, the cut
 * one is dropped (libical alone would drop the whole calendar). */
static void test_truncated(void **state)
{
    struct feed_doc *d = parse_nov(DATA "ical-bad-truncated.ics");

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 1);
    assert_item(d, 0, "Atelier cuisine", utc(2026, 11, 20, 10, 0, 0), utc(2026, 11, 20, 12, 0, 0));
    assert_nproblems(d, 1);
    assert_problem(d, 10, FEED_WARNING, "coupé");
    feed_doc_free(d);
}

/* Unbalanced BEGIN/END: a VEVENT left open before the next one, a stray
 * END, a missing END:VCALENDAR. libical would drop everything. */
static void test_structure_repaired(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"                                /* 1-2 */
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Yoga\nDTSTART:20261118T100000\n"  /* 3-6 */
        "END:VTODO\n"                                                   /* 7 */
        "BEGIN:X-PRIVATE\nBEGIN:VEVENT\nSUMMARY:caché\n"                /* 8-10 */
        "DTSTART:20261118T100000\nEND:VEVENT\nEND:X-PRIVATE\n"          /* 11-13 */
        "END:VCALENDAR\n"                                               /* 14 */
        "END:VCALENDAR\n"                                               /* 15 */
        "BEGIN:VCALENDAR\n"                                             /* 16 */
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Pilates\nDTSTART:20261119T100000\n"
        "END:VEVENT\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 2);
    assert_item(d, 0, "Yoga", local(2026, 11, 18, 10, 0), local(2026, 11, 18, 11, 0));
    assert_int_equal(d->items[0].line, 3);
    assert_item(d, 1, "Pilates", local(2026, 11, 19, 10, 0), local(2026, 11, 19, 11, 0));
    assert_int_equal(d->items[1].line, 17);
    assert_problem(d, 7, FEED_WARNING, "END:VTODO ne ferme aucun BEGIN:VTODO");
    assert_problem(d, 3, FEED_WARNING, "BEGIN:VEVENT n’est pas fermé");
    assert_problem(d, 16, FEED_WARNING, "END:VCALENDAR manque");
    assert_nproblems(d, 3);
    feed_doc_free(d);
}

/* A NUL byte in the text: replaced, and what follows it still read. */
static void test_nul_byte(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Caf\0 des parents\nDTSTART:20261118T100000\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Goûter\nDTSTART:20261119T100000\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_buf(cal, sizeof(cal) - 1, local(2026, 11, 1, 0, 0),
                                   local(2026, 12, 15, 0, 0));

    (void)state;
    assert_int_equal(d->nitems, 2);
    assert_field(d->items[0].title, "Caf\xEF\xBF\xBD des parents");
    assert_field(d->items[1].title, "Goûter");
    assert_problem(d, 5, FEED_WARNING, "octets nuls");
    feed_doc_free(d);
}

static void test_too_big(void **state)
{
    char *buf = malloc(HS_MAX_FEED_BYTES + 1);
    struct feed_doc *d;

    (void)state;
    assert_non_null(buf);
    memset(buf, ' ', HS_MAX_FEED_BYTES + 1);
    memcpy(buf, "BEGIN:VCALENDAR\n", 16);
    d = parse_buf(buf, HS_MAX_FEED_BYTES + 1, 0, 1);
    assert_false(d->usable);
    assert_problem(d, 0, FEED_ERROR, "trop gros");
    feed_doc_free(d);
    free(buf);
}

/* More than HS_MAX_ICAL_COMPONENTS VEVENTs: the rest is not read. */
static void test_too_many_vevents(void **state)
{
    size_t cap = 64 * (HS_MAX_ICAL_COMPONENTS + 2) + 64, n = 0;
    char *buf = malloc(cap);
    struct feed_doc *d;
    int i;

    (void)state;
    assert_non_null(buf);
    n += (size_t)snprintf(buf + n, cap - n, "BEGIN:VCALENDAR\n");
    for (i = 0; i <= HS_MAX_ICAL_COMPONENTS; i++)
        n += (size_t)snprintf(buf + n, cap - n,
                              "BEGIN:VEVENT\nSUMMARY:N%d\nDTSTART:2025%02d01T100000\n"
                              "END:VEVENT\n", i, i < HS_MAX_ICAL_COMPONENTS ? 1 : 11);
    n += (size_t)snprintf(buf + n, cap - n, "END:VCALENDAR\n");
    assert_true(n < cap);
    d = parse_buf(buf, n, local(2025, 11, 1, 0, 0), local(2025, 12, 1, 0, 0));
    assert_true(d->usable);
    assert_int_equal(d->nitems, 0);   /* the one in the window comes too late */
    assert_problem(d, 2 + 4 * HS_MAX_ICAL_COMPONENTS, FEED_WARNING, "trop d’éléments");
    feed_doc_free(d);
    free(buf);
}

/* A whole series cancelled; an override of it goes too. An override that
 * only changes the title keeps its time and is not doubled. */
static void test_cancelled_series(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:s\nSTATUS:CANCELLED\nSUMMARY:Danse\n"
        "DTSTART;TZID=Europe/Paris:20261102T180000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:s\nRECURRENCE-ID;TZID=Europe/Paris:20261109T180000\n"
        "SUMMARY:Danse (gala)\nDTSTART;TZID=Europe/Paris:20261109T180000\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:t\nSUMMARY:Théâtre\n"
        "DTSTART;TZID=Europe/Paris:20261103T180000\nDURATION:PT2H\n"
        "RRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:t\nRECURRENCE-ID;TZID=Europe/Paris:20261110T180000\n"
        "SUMMARY:Théâtre : la générale\nDTSTART;TZID=Europe/Paris:20261110T180000\n"
        "DURATION:PT3H\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 3);
    assert_item(d, 0, "Théâtre", local(2026, 11, 3, 18, 0), local(2026, 11, 3, 20, 0));
    assert_item(d, 1, "Théâtre : la générale", local(2026, 11, 10, 18, 0),
                local(2026, 11, 10, 21, 0));
    assert_item(d, 2, "Théâtre", local(2026, 11, 17, 18, 0), local(2026, 11, 17, 20, 0));
    feed_doc_free(d);
}

/* RFC 5545 3.8.5.3: DTSTART counts as the first of COUNT even when the
 * rule does not give it; EXDATE of a whole day; RDATE as a PERIOD. */
static void test_count_exdate_rdate(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Aide aux devoirs\n"
        "DTSTART:20261102T170000Z\nDTEND:20261102T180000Z\n"
        "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Ludothèque\n"
        "DTSTART;VALUE=DATE:20261104\nRRULE:FREQ=WEEKLY;COUNT=4\n"
        "EXDATE;VALUE=DATE:20261111\n"
        "RDATE;VALUE=PERIOD:20261130T140000Z/20261130T160000Z\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 7);
    assert_item(d, 0, "Aide aux devoirs", utc(2026, 11, 2, 17, 0, 0), utc(2026, 11, 2, 18, 0, 0));
    assert_item(d, 1, "Aide aux devoirs", utc(2026, 11, 3, 17, 0, 0), utc(2026, 11, 3, 18, 0, 0));
    assert_item(d, 2, "Ludothèque", local(2026, 11, 4, 0, 0), local(2026, 11, 5, 0, 0));
    assert_true(d->items[2].all_day);
    assert_item(d, 3, "Aide aux devoirs", utc(2026, 11, 10, 17, 0, 0),
                utc(2026, 11, 10, 18, 0, 0));
    assert_item(d, 4, "Ludothèque", local(2026, 11, 18, 0, 0), local(2026, 11, 19, 0, 0));
    /* 25 November is the fourth of COUNT=4. The RDATE is a PERIOD, but in
     * an all-day series every occurrence is a day. */
    assert_item(d, 5, "Ludothèque", local(2026, 11, 25, 0, 0), local(2026, 11, 26, 0, 0));
    assert_item(d, 6, "Ludothèque", local(2026, 11, 30, 0, 0), local(2026, 12, 1, 0, 0));
    feed_doc_free(d);
    /* COUNT=1 with a DTSTART the rule does not give: DTSTART alone. */
    d = parse_str("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:c\nSUMMARY:Unique\n"
                  "DTSTART:20261102T170000Z\nRRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=1\n"
                  "END:VEVENT\nEND:VCALENDAR\n",
                  local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 1);
    assert_item(d, 0, "Unique", utc(2026, 11, 2, 17, 0, 0), utc(2026, 11, 2, 18, 0, 0));
    feed_doc_free(d);
}

/* Without DTEND or DURATION: an hour for a time, a day for a date; a
 * DURATION in days is wall-clock days across a DST change. */
static void test_default_and_nominal_lengths(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Heure\nDTSTART:20261024T100000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Jour\nDTSTART;VALUE=DATE:20261024\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:c\nSUMMARY:Week-end\n"
        "DTSTART;TZID=Europe/Paris:20261024T120000\nDURATION:P1D\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:d\nSUMMARY:Nuit\n"
        "DTSTART;TZID=Europe/Paris:20261024T220000\n"
        "DTEND;TZID=Europe/Paris:20261025T060000\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:e\nSUMMARY:Vide\nDTSTART:20261024T150000Z\n"
        "DTEND:20261024T150000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:f\nSUMMARY:Négatif\nDTSTART:20261024T150000Z\n"
        "DURATION:-PT1H\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 10, 20, 0, 0), local(2026, 10, 30, 0, 0));
    int i;

    (void)state;
    assert_int_equal(d->nitems, 5);
    i = find_item(d, "Heure", utc(2026, 10, 24, 10, 0, 0));
    assert_int_equal(d->items[i].end, utc(2026, 10, 24, 11, 0, 0));
    i = find_item(d, "Jour", local(2026, 10, 24, 0, 0));
    assert_int_equal(d->items[i].end, local(2026, 10, 25, 0, 0));
    assert_true(d->items[i].all_day);
    i = find_item(d, "Week-end", local(2026, 10, 24, 12, 0));
    assert_int_equal(d->items[i].end, local(2026, 10, 25, 12, 0));
    assert_int_equal(d->items[i].end - d->items[i].start, 25 * HOUR);
    i = find_item(d, "Nuit", local(2026, 10, 24, 22, 0));
    assert_int_equal(d->items[i].end - d->items[i].start, 9 * HOUR);
    i = find_item(d, "Vide", utc(2026, 10, 24, 15, 0, 0));
    assert_int_equal(d->items[i].end, utc(2026, 10, 24, 16, 0, 0));
    assert_problem(d, 35, FEED_ERROR, "la durée (DURATION) est négative");
    feed_doc_free(d);
}

/* All-day lengths are counted in days, not in 86400 s: 29 March 2026 has
 * 23 hours. An UNTIL that is a date takes in that whole day. */
static void test_days_and_until_dates(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Stage\nDTSTART;VALUE=DATE:20260328\n"
        "DURATION:P2D\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Fête\nDTSTART;VALUE=DATE:20260329\n"
        "DTEND;VALUE=DATE:20260329\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:c\nSUMMARY:Veillée\nDTSTART:20260327T180000\n"
        "RRULE:FREQ=DAILY;UNTIL=20260329\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 3, 20, 0, 0), local(2026, 4, 10, 0, 0));

    (void)state;
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 5);
    assert_item(d, 0, "Veillée", local(2026, 3, 27, 18, 0), local(2026, 3, 27, 19, 0));
    assert_item(d, 1, "Stage", local(2026, 3, 28, 0, 0), local(2026, 3, 30, 0, 0));
    assert_item(d, 2, "Veillée", local(2026, 3, 28, 18, 0), local(2026, 3, 28, 19, 0));
    assert_item(d, 3, "Fête", local(2026, 3, 29, 0, 0), local(2026, 3, 30, 0, 0));
    assert_item(d, 4, "Veillée", local(2026, 3, 29, 18, 0), local(2026, 3, 29, 19, 0));
    feed_doc_free(d);
}

/* A calendar with years of history: hundreds of old rules with COUNT cost
 * no iteration and no warning, and the current one is still expanded. */
static void test_old_count_rules(void **state)
{
    size_t cap = 200 * 600 + 512, n = 0;
    char *buf = malloc(cap);
    struct feed_doc *d;

    (void)state;
    assert_non_null(buf);
    n += (size_t)snprintf(buf + n, cap - n, "BEGIN:VCALENDAR\nVERSION:2.0\n");
    for (int i = 0; i < 600; i++)
        n += (size_t)snprintf(buf + n, cap - n,
                              "BEGIN:VEVENT\nUID:%d\nSUMMARY:Vacances %d\n"
                              "DTSTART;VALUE=DATE:%04d0704\nRRULE:FREQ=DAILY;COUNT=40\n"
                              "END:VEVENT\n", i, i, 1990 + i % 30);
    n += (size_t)snprintf(buf + n, cap - n,
                          "BEGIN:VEVENT\nUID:x\nSUMMARY:Aide aux devoirs\n"
                          "DTSTART:20100104T170000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=2000\n"
                          "END:VEVENT\nEND:VCALENDAR\n");
    assert_true(n < cap);
    d = parse_buf(buf, n, local(2026, 11, 1, 0, 0), local(2026, 11, 15, 0, 0));
    assert_nproblems(d, 0);
    assert_int_equal(d->nitems, 4);
    assert_item(d, 0, "Aide aux devoirs", local(2026, 11, 2, 17, 0), local(2026, 11, 2, 18, 0));
    assert_item(d, 3, "Aide aux devoirs", local(2026, 11, 12, 17, 0),
                local(2026, 11, 12, 18, 0));
    feed_doc_free(d);
    free(buf);
}

/* Rules that would keep libical busy for seconds or forever are refused or
 * bounded: SECONDLY, a date that never exists, a COUNT from 1902, a rule of
 * every minute of every hour, the 24th weekday from the end of a month (a
 * month has 23 at most: libical looks for it up to the year 20000, over a
 * second). Each keeps its first date. */
static void test_hostile_rules(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:A\nDTSTART:20261105T090000Z\n"
        "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n"           /* 3-8 */
        "BEGIN:VEVENT\nUID:b\nSUMMARY:B\nDTSTART:20261105T090000Z\n"
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31\nEND:VEVENT\n"             /* 9-14 */
        "BEGIN:VEVENT\nUID:c\nSUMMARY:C\nDTSTART:19020105T090000Z\n"
        "RRULE:FREQ=HOURLY;COUNT=2000000\nEND:VEVENT\n"                        /* 15-20 */
        "BEGIN:VEVENT\nUID:d\nSUMMARY:D\nDTSTART:20261105T090000Z\n"
        "RRULE:FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55\n"
        "END:VEVENT\n"                                                          /* 21-26 */
        "BEGIN:VEVENT\nUID:e\nSUMMARY:E\nDTSTART:20261105T090000Z\n"
        "RRULE:FREQ=MONTHLY;BYMONTH=13\nEND:VEVENT\n"                          /* 27-32 */
        "BEGIN:VEVENT\nUID:f\nSUMMARY:F\nDTSTART:20261105T090000Z\n"
        "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-24\nEND:VEVENT\n"    /* 33-38 */
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_int_equal(d->nitems, 5);
    assert_problem(d, 7, FEED_WARNING, "à la seconde ou à la minute");
    assert_problem(d, 37, FEED_WARNING, "BYSETPOS=-24 » : ces dates n’existent jamais");
    assert_problem(d, 13, FEED_WARNING, "ces dates n’existent jamais");
    assert_problem(d, 19, FEED_WARNING, "indiquez plutôt une date de fin (UNTIL)");
    assert_problem(d, 25, FEED_WARNING, "trop d’heures différentes");
    assert_problem(d, 31, FEED_WARNING, "FREQ=MONTHLY;BYMONTH=13");
    feed_doc_free(d);
}

/* A VTIMEZONE libical would expand for long is not used; the TZID then
 * falls back on libical's own zone of that name. */
static void test_hostile_vtimezone(void **state)
{
    static const char cal[] =
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VTIMEZONE\nTZID:Europe/Paris\nBEGIN:STANDARD\nTZOFFSETFROM:+0100\n"
        "TZOFFSETTO:+0100\nDTSTART:19700101T000000\nRRULE:FREQ=HOURLY\nEND:STANDARD\n"
        "END:VTIMEZONE\n"
        "BEGIN:VTIMEZONE\nTZID:Ailleurs\nBEGIN:STANDARD\nTZOFFSETFROM:+0100\n"
        "TZOFFSETTO:+0100\nDTSTART:19700101T000000\nRRULE:FREQ=DAILY\nEND:STANDARD\n"
        "END:VTIMEZONE\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:A\nDTSTART;TZID=Europe/Paris:20261118T183000\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:b\nSUMMARY:B\nDTSTART;TZID=Ailleurs:20261118T183000\nEND:VEVENT\n"
        "END:VCALENDAR\n";
    struct feed_doc *d = parse_str(cal, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));

    (void)state;
    assert_int_equal(d->nitems, 2);
    assert_int_equal(d->items[0].start, local(2026, 11, 18, 18, 30));
    assert_int_equal(d->items[1].start, local(2026, 11, 18, 18, 30));
    assert_nproblems(d, 1);
    assert_problem(d, 29, FEED_WARNING, "fuseau horaire « Ailleurs » mal décrit");
    feed_doc_free(d);
}

/* A calendar without VEVENT is usable, with nothing in it. */
static void test_no_events(void **state)
{
    struct feed_doc *d = parse_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//FR\r\n"
                                   "X-WR-CALNAME:Vide pour l’instant\r\nEND:VCALENDAR\r\n",
                                   0, 1);

    (void)state;
    assert_true(d->usable);
    assert_int_equal(d->nitems, 0);
    assert_nproblems(d, 0);
    assert_field(d->title, "Vide pour l’instant");
    feed_doc_free(d);
}

/* A generated calendar of about 1 MB (the size a busy association's
 * history reaches): still read in full, capped and sorted. The time is
 * printed, not asserted (make bench measures it). */
static void test_one_megabyte(void **state)
{
    size_t cap = 1200 * 1024, n = 0;
    char *buf = malloc(cap);
    struct feed_doc *d;
    struct timespec t0, t1;
    int i;

    (void)state;
    assert_non_null(buf);
    n += (size_t)snprintf(buf + n, cap - n, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for (i = 0; n < 1024 * 1024 - 1024; i++)
        n += (size_t)snprintf(
            buf + n, cap - n,
            "BEGIN:VEVENT\r\nUID:ev-%d@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
            "DTSTART;TZID=Europe/Paris:2026%02d%02dT%02d0000\r\n"
            "DTEND;TZID=Europe/Paris:2026%02d%02dT%02d3000\r\n%s"
            "SUMMARY:Atelier %d\r\nLOCATION:Salle %d\r\n"
            "DESCRIPTION:Un atelier pour apprendre\\, échanger et partager un moment "
            "convivial\\, animé par les bénévoles du centre social. Pensez à app\r\n"
            " orter vos questions\\, vos appareils et leurs chargeurs. Les enfants so\r\n"
            " nt les bienvenus avec leurs parents. Inscription à l’accueil ou par té\r\n"
            " léphone.\r\nEND:VEVENT\r\n",
            i, i % 12 + 1, i % 28 + 1, 9 + i % 8, i % 12 + 1, i % 28 + 1, 9 + i % 8,
            i % 10 == 0 ? "RRULE:FREQ=WEEKLY;COUNT=20\r\n" : "", i, i % 5);
    n += (size_t)snprintf(buf + n, cap - n, "END:VCALENDAR\r\n");
    assert_true(n < cap);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    d = parse_buf(buf, n, local(2026, 11, 1, 0, 0), local(2026, 12, 15, 0, 0));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("  %zu bytes, %d VEVENTs: %.1f ms, %zu items\n", n, i,
                  (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
                  d->nitems);
    assert_true(d->usable);
    assert_true(d->nitems > 100);
    feed_doc_free(d);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nextcloud),
        cmocka_unit_test(test_weekly_across_dst),
        cmocka_unit_test(test_exdate_list),
        cmocka_unit_test(test_google),
        cmocka_unit_test(test_framagenda),
        cmocka_unit_test(test_crlf_and_lf),
        cmocka_unit_test(test_floating),
        cmocka_unit_test(test_biweekly_until),
        cmocka_unit_test(test_window_edges),
        cmocka_unit_test(test_sorted_and_stops),
        cmocka_unit_test(test_cap_on_items),
        cmocka_unit_test(test_no_vcalendar),
        cmocka_unit_test(test_empty_and_garbage),
        cmocka_unit_test(test_no_dtstart_no_summary),
        cmocka_unit_test(test_end_before_start),
        cmocka_unit_test(test_bad_date),
        cmocka_unit_test(test_unreadable_values),
        cmocka_unit_test(test_unknown_tzid),
        cmocka_unit_test(test_prefixed_tzid),
        cmocka_unit_test(test_tzid_is_not_a_path),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_structure_repaired),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_too_many_vevents),
        cmocka_unit_test(test_cancelled_series),
        cmocka_unit_test(test_count_exdate_rdate),
        cmocka_unit_test(test_default_and_nominal_lengths),
        cmocka_unit_test(test_days_and_until_dates),
        cmocka_unit_test(test_old_count_rules),
        cmocka_unit_test(test_hostile_rules),
        cmocka_unit_test(test_hostile_vtimezone),
        cmocka_unit_test(test_no_events),
        cmocka_unit_test(test_one_megabyte),
    };

    return cmocka_run_group_tests_name("ical", tests, setup, teardown);
}
