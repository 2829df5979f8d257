/* Tests of feeds/rss.c on the fixtures of tests/data/feeds (rss-*, atom-*,
 * rdf-*), written the way real publishers write them: WordPress, SPIP and
 * Drupal, hand-made files in the wrong encoding, event and xCal modules,
 * and broken or hostile documents. Expected instants are written in UTC
 * with timegm, local ones with caltime_make, in Europe/Paris. */
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
#include "../feeds/rss.h"
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

static struct feed_doc *parse_file(const char *name)
{
    size_t len;
    char *buf = slurp(name, &len);
    struct feed_doc *d = rss_parse(buf, len);

    free(buf);
    assert_non_null(d);
    return d;
}

static struct feed_doc *parse_str(const char *s)
{
    struct feed_doc *d = rss_parse(s, strlen(s));

    assert_non_null(d);
    return d;
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

#define assert_no_problems(d)                                                         \
    do {                                                                              \
        if ((d)->nproblems != 0) {                                                    \
            print_problems(d);                                                        \
            fail_msg("%zu unexpected problems", (d)->nproblems);                      \
        }                                                                             \
    } while (0)

/* What every item of these feeds shares. */
static void assert_entry(const struct feed_item *it, int line)
{
    assert_int_equal(it->type, FEED_ITEM_ENTRY);
    assert_int_equal(it->line, line);
    assert_int_equal(it->colour, -1);
    assert_int_equal(it->priority, 0);
    assert_null(it->site);
    assert_null(it->registration);
    assert_int_equal(it->valid_from, 0);
    assert_int_equal(it->valid_until, 0);
}

static void assert_no_event(const struct feed_item *it)
{
    assert_int_equal(it->start, 0);
    assert_int_equal(it->end, 0);
    assert_int_equal(it->all_day, 0);
    assert_null(it->location);
}

/* --- real-world feeds ----------------------------------------------------- */

static void test_wordpress(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-wordpress.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->format, FEED_FORMAT_RSS2);
    assert_int_equal(d->usable, 1);
    assert_field(d->title, "Centre social des Tilleuls");
    /* CDATA holds HTML whose '&' are text: nothing to repair. */
    assert_no_problems(d);
    assert_int_equal(d->nitems, 3);

    it = &d->items[0];
    assert_entry(it, 22);
    assert_field(it->title, "Fête de l’hiver : programme complet");
    assert_field(it->summary, "Samedi 12 décembre, venez fêter l’hiver avec nous : goûter, "
                              "contes et atelier lanternes pour les enfants. Entrée libre. "
                              "L’article Fête de l’hiver : programme complet est apparu en "
                              "premier sur Centre social des Tilleuls.");
    assert_field(it->link, "https://tilleuls.example.org/2026/11/fete-de-lhiver/");
    /* The enclosure wins over the <img> of content:encoded. */
    assert_field(it->image,
                 "https://tilleuls.example.org/wp-content/uploads/2026/11/lanternes.jpg");
    assert_field(it->partner, "Amélie Roussel");
    assert_int_equal(it->published, utc(2026, 11, 27, 8, 30, 0));
    assert_no_event(it);

    it = &d->items[1];
    assert_entry(it, 40);
    assert_field(it->title, "Permanence numérique : nouveaux horaires");
    /* description is preferred to content:encoded... */
    assert_field(it->summary, "À partir du 1er décembre, la permanence numérique a lieu le "
                              "mardi de 14 h à 17 h.");
    /* ...whose picture is still taken. */
    assert_field(it->image,
                 "https://tilleuls.example.org/wp-content/uploads/2026/11/ordinateurs.png");
    assert_field(it->partner, "Karim Benali");
    assert_int_equal(it->published, utc(2026, 11, 25, 17, 5, 12));

    it = &d->items[2];
    assert_entry(it, 49);
    assert_field(it->title, "Collecte de jouets");
    /* An empty description: content:encoded stands in. */
    assert_field(it->summary,
                 "Déposez vos jouets en bon état à l’accueil jusqu’au 18 décembre.");
    assert_null(it->image);
    assert_int_equal(it->published, utc(2026, 11, 23, 9, 0, 0));
    feed_doc_free(d);
}

