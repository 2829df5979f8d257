/* Tests of feeds/hsxml.c: the partners' own XML format, its schema
 * (feeds/hallscreen.rng), and the agreement between the two on the fixtures
 * tests/data/feeds/hallscreen-ok-*.xml (valid) and hallscreen-bad-*.xml
 * (invalid). Times are those of Europe/Paris, whose DST ends on Sunday 25
 * October 2026 (03:00 CEST -> 02:00 CET) and starts on Sunday 28 March 2027;
 * expected instants are written in UTC, so that the tests do not use the
 * code under test to compute what they expect. Run from the repository's
 * root. */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testutil.h"

#include "../content/caltime.h"
#include "../feeds/feed.h"
#include "../feeds/hsxml.h"
#include "../feeds/xml.h"

#define DATA "tests/data/feeds/"

static int setup(void **state)
{
    (void)state;
    xml_global_init();
    return caltime_set_zone("Europe/Paris");
}

static int teardown(void **state)
{
    (void)state;
    return caltime_set_zone(NULL);
}

static struct feed_doc *parse_file(const char *path, time_t from, time_t to)
{
    size_t len;
    char *buf = slurp(path, &len);
    struct feed_doc *d = hsxml_parse(buf, len, from, to);

    free(buf);
    assert_non_null(d);
    assert_int_equal(d->format, FEED_FORMAT_HALLSCREEN);
    return d;
}

static struct feed_doc *parse_str(const char *s, time_t from, time_t to)
{
    struct feed_doc *d = hsxml_parse(s, strlen(s), from, to);

    assert_non_null(d);
    return d;
}

/* Returns the schema's verdict on path (1 valid, 0 not, -1 unreadable) and,
 * in *out, the document holding its problems. */
static int validate_file(const char *path, struct feed_doc **out)
{
    size_t len;
    char *buf = slurp(path, &len);
    struct feed_doc *d = feed_doc_new();
    int rc;

    assert_non_null(d);
    rc = hsxml_validate(buf, len, d);
    free(buf);
    *out = d;
    return rc;
}

/* Returns the 1-based line of the first occurrence of needle in buf. */
static int line_of(const char *buf, const char *needle)
{
    const char *p = strstr(buf, needle);
    int line = 1;

    assert_non_null(p);
    for (const char *q = buf; q < p; q++)
        line += *q == '\n';
    return line;
}

static void print_problems(const struct feed_doc *d)
{
    for (size_t i = 0; i < d->nproblems; i++)
        fprintf(stderr, "  line %d: %s: %s\n", d->problems[i].line,
                d->problems[i].severity == FEED_ERROR ? "error" : "warning",
                d->problems[i].message);
}

/* Returns 1 when d has a problem of severity sev at line (0: any line) whose
 * message holds each of the NULL-terminated substrings. */
static int has_problem(const struct feed_doc *d, int line, enum feed_severity sev, ...)
{
    for (size_t i = 0; i < d->nproblems; i++) {
        const struct feed_problem *p = &d->problems[i];
        const char *s;
        int ok = p->severity == sev && (line == 0 || p->line == line);
        va_list ap;

        va_start(ap, sev);
        while (ok && (s = va_arg(ap, const char *)) != NULL)
            ok = strstr(p->message, s) != NULL;
        va_end(ap);
        if (ok)
            return 1;
    }
    print_problems(d);
    return 0;
}

static size_t count_errors(const struct feed_doc *d)
{
    size_t n = 0;

    for (size_t i = 0; i < d->nproblems; i++)
        n += d->problems[i].severity == FEED_ERROR;
    return n;
}

static void check_slot(const struct feed_item *it, const char *title, time_t start, time_t end)
{
    assert_int_equal(it->type, FEED_ITEM_SLOT);
    assert_string_equal(it->title, title);
    assert_int_equal(it->start, start);
    assert_int_equal(it->end, end);
    assert_int_equal(it->all_day, 0);
}

/* --- the example and the valid fixtures ------------------------------------ */

static void test_example_fixture_is_the_example(void **state)
{
    size_t a, b;
    char *ex = slurp("feeds/exemple.xml", &a), *fx = slurp(DATA "hallscreen-ok-exemple.xml", &b);

    (void)state;
    /* The fixture is a copy, so that the fixture loop covers the example:
     * copy feeds/exemple.xml over it after each change. */
    assert_int_equal(a, b);
    assert_memory_equal(ex, fx, a);
    free(ex);
    free(fx);
}

