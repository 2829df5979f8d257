/* make bench: parse times, measured, never asserted. A generated 1 MB RSS
 * feed (the design's target: under 20 ms), a year of a weekly permanence
 * with exceptions expanded from iCalendar (target: under 10 ms), and a 1 MB
 * hallscreen XML file. Each is the median of 21 runs after one warm-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../content/caltime.h"
#include "../feeds/feed.h"
#include "../feeds/xml.h"

#define RUNS 21

struct buf {
    char *p;
    size_t n, cap;
};

static void add(struct buf *b, const char *s)
{
    size_t k = strlen(s);

    if (b->n + k + 1 > b->cap) {
        b->cap = (b->n + k + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (b->p == NULL) {
            perror("bench_parse");
            exit(1);
        }
    }
    memcpy(b->p + b->n, s, k + 1);
    b->n += k;
}

static double ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Returns the median time of parsing b over [from, to); prints the items. */
static double time_parse(const char *label, const struct buf *b, time_t from, time_t to)
{
    double t[RUNS];
    size_t items = 0;
    struct feed_doc *d = feed_parse(b->p, b->n, from, to);

    if (d == NULL || !d->usable) {
        fprintf(stderr, "bench_parse: %s does not parse\n", label);
        exit(1);
    }
    feed_doc_free(d);
    for (int i = 0; i < RUNS; i++) {
        double t0 = ms();

        d = feed_parse(b->p, b->n, from, to);
        t[i] = ms() - t0;
        items = d->nitems;
        feed_doc_free(d);
    }
    qsort(t, RUNS, sizeof(t[0]), cmp);
    printf("parse %s (%zu bytes): median %.2f ms, best %.2f ms, %zu items\n", label, b->n,
           t[RUNS / 2], t[0], items);
    return t[RUNS / 2];
}

int main(void)
{
    struct buf rss = {0}, ics = {0}, hs = {0};
    char line[512];
    time_t from, to;
    int i;

    xml_global_init();
    caltime_set_zone("Europe/Paris");
    from = caltime_make(2026, 1, 1, 0, 0);
    to = caltime_make(2027, 1, 1, 0, 0);

    add(&rss, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
              "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Centre social "
              "des Tilleuls</title>\n");
    for (i = 0; rss.n < 1024 * 1024 - 2048; i++) {
        snprintf(line, sizeof(line),
                 "<item><title>Atelier num&#233;rique n&#176; %d : d&#233;couvrir sa "
                 "messagerie</title><link>https://example.org/atelier/%d</link>"
                 "<pubDate>Mon, 23 Nov 2026 10:%02d:00 +0100</pubDate><dc:creator>"
                 "M&#233;diath&#232;que</dc:creator>\n", i, i, i % 60);
        add(&rss, line);
        add(&rss, "<description><![CDATA[<p>Un atelier pour <b>apprendre</b> &agrave; "
                  "envoyer un courriel, joindre un document et se prot&eacute;ger des "
                  "arnaques.</p><p>Inscription &agrave; l'accueil ou au 01 23 45 67 89."
                  "<br/>Places limit&eacute;es.</p><img src=\"https://example.org/a.jpg\"/>"
                  "]]></description></item>\n");
    }
    add(&rss, "</channel></rss>\n");

    add(&ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"
              "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n"
              "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
              "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n"
              "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
              "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
              "END:STANDARD\r\nEND:VTIMEZONE\r\n"
              "BEGIN:VEVENT\r\nUID:caf@bench\r\nDTSTAMP:20260101T000000Z\r\n"
              "DTSTART;TZID=Europe/Paris:20260106T090000\r\n"
              "DTEND;TZID=Europe/Paris:20260106T120000\r\n"
              "RRULE:FREQ=WEEKLY;BYDAY=TU\r\nSUMMARY:Permanence CAF\r\n"
              "LOCATION:Bureau 2\r\n"
              "EXDATE;TZID=Europe/Paris:20260414T090000,20260505T090000,20261103T090000\r\n"
              "END:VEVENT\r\n"
              "BEGIN:VEVENT\r\nUID:caf@bench\r\nDTSTAMP:20260101T000000Z\r\n"
              "RECURRENCE-ID;TZID=Europe/Paris:20260609T090000\r\n"
              "DTSTART;TZID=Europe/Paris:20260609T140000\r\n"
              "DTEND;TZID=Europe/Paris:20260609T170000\r\nSUMMARY:Permanence CAF\r\n"
              "END:VEVENT\r\n"
              "BEGIN:VEVENT\r\nUID:caf@bench\r\nDTSTAMP:20260101T000000Z\r\n"
              "RECURRENCE-ID;TZID=Europe/Paris:20261222T090000\r\nSTATUS:CANCELLED\r\n"
              "DTSTART;TZID=Europe/Paris:20261222T090000\r\n"
              "DTEND;TZID=Europe/Paris:20261222T120000\r\nSUMMARY:Permanence CAF\r\n"
              "END:VEVENT\r\nEND:VCALENDAR\r\n");

    add(&hs, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hallscreen version=\"1\" "
             "partenaire=\"Centre social\">\n");
    for (i = 0; hs.n < 1024 * 1024 - 1024; i++) {
        snprintf(line, sizeof(line),
                 "<evenement debut=\"2026-%02d-%02dT14:00\" fin=\"2026-%02d-%02dT16:00\" "
                 "lieu=\"Salle %d\">Atelier num\xC3\xA9rique %d</evenement>\n",
                 i % 12 + 1, i % 28 + 1, i % 12 + 1, i % 28 + 1, i % 5, i);
        add(&hs, line);
    }
    add(&hs, "</hallscreen>\n");

    time_parse("RSS 2.0, generated", &rss, from, to);
    time_parse("iCalendar, weekly with exceptions over a year", &ics, from, to);
    time_parse("hallscreen XML, generated", &hs, from, to);
    free(rss.p);
    free(ics.p);
    free(hs.p);
    return 0;
}