static void test_spip_entities(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-spip-entities.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_field(d->title, "Maison des associations & de la culture");
    assert_int_equal(d->nitems, 3);

    it = &d->items[0];
    assert_entry(it, 10);
    assert_field(it->title, "Café des parents & des enfants");
    /* Escaped HTML (&lt;p&gt;) with HTML entities outside CDATA. */
    assert_field(it->summary, "Un moment d’échange entre parents : le jeudi de 9 h à 11 h.");
    assert_field(it->link, "https://mda.example.fr/spip.php?article42&lang=fr");
    assert_field(it->partner, "Service jeunesse");
    assert_int_equal(it->published, utc(2026, 11, 26, 13, 45, 0));

    it = &d->items[1];
    assert_entry(it, 20);
    assert_field(it->title, "Tom & Jerry au ciné-club");
    assert_field(it->summary, "Projection suivie d’un goûter. Tarif : 2 €.");
    /* No <link>: the guid, a permalink by default. */
    assert_field(it->link, "https://mda.example.fr/spip.php?article43");
    assert_int_equal(it->published, utc(2026, 11, 20, 17, 0, 0));

    /* Escaped twice: "Caf&amp;eacute;" is decoded all the way. */
    it = &d->items[2];
    assert_field(it->title, "Café réparation");
    assert_field(it->summary, "Apportez vos objets cassés");
    assert_int_equal(it->published, utc(2026, 11, 21, 9, 0, 0));

    /* The repairs are said once each, where they first happen. */
    assert_int_equal(d->nproblems, 2);
    assert_problem(d, 11, FEED_WARNING, "&eacute;");
    assert_problem(d, 12, FEED_WARNING, "« & » seul");
    feed_doc_free(d);
}

static void test_windows_1252_declared_utf8(void **state)
{
    size_t len;
    char *raw = slurp(DATA "rss-cp1252-as-utf8.xml", &len);
    struct feed_doc *d;

    (void)state;
    /* The fixture really holds Windows-1252 bytes: é (E9) and ’ (92). */
    assert_non_null(memchr(raw, 0xE9, len));
    assert_non_null(memchr(raw, 0x92, len));
    free(raw);
    d = parse_file(DATA "rss-cp1252-as-utf8.xml");
    assert_int_equal(d->usable, 1);
    assert_field(d->title, "Mairie de Saint-André");
    assert_int_equal(d->nitems, 1);
    assert_field(d->items[0].title, "Réunion publique – l’école");
    assert_field(d->items[0].summary,
                 "La réunion aura lieu à la salle des fêtes … œuvre commune.");
    assert_field(d->items[0].link, "http://mairie-saint-andre.example.fr/actu/reunion.html");
    assert_int_equal(d->items[0].published, utc(2026, 11, 26, 17, 30, 0));
    assert_int_equal(d->nproblems, 1);
    assert_problem(d, 1, FEED_WARNING, "Windows-1252");
    feed_doc_free(d);
}

static void test_latin1(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-latin1.xml");

    (void)state;
    assert_int_equal(d->format, FEED_FORMAT_RSS2);     /* RSS 0.91 */
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    assert_field(d->title, "Bibliothèque de Pré-Vert");
    assert_int_equal(d->nitems, 1);
    assert_entry(&d->items[0], 8);
    assert_field(d->items[0].title, "Heure du conte : « Noël à la ferme »");
    assert_field(d->items[0].summary, "Pour les 4-7 ans, mercredi à 15h. Entrée gratuite.");
    assert_int_equal(d->items[0].published, 0);
    feed_doc_free(d);
}

static void test_no_declaration(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-no-declaration.xml");

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    assert_field(d->title, "Épicerie solidaire");
    assert_int_equal(d->nitems, 1);
    assert_entry(&d->items[0], 2);
    assert_field(d->items[0].title, "Distribution du vendredi");
    assert_field(d->items[0].summary, "Ouverte de 14h à 18h.");
    assert_field(d->items[0].link, "https://epicerie.example.org/vendredi");
    assert_int_equal(d->items[0].published, utc(2026, 11, 27, 14, 0, 0));
    feed_doc_free(d);
}