static void test_example(void **state)
{
    size_t len;
    char *src = slurp("feeds/exemple.xml", &len);
    /* Monday 30 November to Monday 7 December 2026, local. */
    struct feed_doc *d = hsxml_parse(src, len, utc(2026, 11, 29, 23, 0, 0),
                                     utc(2026, 12, 6, 23, 0, 0));
    const struct feed_item *it;
    const int32_t repair = 0x2E7D32, caf = 0x1565C0;

    (void)state;
    assert_non_null(d);
    assert_int_equal(d->usable, 1);
    assert_int_equal(d->nproblems, 0);
    assert_string_equal(d->title, "Repair Café des Tilleuls");
    assert_int_equal(d->nitems, 14);

    it = &d->items[0];      /* every Friday: 4 December */
    check_slot(it, "Réparation d'ordinateurs, sans rendez-vous", utc(2026, 12, 4, 8, 0, 0),
               utc(2026, 12, 4, 11, 0, 0));
    assert_int_equal(it->line, line_of(src, "<creneau jour=\"vendredi\""));
    assert_string_equal(it->location, "Atelier, rez-de-chaussée");
    assert_null(it->site);
    assert_string_equal(it->partner, "Repair Café des Tilleuls");
    assert_int_equal(it->colour, repair);
    assert_null(it->link);

    it = &d->items[1];      /* Tuesdays from November to June: 1 December */
    check_slot(it, "Aide aux démarches en ligne", utc(2026, 12, 1, 13, 0, 0),
               utc(2026, 12, 1, 16, 0, 0));
    assert_string_equal(it->location, "Salle 3");

    it = &d->items[2];      /* another partner's Mondays */
    check_slot(it, "Permanence CAF : vos démarches en ligne", utc(2026, 11, 30, 8, 0, 0),
               utc(2026, 11, 30, 11, 0, 0));
    assert_int_equal(it->line, line_of(src, "<creneau jour=\"lundi\""));
    assert_string_equal(it->location, "Bureau 2");
    assert_string_equal(it->site, "Bâtiment A");
    assert_string_equal(it->partner, "Point numérique CAF");
    assert_int_equal(it->colour, caf);

    it = &d->items[3];
    check_slot(it, "Permanence CAF : vos démarches en ligne", utc(2026, 12, 3, 12, 30, 0),
               utc(2026, 12, 3, 15, 30, 0));

    it = &d->items[4];      /* once, outside the window: kept */
    check_slot(it, "Réparation spéciale : jouets électroniques", utc(2026, 12, 19, 8, 0, 0),
               utc(2026, 12, 19, 11, 0, 0));
    assert_int_equal(it->line, line_of(src, "<creneau date=\"2026-12-19\""));

    it = &d->items[5];
    assert_int_equal(it->type, FEED_ITEM_EVENT);
    assert_string_equal(it->title, "Atelier : faire son CV sur ordinateur");
    assert_int_equal(it->start, utc(2026, 12, 3, 13, 0, 0));
    assert_int_equal(it->end, utc(2026, 12, 3, 15, 0, 0));
    assert_int_equal(it->all_day, 0);
    assert_string_equal(it->location, "Salle polyvalente");
    assert_string_equal(it->registration, "À l'accueil ou au 01 23 45 67 89");
    assert_string_equal(it->partner, "Repair Café des Tilleuls");
    assert_null(it->link);

    it = &d->items[6];      /* fin as an hour of debut's day */
    assert_int_equal(it->type, FEED_ITEM_EVENT);
    assert_string_equal(it->title, "Atelier smartphone : l'application CAF");
    assert_int_equal(it->start, utc(2026, 12, 10, 8, 30, 0));
    assert_int_equal(it->end, utc(2026, 12, 10, 10, 30, 0));
    assert_string_equal(it->link, "https://caf.example/ateliers/smartphone");
    assert_string_equal(it->registration, "Sur place, 8 personnes au plus");
    assert_string_equal(it->partner, "Point numérique CAF");
    assert_int_equal(it->colour, caf);

    it = &d->items[7];      /* a date alone: the whole day */
    assert_int_equal(it->type, FEED_ITEM_EVENT);
    assert_int_equal(it->all_day, 1);
    assert_int_equal(it->start, utc(2026, 12, 11, 23, 0, 0));
    assert_int_equal(it->end, utc(2026, 12, 12, 23, 0, 0));
    assert_string_equal(it->location, "Hall d'entrée");

    it = &d->items[8];      /* 21 to 23 December, the 23rd included */
    assert_int_equal(it->all_day, 1);
    assert_string_equal(it->title, "Collecte d'ordinateurs à reconditionner");
    assert_int_equal(it->start, utc(2026, 12, 20, 23, 0, 0));
    assert_int_equal(it->end, utc(2026, 12, 23, 23, 0, 0));

    it = &d->items[9];
    assert_int_equal(it->type, FEED_ITEM_NOTICE);
    assert_string_equal(it->title, "Wi-Fi gratuit");
    assert_non_null(it->summary);
    assert_true(strncmp(it->summary, "Réseau « Tilleuls-Public », sans mot de passe.", 48) == 0);
    assert_string_equal(it->image, "wifi.png");
    assert_string_equal(it->link, "https://tilleuls.example/wifi");
    assert_int_equal(it->priority, 0);
    assert_int_equal(it->valid_from, 0);
    assert_int_equal(it->valid_until, 0);
    assert_int_equal(it->start, 0);

    it = &d->items[10];
    assert_int_equal(it->type, FEED_ITEM_NOTICE);
    assert_string_equal(it->title, "Des ordinateurs pour les familles");
    assert_int_equal(it->priority, 1);
    assert_int_equal(it->valid_from, utc(2026, 11, 14, 23, 0, 0));
    assert_int_equal(it->valid_until, utc(2026, 12, 31, 23, 0, 0));   /* end of the 31st */
    assert_null(it->image);

    it = &d->items[11];
    assert_int_equal(it->type, FEED_ITEM_NOTICE);
    assert_string_equal(it->partner, "Point numérique CAF");
    assert_null(it->link);

    it = &d->items[12];
    assert_int_equal(it->type, FEED_ITEM_TICKER);
    assert_string_equal(it->title, "Réparation d'ordinateurs chaque vendredi de 9 h à 12 h, "
                                   "sans rendez-vous");
    assert_int_equal(it->valid_from, 0);

    it = &d->items[13];
    assert_int_equal(it->type, FEED_ITEM_TICKER);
    assert_int_equal(it->valid_from, utc(2026, 12, 13, 23, 0, 0));
    assert_int_equal(it->valid_until, utc(2027, 1, 2, 23, 0, 0));

    /* The urgent message is commented out. */
    for (size_t i = 0; i < d->nitems; i++)
        assert_int_not_equal(d->items[i].type, FEED_ITEM_URGENT);
    feed_doc_free(d);
    free(src);
}

static void test_minimal(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-ok-minimal.xml", 0, 0);

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_int_equal(d->nproblems, 0);
    assert_null(d->title);
    assert_int_equal(d->nitems, 1);
    assert_int_equal(d->items[0].type, FEED_ITEM_TICKER);
    assert_string_equal(d->items[0].title, "Bienvenue à l'espace social");
    assert_int_equal(d->items[0].line, 2);
    assert_null(d->items[0].partner);
    assert_int_equal(d->items[0].colour, -1);
    feed_doc_free(d);
}

static void test_spreadsheet(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-ok-tableur.xml", utc(2026, 11, 29, 23, 0, 0),
                                    utc(2026, 12, 6, 23, 0, 0));
    const struct feed_item *it = d->items;

    (void)state;
    assert_int_equal(d->nproblems, 0);
    assert_string_equal(d->title, "Médiathèque Louise-Michel");
    assert_int_equal(d->nitems, 6);

    /* "Mercredi " with seconds: Wednesday 2 December. */
    check_slot(&it[0], "Ordinateurs en libre accès", utc(2026, 12, 2, 13, 0, 0),
               utc(2026, 12, 2, 16, 0, 0));
    assert_int_equal(it[0].line, 6);
    assert_int_equal(it[0].colour, 0x6A1B9A);
    assert_string_equal(it[0].partner, "Médiathèque Louise-Michel");
    /* "SAMEDI", " 9h30" and "12 h". */
    check_slot(&it[1], "Aide aux démarches", utc(2026, 12, 5, 8, 30, 0),
               utc(2026, 12, 5, 11, 0, 0));
    assert_int_equal(it[1].line, 7);
    /* "03/12/2026 14h30" to "03/12/2026 16h". */
    assert_int_equal(it[2].type, FEED_ITEM_EVENT);
    assert_int_equal(it[2].start, utc(2026, 12, 3, 13, 30, 0));
    assert_int_equal(it[2].end, utc(2026, 12, 3, 15, 0, 0));
    assert_string_equal(it[2].location, "Auditorium");
    assert_string_equal(it[2].registration, "À l'accueil");
    /* date="5/12/2026" debut="9h" fin="12h". */
    assert_int_equal(it[3].type, FEED_ITEM_EVENT);
    assert_int_equal(it[3].start, utc(2026, 12, 5, 8, 0, 0));
    assert_int_equal(it[3].end, utc(2026, 12, 5, 11, 0, 0));
    assert_int_equal(it[3].line, 9);
    /* priorite="Haute", du="15/12/2026" au="02/01/2027". */
    assert_int_equal(it[4].type, FEED_ITEM_NOTICE);
    assert_int_equal(it[4].priority, 1);
    assert_int_equal(it[4].valid_from, utc(2026, 12, 14, 23, 0, 0));
    assert_int_equal(it[4].valid_until, utc(2027, 1, 2, 23, 0, 0));
    assert_string_equal(it[4].summary, "Fermé les 24 et 31 décembre à partir de 17 h.");
    /* du and au with hours. */
    assert_int_equal(it[5].type, FEED_ITEM_TICKER);
    assert_int_equal(it[5].valid_from, utc(2026, 12, 1, 7, 0, 0));
    assert_int_equal(it[5].valid_until, utc(2026, 12, 31, 19, 0, 0));
    feed_doc_free(d);
}

/* Weekly slots stay at 09:00 local across the end of DST (25 October). */
static void test_weekly_across_dst(void **state)
{
    /* Monday 19 October to Monday 2 November 2026, local. */
    struct feed_doc *d = parse_file(DATA "hallscreen-ok-heure-ete.xml",
                                    utc(2026, 10, 18, 22, 0, 0),
                                    utc(2026, 11, 1, 23, 0, 0));
    const struct feed_item *it = d->items;

    (void)state;
    assert_int_equal(d->nproblems, 0);
    assert_int_equal(d->nitems, 4);
    check_slot(&it[0], "Permanence CAF", utc(2026, 10, 20, 7, 0, 0), utc(2026, 10, 20, 10, 0, 0));
    check_slot(&it[1], "Permanence CAF", utc(2026, 10, 27, 8, 0, 0), utc(2026, 10, 27, 11, 0, 0));
    assert_int_equal(it[0].line, 5);
    assert_int_equal(it[1].line, 5);
    /* On the day of the change itself, and the Sunday after. */
    check_slot(&it[2], "Ouverture du dimanche", utc(2026, 10, 25, 8, 0, 0),
               utc(2026, 10, 25, 9, 0, 0));
    check_slot(&it[3], "Ouverture du dimanche", utc(2026, 11, 1, 8, 0, 0),
               utc(2026, 11, 1, 9, 0, 0));
    feed_doc_free(d);
}

/* And across the start of DST (28 March 2027). */
static void test_weekly_across_spring_dst(void **state)
{
    struct feed_doc *d = parse_str("<hallscreen version=\"1\"><creneau jour=\"mardi\" "
                                   "debut=\"9:00\" fin=\"10:00\">A</creneau></hallscreen>",
                                   utc(2027, 3, 21, 23, 0, 0), utc(2027, 4, 4, 22, 0, 0));

    (void)state;
    assert_int_equal(d->nitems, 2);
    check_slot(&d->items[0], "A", utc(2027, 3, 23, 8, 0, 0), utc(2027, 3, 23, 9, 0, 0));
    check_slot(&d->items[1], "A", utc(2027, 3, 30, 7, 0, 0), utc(2027, 3, 30, 8, 0, 0));
    feed_doc_free(d);
    /* 02:00 to 03:00 does not exist on 28 March 2027; 02:30 to 04:00 is
     * 03:30 to 04:00 (caltime moves a missing time forward by the gap). */
    d = parse_str("<hallscreen version=\"1\">\n<creneau date=\"2027-03-28\" debut=\"2:30\" "
                  "fin=\"3:00\">B</creneau>\n<creneau date=\"2027-03-28\" debut=\"2:30\" "
                  "fin=\"4:00\">C</creneau>\n</hallscreen>", 0, 0);
    assert_true(has_problem(d, 2, FEED_ERROR, "heures n’existent pas", "heure d’été", NULL));
    assert_int_equal(d->nitems, 1);
    check_slot(&d->items[0], "C", utc(2027, 3, 28, 1, 30, 0), utc(2027, 3, 28, 2, 0, 0));
    feed_doc_free(d);
}

static void test_weekly_bounded(void **state)
{
    /* November 2026, local. */
    struct feed_doc *d = parse_file(DATA "hallscreen-ok-borne.xml", utc(2026, 10, 31, 23, 0, 0),
                                    utc(2026, 11, 30, 23, 0, 0));
    const struct feed_item *it = d->items;

    (void)state;
    assert_int_equal(d->nproblems, 0);
    assert_int_equal(d->nitems, 7);
    /* du="2026-11-05" au="2026-11-19": the 19th counts, the 26th does not. */
    check_slot(&it[0], "Écrivain public", utc(2026, 11, 5, 13, 0, 0), utc(2026, 11, 5, 15, 0, 0));
    check_slot(&it[1], "Écrivain public", utc(2026, 11, 12, 13, 0, 0),
               utc(2026, 11, 12, 15, 0, 0));
    check_slot(&it[2], "Écrivain public", utc(2026, 11, 19, 13, 0, 0),
               utc(2026, 11, 19, 15, 0, 0));
    /* du="16/11/2026": not the 2nd nor the 9th; the 30th is in the window. */
    check_slot(&it[3], "Café numérique", utc(2026, 11, 16, 9, 0, 0), utc(2026, 11, 16, 10, 0, 0));
    check_slot(&it[4], "Café numérique", utc(2026, 11, 23, 9, 0, 0), utc(2026, 11, 23, 10, 0, 0));
    check_slot(&it[5], "Café numérique", utc(2026, 11, 30, 9, 0, 0), utc(2026, 11, 30, 10, 0, 0));
    /* au="2026-11-13T09:00": the slot starting at that instant is out. */
    check_slot(&it[6], "Réparation", utc(2026, 11, 6, 8, 0, 0), utc(2026, 11, 6, 11, 0, 0));
    assert_string_equal(it[6].partner, "Écrivain public");
    feed_doc_free(d);
}