static void test_rdf(void **state)
{
    struct feed_doc *d = parse_file(DATA "rdf-dcdate.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->format, FEED_FORMAT_RSS1);
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    assert_field(d->title, "Conseil de quartier Nord");
    /* Items are siblings of the channel, not children. */
    assert_int_equal(d->nitems, 2);

    it = &d->items[0];
    assert_entry(it, 17);
    assert_field(it->title, "Compte rendu de la réunion de novembre");
    assert_field(it->summary, "Éclairage de la rue des Lilas, jardins partagés et sécurité "
                              "aux abords de l'école.");
    assert_field(it->link, "https://quartier.example.net/cr-novembre");
    assert_field(it->partner, "Le bureau");
    assert_int_equal(it->published, utc(2026, 11, 24, 19, 30, 0));

    it = &d->items[1];
    assert_entry(it, 24);
    assert_field(it->title, "Balade urbaine");
    assert_null(it->summary);
    /* A date without a time: local midnight. */
    assert_int_equal(it->published, caltime_make(2026, 11, 22, 0, 0));
    assert_int_equal(it->published, utc(2026, 11, 21, 23, 0, 0));
    feed_doc_free(d);
}

static void test_atom_types(void **state)
{
    struct feed_doc *d = parse_file(DATA "atom-types.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->format, FEED_FORMAT_ATOM);
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    /* type="html": markup removed, entities decoded. */
    assert_field(d->title, "Ludothèque La Toupie");
    assert_int_equal(d->nitems, 3);

    it = &d->items[0];
    assert_entry(it, 13);
    /* type="text": what looks like markup is text. */
    assert_field(it->title, "Soirée jeux <adultes> & ados");
    assert_field(it->summary, "Vendredi 4 décembre, à partir de 20 h. Gratuit.");
    assert_field(it->link, "https://toupie.example.org/soiree-jeux");
    assert_field(it->image, "https://toupie.example.org/img/soiree.png");
    /* No <author> in the entry: the feed's. */
    assert_field(it->partner, "Ludothèque La Toupie");
    /* Only <updated>. */
    assert_int_equal(it->published, utc(2026, 11, 26, 18, 0, 0));
    assert_no_event(it);

    it = &d->items[1];
    assert_entry(it, 21);
    assert_field(it->title, "Prêt de jeux géants");
    assert_field(it->summary,
                 "Les jeux géants se prêtent aux associations. Réservation à l'accueil.");
    assert_field(it->link, "https://toupie.example.org/jeux-geants");
    assert_field(it->image, "https://toupie.example.org/img/geants.jpg");
    assert_field(it->partner, "Équipe d'animation");
    /* <published> is preferred to <updated>. */
    assert_int_equal(it->published, utc(2026, 11, 20, 9, 0, 0));

    it = &d->items[2];
    assert_entry(it, 35);
    assert_field(it->title, "Fermeture exceptionnelle");
    assert_field(it->summary, "La ludothèque sera fermée le 11 novembre. Merci !");
    /* rel="related" is not the entry's page; a relative href has no base. */
    assert_null(it->link);
    assert_null(it->image);
    assert_int_equal(it->published, utc(2026, 11, 24, 9, 15, 0));
    feed_doc_free(d);
}

static void test_atom_prefixed(void **state)
{
    struct feed_doc *d = parse_file(DATA "atom-prefixed.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->format, FEED_FORMAT_ATOM);
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    assert_field(d->title, "Agenda culturel");
    assert_int_equal(d->nitems, 1);
    it = &d->items[0];
    assert_entry(it, 6);
    assert_field(it->title, "Concert de la chorale");
    assert_field(it->summary, "Dimanche à 16 h, église Saint-Jean.");
    assert_field(it->link, "https://culture.example.org/chorale");
    assert_field(it->partner, "Chorale des Trois Rivières");
    assert_int_equal(it->published, utc(2026, 11, 27, 7, 0, 0));
    feed_doc_free(d);
}

static void test_media(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-media.xml");

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    assert_int_equal(d->nitems, 5);
    /* A video media:content is skipped; the image one beats the thumbnail. */
    assert_field(d->items[0].image, "https://cdn.example.org/marche-1200.jpg");
    assert_null(d->items[0].summary);
    /* A thumbnail beats an <img> of the description. */
    assert_field(d->items[1].image, "https://cdn.example.org/couture-150.jpg");
    assert_field(d->items[1].summary, "Retouches et ourlets.");
    /* Inside media:group, the first image. */
    assert_field(d->items[2].image, "https://cdn.example.org/chantier.webp");
    /* An audio enclosure, an ftp picture and a data: URL: no picture. */
    assert_null(d->items[3].image);
    assert_field(d->items[3].summary, "Merci à toutes et tous !");
    /* An enclosure named like a picture beats media:content. */
    assert_entry(&d->items[4], 35);
    assert_field(d->items[4].image, "https://photos.example.org/affiche.JPG?v=2");
    feed_doc_free(d);
}

static void test_events(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-events.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_int_equal(d->nitems, 6);

    it = &d->items[0];
    assert_entry(it, 8);
    assert_field(it->title, "Atelier CV et lettre de motivation");
    assert_int_equal(it->start, caltime_make(2026, 11, 30, 14, 0));
    assert_int_equal(it->end, caltime_make(2026, 11, 30, 16, 30));
    assert_int_equal(it->all_day, 0);
    assert_field(it->location, "Salle Jean-Moulin, 1er étage");
    /* ev:organizer wins over dc:creator. */
    assert_field(it->partner, "Mission locale");
    assert_int_equal(it->published, utc(2026, 11, 23, 8, 0, 0));

    /* Date-only, the end naming the last day. */
    it = &d->items[1];
    assert_entry(it, 20);
    assert_int_equal(it->start, caltime_make(2026, 12, 1, 0, 0));
    assert_int_equal(it->end, caltime_make(2026, 12, 6, 0, 0));
    assert_int_equal(it->all_day, 1);
    assert_field(it->location, "Hall d'accueil");

    /* Date-only without an end: that day. */
    it = &d->items[2];
    assert_int_equal(it->start, caltime_make(2026, 12, 12, 0, 0));
    assert_int_equal(it->end, caltime_make(2026, 12, 13, 0, 0));
    assert_int_equal(it->all_day, 1);
    assert_null(it->link);

    /* A local start without an end: one hour. */
    it = &d->items[3];
    assert_int_equal(it->start, caltime_make(2026, 12, 3, 9, 30));
    assert_int_equal(it->end, caltime_make(2026, 12, 3, 10, 30));
    assert_int_equal(it->all_day, 0);

    /* An end before the start: kept, without dates. */
    it = &d->items[4];
    assert_field(it->title, "Réunion mal saisie");
    assert_no_event(it);
    assert_problem(d, 38, FEED_WARNING, "« 2026-12-10T17:00:00+01:00 »");

    /* Dates that do not parse: kept, without them. */
    it = &d->items[5];
    assert_entry(it, 40);
    assert_field(it->title, "Date illisible");
    assert_int_equal(it->published, 0);
    assert_no_event(it);
    assert_problem(d, 42, FEED_WARNING,
                   "date de publication « 31/11/2026 » non comprise — attendu une date "
                   "comme Mon, 30 Nov 2026 14:00:00 +0100 ou 2026-11-30T14:00:00+01:00");
    assert_problem(d, 43, FEED_WARNING, "date de début « le 3 décembre » non comprise");
    assert_int_equal(d->nproblems, 3);
    feed_doc_free(d);
}

static void test_xcal(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-xcal.xml");
    const struct feed_item *it;

    (void)state;
    assert_int_equal(d->usable, 1);
    assert_no_problems(d);
    assert_int_equal(d->nitems, 3);

    /* The draft's flat elements, basic format, local time. */
    it = &d->items[0];
    assert_entry(it, 7);
    assert_field(it->title, "Club lecture ados");
    assert_int_equal(it->start, caltime_make(2026, 12, 2, 15, 0));
    assert_int_equal(it->end, caltime_make(2026, 12, 2, 16, 30));
    assert_int_equal(it->all_day, 0);
    assert_field(it->location, "Espace jeunesse");

    /* RFC 6321: values in <date-time> and <text>; the summary is the title. */
    it = &d->items[1];
    assert_entry(it, 15);
    assert_field(it->title, "Initiation à la tablette");
    assert_field(it->link, "https://mediatheque.example.fr/numerique");
    assert_int_equal(it->start, caltime_make(2026, 12, 5, 10, 0));
    assert_int_equal(it->end, utc(2026, 12, 5, 11, 30, 0));
    assert_field(it->location, "Salle multimédia");
    assert_null(it->summary);

    /* Dates: DTEND is the day after the last (RFC 5545 3.6.1). */
    it = &d->items[2];
    assert_field(it->title, "Vacances de Noël : horaires réduits");
    assert_int_equal(it->start, caltime_make(2026, 12, 21, 0, 0));
    assert_int_equal(it->end, caltime_make(2027, 1, 2, 0, 0));
    assert_int_equal(it->all_day, 1);
    feed_doc_free(d);
}

static void test_oddities(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-oddities.xml");
    const struct feed_item *it;

    (void)state;
    /* RSS 2.0 in a default namespace, extension titles beside the real one. */
    assert_int_equal(d->format, FEED_FORMAT_RSS2);
    assert_int_equal(d->usable, 1);
    assert_field(d->title, "Épicerie sociale");
    assert_int_equal(d->nitems, 5);

    it = &d->items[0];
    assert_entry(it, 10);
    assert_field(it->title, "Arrivage de légumes");
    assert_field(it->link, "https://epicerie.example.org/arrivage-12");
    assert_int_equal(it->published, utc(2026, 11, 24, 10, 0, 0));
    /* "address (name)" gives the name. */
    assert_field(it->partner, "Les bénévoles");

    /* A duplicate is kept: the screen de-duplicates, not the parser. */
    it = &d->items[1];
    assert_entry(it, 21);
    assert_field(it->title, "Arrivage de légumes");
    assert_field(it->link, "https://epicerie.example.org/arrivage-12");

    /* No title: the start of the description, cut after a word. */
    it = &d->items[2];
    assert_entry(it, 25);
    assert_field(it->title, "Les inscriptions pour les colis de fin d'année sont ouvertes à "
                            "l'accueil du lundi au vendredi, avec…");
    assert_non_null(it->summary);
    /* A javascript: link and a guid that is not a permalink: no link. */
    assert_null(it->link);
    /* A bare address is not a name. */
    assert_null(it->partner);
    assert_problem(d, 25, FEED_WARNING, "article sans titre");

    /* A blank title and a blank description: skipped. */
    assert_problem(d, 31, FEED_ERROR, "article sans titre ni description");

    /* Markup in a CDATA title. */
    it = &d->items[3];
    assert_entry(it, 36);
    assert_field(it->title, "Fermeture le 25 décembre");
    assert_field(it->link, "HTTPS://epicerie.example.org/noel");

    /* isPermaLink="false": the guid is not a link, even when it looks like one. */
    it = &d->items[4];
    assert_entry(it, 40);
    assert_field(it->title, "Sans lien");
    assert_null(it->link);
    assert_int_equal(d->nproblems, 2);
    feed_doc_free(d);
}

static void test_item_cap(void **state)
{
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap);
    struct feed_doc *d;
    int k;

    (void)state;
    assert_non_null(buf);
    n += (size_t)snprintf(buf + n, cap - n, "<rss><channel><title>Beaucoup</title>\n");
    for (int i = 0; i < HS_MAX_FEED_ITEMS + 100; i++) {
        k = snprintf(buf + n, cap - n, "<item><title>Article %d</title></item>\n", i);
        assert_true(k > 0 && (size_t)k < cap - n);
        n += (size_t)k;
    }
    k = snprintf(buf + n, cap - n, "</channel></rss>\n");
    assert_true(k > 0 && (size_t)k < cap - n);
    n += (size_t)k;
    d = rss_parse(buf, n);
    free(buf);
    assert_non_null(d);
    assert_int_equal(d->usable, 1);
    assert_int_equal(d->nitems, HS_MAX_FEED_ITEMS);
    assert_field(d->items[HS_MAX_FEED_ITEMS - 1].title, "Article 511");
    assert_int_equal(d->nproblems, 1);
    assert_problem(d, HS_MAX_FEED_ITEMS + 2, FEED_WARNING, "plus de 512 articles");
    feed_doc_free(d);
}

/* --- broken and hostile documents ----------------------------------------- */

static void test_truncated(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-truncated.xml");

    (void)state;
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_true(d->nproblems >= 1);
    assert_int_equal(d->problems[0].severity, FEED_ERROR);
    assert_int_equal(d->problems[0].line, 11);
    assert_non_null(strstr(d->problems[0].message, "tronqué"));
    feed_doc_free(d);
}

static void test_web_page(void **state)
{
    static const char *const pages[] = {
        "<html><head><title>Erreur 503</title></head><body>Service indisponible</body></html>",
        "\xEF\xBB\xBF\n  <!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<HTML><BODY>x",
        ("<?xml version=\"1.0\"?>\n<!-- proxy -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
         "<body><p>Connexion requise</p></body></html>"),
        "<html/>",
    };
    struct feed_doc *d = parse_file(DATA "rss-error-page.html");

    (void)state;
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nproblems, 1);
    assert_problem(d, 1, FEED_ERROR, "page web (HTML), pas un flux");
    feed_doc_free(d);
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        d = parse_str(pages[i]);
        assert_int_equal(d->usable, 0);
        assert_int_equal(d->nitems, 0);
        assert_int_equal(count_problems(d, -1, FEED_ERROR, "page web (HTML)"), 1);
        feed_doc_free(d);
    }
}