/* The window bounds weekly slots only; an occurrence that overlaps its start
 * is in, an empty window gives none. */
static void test_window_edges(void **state)
{
    static const char doc[] = "<hallscreen version=\"1\"><creneau jour=\"mardi\" debut=\"9h\" "
                              "fin=\"12h\">A</creneau></hallscreen>";
    struct feed_doc *d;

    (void)state;
    /* From Tuesday 1 December 10:00 local: that morning is running. */
    d = parse_str(doc, utc(2026, 12, 1, 9, 0, 0), utc(2026, 12, 2, 9, 0, 0));
    assert_int_equal(d->nitems, 1);
    assert_int_equal(d->items[0].start, utc(2026, 12, 1, 8, 0, 0));
    feed_doc_free(d);
    /* From 12:00 local: it is over. */
    d = parse_str(doc, utc(2026, 12, 1, 11, 0, 0), utc(2026, 12, 8, 8, 0, 0));
    assert_int_equal(d->nitems, 0);
    feed_doc_free(d);
    /* Up to 09:00 local on the 8th, excluded. */
    d = parse_str(doc, utc(2026, 12, 1, 11, 0, 0), utc(2026, 12, 8, 8, 1, 0));
    assert_int_equal(d->nitems, 1);
    feed_doc_free(d);
    d = parse_str(doc, utc(2026, 12, 8, 0, 0, 0), utc(2026, 12, 1, 0, 0, 0));
    assert_int_equal(d->nitems, 0);
    assert_int_equal(d->nproblems, 0);
    assert_int_equal(d->usable, 1);
    feed_doc_free(d);
}

static void test_one_off_slot(void **state)
{
    /* A window in November: the December slot is kept all the same. */
    struct feed_doc *d = parse_file(DATA "hallscreen-ok-ponctuel.xml", utc(2026, 11, 1, 0, 0, 0),
                                    utc(2026, 11, 8, 0, 0, 0));
    const struct feed_item *it = d->items;

    (void)state;
    assert_int_equal(d->nproblems, 0);
    assert_null(d->title);
    assert_int_equal(d->nitems, 1);
    check_slot(it, "Permanence exceptionnelle de la Mission locale", utc(2026, 12, 1, 8, 30, 0),
               utc(2026, 12, 1, 10, 30, 0));
    assert_int_equal(it->line, 4);
    assert_string_equal(it->location, "Salle 3");
    assert_string_equal(it->site, "Bâtiment B");
    assert_string_equal(it->partner, "Mission locale");
    assert_int_equal(it->colour, 0xEF6C00);
    feed_doc_free(d);
}

/* --- the invalid fixtures --------------------------------------------------- */

static void test_typo_in_element(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-faute.xml", 0, 0);

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_true(has_problem(d, 4, FEED_WARNING, "<evenemnt> inconnu",
                            "vouliez-vous dire <evenement>", NULL));
    assert_int_equal(d->nproblems, 1);
    assert_int_equal(d->nitems, 2);      /* what surrounds it is kept */
    assert_string_equal(d->items[0].title, "Réparation chaque vendredi");
    assert_string_equal(d->items[1].title, "Wi-Fi gratuit");
    assert_int_equal(d->items[1].line, 5);
    feed_doc_free(d);
}

static void test_date_that_does_not_exist(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-date.xml", 0, 0);

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_true(has_problem(d, 4, FEED_ERROR, "« 31/11/2026 14:00 »", "n’existe pas",
                            "attendu", "2026-11-30T14:00", "l’événement est ignoré", NULL));
    assert_int_equal(d->nitems, 1);
    assert_string_equal(d->items[0].title, "Atelier du lundi");
    feed_doc_free(d);
}

static void test_end_before_start(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-fin-avant-debut.xml", 0, 0);

    (void)state;
    assert_true(has_problem(d, 3, FEED_ERROR, "n’est pas après le début", "ignoré", NULL));
    assert_int_equal(d->nitems, 1);
    assert_string_equal(d->items[0].title, "Atelier à l'endroit");
    assert_int_equal(d->items[0].line, 4);
    feed_doc_free(d);
}

static void test_missing_title(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-sans-titre.xml", 0, 0);

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_true(has_problem(d, 3, FEED_ERROR, "<evenement> sans texte",
                            "entre <evenement> et </evenement>", NULL));
    assert_true(has_problem(d, 5, FEED_ERROR, "<annonce> sans titre", "titre=", NULL));
    assert_int_equal(d->nitems, 0);
    feed_doc_free(d);
}

static void test_bad_weekday(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-jour.xml", utc(2026, 11, 29, 23, 0, 0),
                                    utc(2026, 12, 6, 23, 0, 0));

    (void)state;
    assert_true(has_problem(d, 4, FEED_ERROR, "« mardy »", "vouliez-vous dire « mardi »",
                            "lundi, mardi", NULL));
    assert_int_equal(d->nitems, 1);
    assert_string_equal(d->items[0].title, "Permanence du lundi");
    feed_doc_free(d);
}

static void test_truncated(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-tronque.xml", 0, 0);

    (void)state;
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_true(count_errors(d) >= 1);
    assert_true(has_problem(d, 4, FEED_ERROR, "tronqué", NULL));
    feed_doc_free(d);
}

static void test_wrong_root(void **state)
{
    struct feed_doc *d = parse_file(DATA "hallscreen-bad-racine.xml", 0, 0);

    (void)state;
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_true(has_problem(d, 2, FEED_ERROR, "<agenda>", "<hallscreen version=\"1\">", NULL));
    feed_doc_free(d);
}

/* --- parser and schema agree ------------------------------------------------ */

/* The one invalid fixture the schema cannot see: RELAX NG compares no
 * values, so an end before its start is the parser's alone. */
static int schema_blind(const char *path)
{
    return strstr(path, "hallscreen-bad-fin-avant-debut.xml") != NULL;
}

static void test_fixtures_agree(void **state)
{
    glob_t g;
    size_t ok = 0, bad = 0;

    (void)state;
    assert_int_equal(glob(DATA "hallscreen-*.xml", 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *path = g.gl_pathv[i];
        int valid = strstr(path, "/hallscreen-ok-") != NULL;
        struct feed_doc *d = parse_file(path, utc(2026, 10, 1, 0, 0, 0), utc(2027, 1, 1, 0, 0, 0));
        struct feed_doc *v = NULL;
        int rc = validate_file(path, &v);

        if (valid) {
            /* No problem at all, not even a warning, and schema-valid. */
            if (d->nproblems != 0 || rc != 1 || v->nproblems != 0) {
                fprintf(stderr, "%s: schema %d\n", path, rc);
                print_problems(d);
                print_problems(v);
            }
            assert_int_equal(d->usable, 1);
            assert_int_equal(d->nproblems, 0);
            assert_true(d->nitems > 0);
            assert_int_equal(rc, 1);
            assert_int_equal(v->nproblems, 0);
            ok++;
        } else {
            if (d->nproblems == 0 || (rc == 1) != schema_blind(path))
                fprintf(stderr, "%s: %zu problems, schema %d\n", path, d->nproblems, rc);
            assert_true(d->nproblems > 0);
            if (schema_blind(path)) {
                assert_int_equal(rc, 1);
            } else {
                assert_int_not_equal(rc, 1);
                assert_true(count_errors(v) > 0);
            }
            bad++;
        }
        feed_doc_free(d);
        feed_doc_free(v);
    }
    globfree(&g);
    assert_true(ok >= 6);
    assert_true(bad >= 7);
}

/* The schema's errors carry the line of the element at fault. */
static void test_schema_lines(void **state)
{
    struct feed_doc *v = NULL;

    (void)state;
    assert_int_equal(validate_file(DATA "hallscreen-bad-faute.xml", &v), 0);
    assert_true(has_problem(v, 4, FEED_ERROR, "ne suit pas le schéma", "evenemnt", NULL));
    feed_doc_free(v);
    assert_int_equal(validate_file(DATA "hallscreen-bad-jour.xml", &v), 0);
    assert_true(has_problem(v, 4, FEED_ERROR, "ne suit pas le schéma", "jour", NULL));
    feed_doc_free(v);
    assert_int_equal(validate_file(DATA "hallscreen-bad-date.xml", &v), 0);
    assert_true(has_problem(v, 4, FEED_ERROR, "ne suit pas le schéma", "debut", NULL));
    feed_doc_free(v);
    assert_int_equal(validate_file(DATA "hallscreen-bad-sans-titre.xml", &v), 0);
    assert_true(has_problem(v, 3, FEED_ERROR, "ne suit pas le schéma", NULL));
    assert_true(has_problem(v, 5, FEED_ERROR, "ne suit pas le schéma", "annonce", NULL));
    feed_doc_free(v);
    assert_int_equal(validate_file(DATA "hallscreen-bad-racine.xml", &v), 0);
    assert_true(has_problem(v, 2, FEED_ERROR, "ne suit pas le schéma", "agenda", NULL));
    feed_doc_free(v);
    assert_int_equal(validate_file(DATA "hallscreen-bad-tronque.xml", &v), -1);
    assert_true(count_errors(v) >= 1);
    feed_doc_free(v);
}

/* The schema refuses what the parser refuses, value by value. */
static void test_schema_values(void **state)
{
    static const struct {
        const char *item;
        int valid;
    } cases[] = {
        {"<creneau jour=\" Vendredi \" debut=\"9 h 30\" fin=\"12:00:00\">A</creneau>", 1},
        {"<créneau jour=\"lundi\" début=\"9h\" fin=\"10h\">A</créneau>", 1},
        {"<creneau jour=\"lundi\" debut=\"24:00\" fin=\"10h\">A</creneau>", 0},
        {"<creneau jour=\"lundi\" debut=\"9h5\" fin=\"10h\">A</creneau>", 0},
        {"<creneau jour=\"lun\" debut=\"9h\" fin=\"10h\">A</creneau>", 0},
        {"<creneau date=\"2026-02-30\" debut=\"9h\" fin=\"10h\">A</creneau>", 0},
        {"<creneau date=\"31/04/2026\" debut=\"9h\" fin=\"10h\">A</creneau>", 0},
        {"<creneau date=\"31/12/2026\" debut=\"9h\" fin=\"10h\">A</creneau>", 1},
        {"<creneau jour=\"lundi\" debut=\"9h\" fin=\"10h\" couleur=\"#12AB9f\">A</creneau>", 1},
        {"<creneau jour=\"lundi\" debut=\"9h\" fin=\"10h\" couleur=\"vert\">A</creneau>", 0},
        {"<evenement debut=\"2026-12-03T14:00+01:00\" fin=\"2026-12-03T15:00Z\">A</evenement>", 1},
        {"<événement début=\"03/12/2026 14h\" fin=\"16h\" journée=\"non\">A</événement>", 1},
        {"<evenement debut=\"2026-12-03\" journee=\"peut-être\">A</evenement>", 0},
        {"<evenement debut=\"2026-12-03\" lien=\"www.example.fr\">A</evenement>", 0},
        {"<evenement debut=\"2026-12-03\" lien=\"tel:+33123456789\">A</evenement>", 1},
        {"<annonce titre=\"T\" priorité=\"URGENTE\"/>", 1},
        {"<annonce titre=\"T\" priorite=\"très haute\"/>", 0},
        {"<annonce titre=\"   \">corps</annonce>", 0},
        {"<bandeau au=\"2026-12-03T14:00\">A</bandeau>", 1},
        {"<bandeau au=\"demain\">A</bandeau>", 0},
        {"<urgence partenaire=\"X\">A</urgence>", 0},
        {"<urgence>A <b>gras</b></urgence>", 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char doc[512];
        struct feed_doc *v = feed_doc_new(), *d;
        int n = snprintf(doc, sizeof(doc), "<hallscreen version=\"1\">%s</hallscreen>",
                         cases[i].item);
        int rc;

        assert_true(n > 0 && (size_t)n < sizeof(doc));
        assert_non_null(v);
        rc = hsxml_validate(doc, (size_t)n, v);
        d = parse_str(doc, utc(2026, 11, 30, 0, 0, 0), utc(2026, 12, 7, 0, 0, 0));
        if (rc != cases[i].valid || (d->nproblems == 0) != cases[i].valid) {
            fprintf(stderr, "case %zu: %s: schema %d, parser %zu problems\n", i,
                    cases[i].item, rc, d->nproblems);
            print_problems(v);
            print_problems(d);
        }
        assert_int_equal(rc, cases[i].valid);
        assert_int_equal(d->nproblems == 0, cases[i].valid);
        feed_doc_free(d);
        feed_doc_free(v);
    }
}

/* The checker parses, then validates into the same document: what reading
 * finds (an HTML entity here) is said once, by the parser. */
static void test_validate_adds_schema_problems_only(void **state)
{
    static const char doc[] = "<hallscreen version=\"1\">\n<bandeau>&eacute;t&eacute;</bandeau>"
                              "\n<meteo/>\n</hallscreen>";
    struct feed_doc *d = parse_str(doc, 0, 0);
    size_t before = d->nproblems;

    (void)state;
    assert_true(has_problem(d, 2, FEED_WARNING, "entité HTML", NULL));
    assert_true(has_problem(d, 3, FEED_WARNING, "<meteo> inconnu", NULL));
    assert_int_equal(before, 2);
    assert_int_equal(hsxml_validate(doc, strlen(doc), d), 0);
    assert_true(d->nproblems > before);
    for (size_t i = before; i < d->nproblems; i++) {
        assert_non_null(strstr(d->problems[i].message, "ne suit pas le schéma"));
        assert_int_equal(d->problems[i].line, 3);
    }
    assert_string_equal(d->items[0].title, "été");
    feed_doc_free(d);
}

/* --- details of the parser --------------------------------------------------- */

static void test_times(void **state)
{
    static const struct {
        const char *debut;
        int h, mi;
    } ok[] = {{"09:00", 9, 0}, {"9:00", 9, 0}, {"9h", 9, 0}, {"9H30", 9, 30},
              {"9 h 30", 9, 30}, {"09:05:59", 9, 5}, {"0h", 0, 0}, {"23:58", 23, 58}};
    static const char *const bad[] = {"24:00", "9:5", "9h5", "9.30", "nine", "9:00 am",
                                      "-1:00", "9::00", ""};
    char doc[256];

    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        struct feed_doc *d;

        snprintf(doc, sizeof(doc), "<hallscreen version=\"1\"><creneau date=\"2026-12-01\" "
                 "debut=\"%s\" fin=\"23:59:59\">A</creneau></hallscreen>", ok[i].debut);
        d = parse_str(doc, 0, 0);
        if (d->nitems != 1)
            print_problems(d);
        assert_int_equal(d->nitems, 1);
        assert_int_equal(d->items[0].start, utc(2026, 12, 1, ok[i].h, ok[i].mi, 0) - 3600);
        feed_doc_free(d);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct feed_doc *d;

        snprintf(doc, sizeof(doc), "<hallscreen version=\"1\"><creneau date=\"2026-12-01\" "
                 "debut=\"%s\" fin=\"23:00\">A</creneau></hallscreen>", bad[i]);
        d = parse_str(doc, 0, 0);
        assert_int_equal(d->nitems, 0);
        assert_true(has_problem(d, 1, FEED_ERROR, "attendu une heure comme 09:00", NULL));
        feed_doc_free(d);
    }
}

static void test_event_shapes(void **state)
{
    struct feed_doc *d = parse_str(
        "<hallscreen version=\"1\">\n"
        "<evenement debut=\"2026-12-03T14:00+01:00\" fin=\"2026-12-03T16:30Z\">A</evenement>\n"
        "<evenement debut=\"2026-12-03 14:00\" fin=\"2026-12-04 02:00\">B</evenement>\n"
        "<evenement date=\"2026-12-03\" debut=\"14h\" fin=\"16h\" journee=\"oui\">C</evenement>\n"
        "<evenement debut=\"2026-12-03T10:00\" fin=\"2026-12-05T12:00\" journee=\"OUI\">D"
        "</evenement>\n"
        "<evenement debut=\"2026-12-05\" fin=\"2026-12-03\">E</evenement>\n"
        "<evenement date=\"2026-12-03\" debut=\"2026-12-03T14:00\" fin=\"16h\">F</evenement>\n"
        "<evenement fin=\"16h\">G</evenement>\n"
        "<evenement debut=\"2026-12-03T14:00\" fin=\"2026-12-04\">H</evenement>\n"
        "</hallscreen>",
        0, 0);

    (void)state;
    assert_int_equal(d->nitems, 4);
    /* Absolute times. */
    assert_string_equal(d->items[0].title, "A");
    assert_int_equal(d->items[0].start, utc(2026, 12, 3, 13, 0, 0));
    assert_int_equal(d->items[0].end, utc(2026, 12, 3, 16, 30, 0));
    /* Over midnight with a full fin. */
    assert_int_equal(d->items[1].end, utc(2026, 12, 4, 1, 0, 0));
    /* journee="oui" wins over hours, with a warning. */
    assert_string_equal(d->items[2].title, "C");
    assert_int_equal(d->items[2].all_day, 1);
    assert_int_equal(d->items[2].start, utc(2026, 12, 2, 23, 0, 0));
    assert_int_equal(d->items[2].end, utc(2026, 12, 3, 23, 0, 0));
    assert_true(has_problem(d, 4, FEED_WARNING, "heures sont ignorées", NULL));
    assert_string_equal(d->items[3].title, "D");
    assert_int_equal(d->items[3].start, utc(2026, 12, 2, 23, 0, 0));
    assert_int_equal(d->items[3].end, utc(2026, 12, 5, 23, 0, 0));
    assert_true(has_problem(d, 5, FEED_WARNING, "heures sont ignorées", NULL));
    assert_true(has_problem(d, 6, FEED_ERROR, "n’est pas après le début", NULL));
    assert_true(has_problem(d, 7, FEED_ERROR, "debut et fin sont deux heures", NULL));
    assert_true(has_problem(d, 8, FEED_ERROR, "<evenement> sans date", NULL));
    assert_true(has_problem(d, 9, FEED_ERROR, "« 2026-12-04 »", "sans heure", NULL));
    feed_doc_free(d);
}

static void test_names_and_hints(void **state)
{
    struct feed_doc *d = parse_str(
        "<hallscreen version=\"1\" partenaire=\"P\" couleur=\"#ABCDEF\">\n"
        "<créneau jours=\"mardi\" jour=\"Mardi\" début=\"9h\" fin=\"10h\">A</créneau>\n"
        "<évènement titre=\"Mon titre\" date=\"2026-12-03\">B</évènement>\n"
        "<bandeau lien=\"https://x.example\" du=\"2026-12-01\" au=\"2026-12-01\">C</bandeau>\n"
        "<Annonce titre=\"X\"/>\n"
        "<meteo/>\n"
        "<creneau jour=\"mardi\" debut=\"9h\" début=\"10h\" fin=\"11h\">D</creneau>\n"
        "texte perdu\n"
        "<urgence>E <b>gras</b> !</urgence>\n"
        "</hallscreen>",
        utc(2026, 11, 30, 0, 0, 0), utc(2026, 12, 7, 0, 0, 0));

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_true(has_problem(d, 2, FEED_WARNING, "« jours »", "vouliez-vous dire « jour »", NULL));
    assert_true(has_problem(d, 3, FEED_WARNING, "« titre »", "entre <evenement> et </evenement>",
                            NULL));
    assert_true(has_problem(d, 4, FEED_WARNING, "« lien »", "ne sert pas sur <bandeau>", NULL));
    assert_true(has_problem(d, 5, FEED_WARNING, "<Annonce>", "vouliez-vous dire <annonce>", NULL));
    assert_true(has_problem(d, 6, FEED_WARNING, "<meteo> inconnu", "éléments possibles", NULL));
    assert_true(has_problem(d, 7, FEED_WARNING, "deux fois", "seul le premier compte", NULL));
    assert_true(has_problem(d, 8, FEED_WARNING, "hors des éléments", NULL));
    assert_true(has_problem(d, 9, FEED_WARNING, "balise <b> dans <urgence>", NULL));
    assert_int_equal(count_errors(d), 0);
    assert_int_equal(d->nitems, 5);
    check_slot(&d->items[0], "A", utc(2026, 12, 1, 8, 0, 0), utc(2026, 12, 1, 9, 0, 0));
    assert_int_equal(d->items[0].colour, 0xABCDEF);
    assert_string_equal(d->items[1].title, "B");
    assert_int_equal(d->items[1].all_day, 1);
    assert_int_equal(d->items[2].type, FEED_ITEM_TICKER);
    assert_null(d->items[2].link);
    assert_int_equal(d->items[2].valid_until, utc(2026, 12, 1, 23, 0, 0));  /* a day, not none */
    /* The first debut counts: 9h. */
    check_slot(&d->items[3], "D", utc(2026, 12, 1, 8, 0, 0), utc(2026, 12, 1, 10, 0, 0));
    assert_int_equal(d->items[4].type, FEED_ITEM_URGENT);
    assert_string_equal(d->items[4].title, "E gras !");
    assert_string_equal(d->items[4].partner, "P");
    feed_doc_free(d);
}

static void test_value_warnings_keep_the_item(void **state)
{
    struct feed_doc *d = parse_str(
        "<hallscreen version=\"2\" couleur=\"green\">\n"
        "<annonce titre=\"  Wi-Fi \" lien=\"www.example.fr\" priorite=\"très haute\" "
        "couleur=\"#12345\">corps</annonce>\n"
        "<annonce titre=\"Q\" priorité=\"urgente\" lien=\"mailto:accueil@example.fr\"/>\n"
        "<bandeau du=\"2026-12-10\" au=\"2026-12-01\">vide</bandeau>\n"
        "<creneau jour=\"mardi\" date=\"2026-12-01\" debut=\"9h\" fin=\"10h\">X</creneau>\n"
        "<creneau date=\"2026-12-01\" du=\"2026-12-01\" debut=\"9h\" fin=\"10h\">Y</creneau>\n"
        "</hallscreen>",
        0, 0);

    (void)state;
    assert_true(has_problem(d, 1, FEED_WARNING, "version « 2 »", NULL));
    assert_true(has_problem(d, 1, FEED_WARNING, "couleur « green »", "#2E7D32", NULL));
    assert_true(has_problem(d, 2, FEED_WARNING, "lien « www.example.fr »", "https://", NULL));
    assert_true(has_problem(d, 2, FEED_WARNING, "« très haute »", "normale, haute ou urgente",
                            NULL));
    assert_true(has_problem(d, 2, FEED_WARNING, "couleur « #12345 »", NULL));
    assert_true(has_problem(d, 4, FEED_ERROR, "période", "est vide", "le bandeau est ignoré",
                            NULL));
    assert_true(has_problem(d, 5, FEED_ERROR, "à la fois jour et date", NULL));
    assert_true(has_problem(d, 6, FEED_WARNING, "du et au ne servent", NULL));
    assert_int_equal(d->nitems, 3);
    assert_string_equal(d->items[0].title, "Wi-Fi");
    assert_string_equal(d->items[0].summary, "corps");
    assert_null(d->items[0].link);
    assert_int_equal(d->items[0].priority, 0);
    assert_int_equal(d->items[0].colour, -1);
    assert_int_equal(d->items[1].priority, 2);
    assert_null(d->items[1].summary);
    assert_string_equal(d->items[1].link, "mailto:accueil@example.fr");
    assert_string_equal(d->items[2].title, "Y");
    feed_doc_free(d);
}

static void test_not_hallscreen(void **state)
{
    struct feed_doc *d;

    (void)state;
    d = parse_str("<hallscreen xmlns=\"https://hallscreen.example/ns/1\" version=\"1\">"
                  "<bandeau>A</bandeau></hallscreen>", 0, 0);
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_true(has_problem(d, 1, FEED_ERROR, "retirez l’attribut xmlns", NULL));
    feed_doc_free(d);
    d = parse_str("", 0, 0);
    assert_int_equal(d->usable, 0);
    assert_true(count_errors(d) >= 1);
    feed_doc_free(d);
    d = hsxml_parse(NULL, 0, 0, 0);
    assert_non_null(d);
    assert_int_equal(d->usable, 0);
    feed_doc_free(d);
    /* No version: read as version 1, with a warning. */
    d = parse_str("<hallscreen><bandeau>A</bandeau></hallscreen>", 0, 0);
    assert_int_equal(d->usable, 1);
    assert_int_equal(d->nitems, 1);
    assert_true(has_problem(d, 1, FEED_WARNING, "ajoutez version=\"1\"", NULL));
    feed_doc_free(d);
}

/* Expanded occurrences count against HS_MAX_FEED_ITEMS; the parse stops
 * there with one warning. */
static void test_item_cap(void **state)
{
    const char *head = "<hallscreen version=\"1\">\n";
    size_t n = HS_MAX_FEED_ITEMS + 40, cap = strlen(head) + n * 32 + 32, len;
    char *buf = malloc(cap);
    struct feed_doc *d;

    (void)state;
    assert_non_null(buf);
    len = (size_t)snprintf(buf, cap, "%s", head);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, cap - len, "<bandeau>n° %zu</bandeau>\n", i);
    len += (size_t)snprintf(buf + len, cap - len, "</hallscreen>\n");
    assert_true(len < cap);
    d = hsxml_parse(buf, len, 0, 0);
    assert_non_null(d);
    assert_int_equal(d->nitems, HS_MAX_FEED_ITEMS);
    assert_true(has_problem(d, HS_MAX_FEED_ITEMS + 2, FEED_WARNING, "plus de 512", NULL));
    assert_int_equal(d->nproblems, 1);
    feed_doc_free(d);
    free(buf);

    /* One weekly slot over twenty years. */
    d = parse_str("<hallscreen version=\"1\"><creneau jour=\"lundi\" debut=\"9h\" fin=\"10h\">"
                  "A</creneau><bandeau>B</bandeau></hallscreen>",
                  utc(2026, 1, 1, 0, 0, 0), utc(2046, 1, 1, 0, 0, 0));
    assert_int_equal(d->nitems, HS_MAX_FEED_ITEMS);
    assert_int_equal(d->items[HS_MAX_FEED_ITEMS - 1].type, FEED_ITEM_SLOT);
    assert_int_equal(d->nproblems, 1);
    feed_doc_free(d);

    /* A year of weekly slots: 52 or 53 each. */
    d = parse_str("<hallscreen version=\"1\"><creneau jour=\"lundi\" debut=\"9h\" fin=\"10h\">"
                  "A</creneau></hallscreen>",
                  utc(2025, 12, 31, 23, 0, 0), utc(2026, 12, 31, 23, 0, 0));
    assert_int_equal(d->nitems, 52);
    assert_int_equal(d->items[0].start, utc(2026, 1, 5, 8, 0, 0));
    assert_int_equal(d->items[51].start, utc(2026, 12, 28, 8, 0, 0));
    feed_doc_free(d);
}