static void test_not_a_feed(void **state)
{
    struct feed_doc *d = parse_file(DATA "rss-not-a-feed.xml");

    (void)state;
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->format, FEED_FORMAT_UNKNOWN);
    assert_int_equal(d->nproblems, 1);
    assert_problem(d, 3, FEED_ERROR, "l’élément racine <urlset>");
    feed_doc_free(d);

    d = parse_file(DATA "rss-no-channel.xml");
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_problem(d, 2, FEED_ERROR, "<rss> sans <channel>");
    feed_doc_free(d);
}

/* Returns 1 when needle is in any string of d. */
static int model_contains(const struct feed_doc *d, const char *needle)
{
    if (d->title != NULL && strstr(d->title, needle) != NULL)
        return 1;
    for (size_t i = 0; i < d->nitems; i++) {
        const struct feed_item *it = &d->items[i];
        const char *s[] = {it->title, it->summary, it->link, it->image, it->location,
                           it->site, it->partner, it->registration};

        for (size_t k = 0; k < sizeof(s) / sizeof(s[0]); k++)
            if (s[k] != NULL && strstr(s[k], needle) != NULL)
                return 1;
    }
    for (size_t i = 0; i < d->nproblems; i++)
        if (strstr(d->problems[i].message, needle) != NULL)
            return 1;
    return 0;
}