/* feed_parse sniffs <hallscreen> and passes its window on. */
static void test_feed_parse_dispatch(void **state)
{
    static const char doc[] = "<?xml version=\"1.0\"?>\n<hallscreen version=\"1\"><creneau "
                              "jour=\"mardi\" debut=\"9h\" fin=\"12h\">A</creneau></hallscreen>";
    struct feed_doc *d = feed_parse(doc, strlen(doc), utc(2026, 11, 29, 23, 0, 0),
                                    utc(2026, 12, 13, 23, 0, 0));

    (void)state;
    assert_non_null(d);
    assert_int_equal(d->format, FEED_FORMAT_HALLSCREEN);
    assert_int_equal(d->nitems, 2);
    assert_int_equal(d->items[1].start, utc(2026, 12, 8, 8, 0, 0));
    feed_doc_free(d);
}

/* Hostile input gets xml_read's protections: no entity is expanded. */
static void test_entities_not_expanded(void **state)
{
    struct feed_doc *d = parse_str(
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE hallscreen [<!ENTITY a \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<hallscreen version=\"1\"><bandeau>&b;&x;ok</bandeau></hallscreen>",
        0, 0);

    (void)state;
    if (d->nitems == 1)
        assert_string_equal(d->items[0].title, "ok");
    assert_null(strstr(d->nitems ? d->items[0].title : "", "AAAA"));
    assert_null(strstr(d->nitems ? d->items[0].title : "", "root:"));
    feed_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_fixture_is_the_example),
        cmocka_unit_test(test_example),
        cmocka_unit_test(test_minimal),
        cmocka_unit_test(test_spreadsheet),
        cmocka_unit_test(test_weekly_across_dst),
        cmocka_unit_test(test_weekly_across_spring_dst),
        cmocka_unit_test(test_weekly_bounded),
        cmocka_unit_test(test_window_edges),
        cmocka_unit_test(test_one_off_slot),
        cmocka_unit_test(test_typo_in_element),
        cmocka_unit_test(test_date_that_does_not_exist),
        cmocka_unit_test(test_end_before_start),
        cmocka_unit_test(test_missing_title),
        cmocka_unit_test(test_bad_weekday),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_wrong_root),
        cmocka_unit_test(test_fixtures_agree),
        cmocka_unit_test(test_schema_lines),
        cmocka_unit_test(test_schema_values),
        cmocka_unit_test(test_validate_adds_schema_problems_only),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_event_shapes),
        cmocka_unit_test(test_names_and_hints),
        cmocka_unit_test(test_value_warnings_keep_the_item),
        cmocka_unit_test(test_not_hallscreen),
        cmocka_unit_test(test_item_cap),
        cmocka_unit_test(test_feed_parse_dispatch),
        cmocka_unit_test(test_entities_not_expanded),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