static void test_external_entity(void **state)
{
    size_t len;
    char *passwd = slurp("/etc/passwd", &len);
    char *nl = strchr(passwd, '\n');
    struct feed_doc *d;

    (void)state;
    if (nl != NULL)
        *nl = '\0';
    assert_true(strlen(passwd) > 8);      /* "root:x:0:0:..." */
    d = parse_file(DATA "rss-xxe.xml");
    assert_false(model_contains(d, passwd));
    assert_false(model_contains(d, "root:"));
    assert_false(model_contains(d, "/bin/"));
    /* The entity is dropped; the rest of the feed is read. */
    assert_int_equal(d->usable, 1);
    assert_int_equal(d->nitems, 1);
    assert_field(d->title, "Flux piégé");
    assert_field(d->items[0].title, "Mot de passe :");
    assert_null(d->items[0].summary);
    assert_field(d->items[0].link, "https://example.org/");
    free(passwd);
    feed_doc_free(d);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_billion_laughs(void **state)
{
    struct timespec t0;
    struct feed_doc *d;

    (void)state;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    d = parse_file(DATA "rss-billion-laughs.xml");
    assert_true(seconds_since(&t0) < 1.0);
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_true(count_problems(d, -1, FEED_ERROR, "entités") >= 1);
    assert_false(model_contains(d, "lollol"));
    feed_doc_free(d);
}

static void test_deep_nesting(void **state)
{
    const int depth = 10000;
    size_t cap = (size_t)depth * 7 + 256, n = 0;
    char *buf = malloc(cap);
    struct timespec t0;
    struct feed_doc *d;

    (void)state;
    assert_non_null(buf);
    n += (size_t)snprintf(buf, cap, "<rss><channel><title>x</title><item><title>t</title>");
    for (int i = 0; i < depth; i++, n += 3)
        memcpy(buf + n, "<a>", 3);
    for (int i = 0; i < depth; i++, n += 4)
        memcpy(buf + n, "</a>", 4);
    n += (size_t)snprintf(buf + n, cap - n, "</item></channel></rss>");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    d = rss_parse(buf, n);
    assert_true(seconds_since(&t0) < 1.0);
    free(buf);
    assert_non_null(d);
    assert_int_equal(d->usable, 0);
    assert_int_equal(d->nitems, 0);
    assert_true(count_problems(d, -1, FEED_ERROR, "imbriqués") >= 1);
    feed_doc_free(d);

    /* Just over HS_MAX_XML_DEPTH, under libxml2's own limit. */
    buf = malloc(4096);
    assert_non_null(buf);
    n = (size_t)snprintf(buf, 4096, "<rss><channel><title>x</title>");
    for (int i = 0; i < HS_MAX_XML_DEPTH; i++, n += 3)
        memcpy(buf + n, "<a>", 3);
    for (int i = 0; i < HS_MAX_XML_DEPTH; i++, n += 4)
        memcpy(buf + n, "</a>", 4);
    n += (size_t)snprintf(buf + n, 4096 - n, "</channel></rss>");
    d = rss_parse(buf, n);
    free(buf);
    assert_non_null(d);
    assert_int_equal(d->usable, 0);
    assert_true(count_problems(d, -1, FEED_ERROR, "imbriqués") >= 1);
    feed_doc_free(d);
}

static void test_empty(void **state)
{
    struct feed_doc *d;

    (void)state;
    d = rss_parse("", 0);
    assert_non_null(d);
    assert_int_equal(d->usable, 0);
    assert_true(count_problems(d, -1, FEED_ERROR, "vide") >= 1);
    feed_doc_free(d);
    d = rss_parse(NULL, 0);
    assert_non_null(d);
    assert_int_equal(d->usable, 0);
    assert_true(d->nproblems >= 1);
    feed_doc_free(d);
    d = parse_str(" \r\n\t\n");
    assert_int_equal(d->usable, 0);
    assert_true(count_problems(d, -1, FEED_ERROR, "vide") >= 1);
    feed_doc_free(d);
}

static void test_garbage(void **state)
{
    size_t n = 16 * 1024;
    unsigned char *buf = malloc(n);
    uint32_t x = 2463534242u;
    struct feed_doc *d;

    (void)state;
    assert_non_null(buf);
    for (int round = 0; round < 8; round++) {
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            buf[i] = (unsigned char)x;
        }
        if (round % 2 == 1)
            buf[0] = '<';
        d = rss_parse((const char *)buf, n);
        assert_non_null(d);
        assert_int_equal(d->usable, 0);
        assert_int_equal(d->nitems, 0);
        assert_true(count_problems(d, -1, FEED_ERROR, "") >= 1);
        feed_doc_free(d);
    }
    free(buf);
    /* A NUL in the middle of a feed. */
    {
        static const char nul[] = "<rss><channel><title>a\0b</title></channel></rss>";

        d = rss_parse(nul, sizeof(nul) - 1);
    }
    assert_non_null(d);
    assert_int_equal(d->usable, 0);
    feed_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordpress),
        cmocka_unit_test(test_spip_entities),
        cmocka_unit_test(test_windows_1252_declared_utf8),
        cmocka_unit_test(test_latin1),
        cmocka_unit_test(test_no_declaration),
        cmocka_unit_test(test_rdf),
        cmocka_unit_test(test_atom_types),
        cmocka_unit_test(test_atom_prefixed),
        cmocka_unit_test(test_media),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_xcal),
        cmocka_unit_test(test_oddities),
        cmocka_unit_test(test_item_cap),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_web_page),
        cmocka_unit_test(test_not_a_feed),
        cmocka_unit_test(test_external_entity),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_garbage),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
