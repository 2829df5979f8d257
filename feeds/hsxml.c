/* The hallscreen XML format: the partners' own small format, written by hand
 * or exported from a spreadsheet (feeds/GUIDE.fr.md tells them how; the
 * schema is feeds/hallscreen.rng). The parser is forgiving where the meaning
 * is clear (any case for words, accented names, French dates, "9h30") and
 * says in French, with the line, what it did not understand. An item it
 * cannot place in time is skipped; a value it cannot use (a colour, a link)
 * is dropped and the item kept. */
#include "hsxml.h"

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../content/caltime.h"
#include "../content/editdist.h"
#include "../content/frdate.h"
#include "../content/utf8.h"
#include "xml.h"

#define MAX_NAME 32       /* longest name (element, attribute, word) we suggest for */
#define MAX_QUOTE 60      /* bytes of a partner's value quoted in a problem */
#define MAX_VALUE 64      /* longest date, time or word value we try to read */

/* --- names ----------------------------------------------------------------- */

enum attr {
    A_VERSION, A_PARTENAIRE, A_COULEUR, A_JOUR, A_DATE, A_DEBUT, A_FIN, A_DU, A_AU,
    A_LIEU, A_SITE, A_JOURNEE, A_INSCRIPTION, A_LIEN, A_TITRE, A_PRIORITE, A_IMAGE,
    A_COUNT
};

/* Each attribute's name, then the accented spelling a French writer types. */
static const char *const attr_names[A_COUNT][2] = {
    [A_VERSION] = {"version", NULL},
    [A_PARTENAIRE] = {"partenaire", NULL},
    [A_COULEUR] = {"couleur", NULL},
    [A_JOUR] = {"jour", NULL},
    [A_DATE] = {"date", NULL},
    [A_DEBUT] = {"debut", "début"},
    [A_FIN] = {"fin", NULL},
    [A_DU] = {"du", NULL},
    [A_AU] = {"au", NULL},
    [A_LIEU] = {"lieu", NULL},
    [A_SITE] = {"site", NULL},
    [A_JOURNEE] = {"journee", "journée"},
    [A_INSCRIPTION] = {"inscription", NULL},
    [A_LIEN] = {"lien", NULL},
    [A_TITRE] = {"titre", NULL},
    [A_PRIORITE] = {"priorite", "priorité"},
    [A_IMAGE] = {"image", NULL},
};

enum elem { E_CRENEAU, E_EVENEMENT, E_ANNONCE, E_BANDEAU, E_URGENCE, E_ROOT, E_COUNT };

#define BIT(a) (1u << (a))

static const struct {
    const char *names[3];   /* the name, then accented spellings */
    unsigned attrs;         /* the attributes it takes */
    const char *skipped;    /* what the partner reads when it is skipped */
} elems[E_COUNT] = {
    [E_CRENEAU] = {{"creneau", "créneau", NULL},
                   BIT(A_JOUR) | BIT(A_DATE) | BIT(A_DU) | BIT(A_AU) | BIT(A_DEBUT) |
                   BIT(A_FIN) | BIT(A_LIEU) | BIT(A_SITE) | BIT(A_PARTENAIRE) | BIT(A_COULEUR),
                   "le créneau est ignoré"},
    [E_EVENEMENT] = {{"evenement", "événement", "évènement"},
                     BIT(A_DATE) | BIT(A_DEBUT) | BIT(A_FIN) | BIT(A_JOURNEE) | BIT(A_LIEU) |
                     BIT(A_INSCRIPTION) | BIT(A_LIEN) | BIT(A_PARTENAIRE) | BIT(A_COULEUR),
                     "l’événement est ignoré"},
    [E_ANNONCE] = {{"annonce", NULL, NULL},
                   BIT(A_TITRE) | BIT(A_PRIORITE) | BIT(A_IMAGE) | BIT(A_LIEN) | BIT(A_DU) |
                   BIT(A_AU) | BIT(A_PARTENAIRE) | BIT(A_COULEUR),
                   "l’annonce est ignorée"},
    [E_BANDEAU] = {{"bandeau", NULL, NULL}, BIT(A_DU) | BIT(A_AU) | BIT(A_PARTENAIRE),
                   "le bandeau est ignoré"},
    [E_URGENCE] = {{"urgence", NULL, NULL}, BIT(A_DU) | BIT(A_AU),
                   "le message urgent est ignoré"},
    [E_ROOT] = {{"hallscreen", NULL, NULL}, BIT(A_VERSION) | BIT(A_PARTENAIRE) | BIT(A_COULEUR),
                ""},
};

static const char *const weekdays[7] = {"lundi", "mardi", "mercredi", "jeudi",
                                        "vendredi", "samedi", "dimanche"};

/* --- small helpers ---------------------------------------------------------- */

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Returns 1 when a and b are equal, ASCII letters compared without case. */
static int same_word(const char *a, const char *b)
{
    while (*a != '\0' && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Removes ASCII white space at both ends of s, in place. */
static void trim(char *s)
{
    size_t n = strlen(s), i = 0;

    while (n > 0 && is_space(s[n - 1]))
        n--;
    while (i < n && is_space(s[i]))
        i++;
    memmove(s, s + i, n - i);
    s[n - i] = '\0';
}

/* Returns s when it holds at most MAX_QUOTE bytes, else out (n bytes) with s
 * cut at a code point boundary and "…" (3 bytes and the NUL) after it:
 * partners' values quoted in problems stay short. */
static const char *quote(const char *s, char *out, size_t n)
{
    size_t len = strlen(s), i = 0, k;

    if (len <= MAX_QUOTE && len < n)
        return s;
    while (i < len && i < MAX_QUOTE && i + 4 < n) {
        k = utf8_seq_len(s + i, len - i);
        if (k == 0)
            k = 1;
        if (i + k > MAX_QUOTE || i + k + 4 > n)
            break;
        i += k;
    }
    memcpy(out, s, i);
    memcpy(out + i, "…", 4);
    return out;
}

/* Folds s into out (n bytes) for comparing names: ASCII lower case, the
 * accented letters of French to their base letter, any other code point to
 * '?'. Returns 0, or -1 when s is longer than out can hold. */
static int fold(const char *s, char *out, size_t n)
{
    size_t len = strlen(s), i = 0, o = 0;

    while (i < len) {
        size_t k = utf8_seq_len(s + i, len - i);
        char c = '?';

        if (o + 1 >= n)
            return -1;
        if (k <= 1) {
            c = k == 1 ? (char)ascii_lower((unsigned char)s[i]) : '?';
            k = 1;
        } else if (k == 2 && (unsigned char)s[i] == 0xC3) {
            static const char latin1[] = "aaaaaaaceeeeiiiidnooooo?ouuuuyts"
                                         "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
            c = latin1[(unsigned char)s[i + 1] - 0x80];
        }
        out[o++] = c;
        i += k;
    }
    out[o] = '\0';
    return 0;
}

/* Returns the candidate closest to what was written (compared folded: case
 * and accents do not count), or NULL when none is close: one edit for short
 * names, two for longer ones. */
static const char *suggest(const char *written, const char *const *cands, size_t n)
{
    char w[MAX_NAME], c[MAX_NAME];
    const char *best = NULL;
    int best_d = 0;

    if (fold(written, w, sizeof(w)) != 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        int d, limit;

        if (cands[i] == NULL || fold(cands[i], c, sizeof(c)) != 0)
            continue;
        d = editdist(w, c, 3);     /* the limit below is at most 2 */
        limit = strlen(c) <= 4 ? 1 : 2;
        if (d <= limit && (best == NULL || d < best_d)) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}

/* --- dates and times ------------------------------------------------------- */

/* Reads min to max ASCII digits at *p into *v and moves *p past them.
 * Returns 0, or -1 when fewer than min digits are there. */
static int read_digits(const char **p, int min, int max, int *v)
{
    int n = 0, val = 0;

    while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
        val = val * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min || ((*p)[n] >= '0' && (*p)[n] <= '9'))
        return -1;
    *p += n;
    *v = val;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

/* A calendar date as the partner wrote it. */
struct ymd {
    int y, m, d;
};

/* Reads a time of day at s: "09:00", "9:00", "09:00:00", "9h", "9h30",
 * "9 h 30" (the seconds are dropped). Returns 0, or -1 on anything else,
 * trailing text included. What it accepts is at most MAX_VALUE bytes, so
 * problems may quote it whole; so does parse_when. */
static int parse_time(const char *s, int *h, int *mi)
{
    const char *p = s;
    int sec = 0;

    *mi = 0;
    if (strlen(s) > MAX_VALUE || read_digits(&p, 1, 2, h) != 0)
        return -1;
    if (*p == ':') {
        p++;
        if (read_digits(&p, 2, 2, mi) != 0)
            return -1;
        if (*p == ':') {
            p++;
            if (read_digits(&p, 2, 2, &sec) != 0)
                return -1;
        }
    } else {
        while (*p == ' ')
            p++;
        if (*p != 'h' && *p != 'H')
            return -1;
        p++;
        while (*p == ' ')
            p++;
        if (*p != '\0' && read_digits(&p, 2, 2, mi) != 0)
            return -1;
    }
    if (*p != '\0' || *h > 23 || *mi > 59 || sec > 59)
        return -1;
    return 0;
}

/* Reads a date at s, "2026-12-03" or "3/12/2026", into *out and sets *rest
 * after it. Returns 0; -2 when it is well written but does not exist (31
 * November), with *out set, for a clearer problem; -1 on anything else. */
static int parse_date(const char *s, const char **rest, struct ymd *out)
{
    const char *p = s;
    int a, b, c;

    if (read_digits(&p, 4, 4, &a) == 0 && *p == '-') {
        p++;
        if (read_digits(&p, 2, 2, &b) != 0 || *p++ != '-' || read_digits(&p, 2, 2, &c) != 0)
            return -1;
        out->y = a, out->m = b, out->d = c;
    } else {
        p = s;
        if (read_digits(&p, 1, 2, &a) != 0 || *p++ != '/' || read_digits(&p, 1, 2, &b) != 0 ||
            *p++ != '/' || read_digits(&p, 4, 4, &c) != 0)
            return -1;
        out->y = c, out->m = b, out->d = a;
    }
    *rest = p;
    if (out->y < 1 || out->m < 1 || out->m > 12 || out->d < 1 || out->d > 31)
        return -1;
    if (out->d > days_in_month(out->y, out->m))
        return -2;
    return 0;
}

/* What a date-or-time value turned out to be. */
enum when_kind { W_BAD, W_NOT_A_DAY, W_TIME, W_DATE, W_DATETIME };

struct when {
    enum when_kind kind;
    time_t t;          /* W_DATE: local midnight; W_DATETIME: the instant */
    struct ymd day;    /* W_DATE, W_DATETIME (its local day), W_NOT_A_DAY */
    int h, mi;         /* W_TIME */
};

/* Reads s as a time of day, a date, or a date and a time (RFC 3339 through
 * caltime_parse_iso, then the French and spreadsheet shapes as local time). */
static struct when parse_when(const char *s)
{
    struct when w = {W_BAD, 0, {0, 0, 0}, 0, 0};
    const char *p;
    int h, mi, rc;

    if (strlen(s) > MAX_VALUE)
        return w;
    if (parse_time(s, &w.h, &w.mi) == 0) {
        w.kind = W_TIME;
        return w;
    }
    if (caltime_parse_iso(s, &w.t) == 0) {
        struct tm tm;

        caltime_local(w.t, &tm);
        w.day.y = tm.tm_year + 1900, w.day.m = tm.tm_mon + 1, w.day.d = tm.tm_mday;
        w.kind = W_DATETIME;
        return w;
    }
    rc = parse_date(s, &p, &w.day);
    if (rc == -2) {
        w.kind = W_NOT_A_DAY;
        return w;
    }
    if (rc != 0)
        return w;
    if (*p == '\0') {
        w.t = caltime_make(w.day.y, w.day.m, w.day.d, 0, 0);
        w.kind = w.t == (time_t)-1 ? W_BAD : W_DATE;
        return w;
    }
    if (*p == 'T' || *p == 't')
        p++;
    else if (*p == ' ')
        while (*p == ' ')
            p++;
    else
        return w;
    if (parse_time(p, &h, &mi) != 0)
        return w;
    w.t = caltime_make(w.day.y, w.day.m, w.day.d, h, mi);
    w.kind = w.t == (time_t)-1 ? W_BAD : W_DATETIME;
    return w;
}

/* --- the parse -------------------------------------------------------------- */

struct ctx {
    struct feed_doc *d;
    time_t from, to;
    char *partner;         /* the document's, or NULL */
    int32_t colour;        /* the document's, or -1 */
    int full;              /* HS_MAX_FEED_ITEMS reached: the rest is ignored */
    int oom;
};

/* One item element being read. */
struct el {
    const xmlNode *n;
    enum elem kind;
    int line;
    char *v[A_COUNT];      /* trimmed attribute values; NULL when absent */
    const char *written[A_COUNT]; /* the attribute names as written */
};

static void el_free(struct el *e)
{
    for (int i = 0; i < A_COUNT; i++)
        free(e->v[i]);
}

/* Returns the attribute named name, or -1. */
static int attr_lookup(const char *name)
{
    for (int i = 0; i < A_COUNT; i++)
        for (int k = 0; k < 2; k++)
            if (attr_names[i][k] != NULL && strcmp(attr_names[i][k], name) == 0)
                return i;
    return -1;
}

/* Returns the item element named name, or -1. */
static int elem_lookup(const char *name)
{
    for (int i = 0; i < E_ROOT; i++)
        for (int k = 0; k < 3; k++)
            if (elems[i].names[k] != NULL && strcmp(elems[i].names[k], name) == 0)
                return i;
    return -1;
}

/* Writes the names of the attributes of kind, comma-separated, into out. */
static const char *attr_list(enum elem kind, char *out, size_t n)
{
    size_t o = 0;

    out[0] = '\0';
    for (int i = 0; i < A_COUNT; i++) {
        int w;

        if (!(elems[kind].attrs & BIT(i)))
            continue;
        w = snprintf(out + o, n - o, "%s%s", o ? ", " : "", attr_names[i][0]);
        if (w < 0 || (size_t)w >= n - o)
            break;
        o += (size_t)w;
    }
    return out;
}

static void unknown_attr(struct ctx *c, const struct el *e, const xmlAttr *a, int id)
{
    const char *name = (const char *)a->name, *ename = elems[e->kind].names[0];
    const char *cands[A_COUNT], *s;
    char list[256], q[MAX_QUOTE + 8];
    size_t n = 0;

    if (id >= 0 && a->ns == NULL) {
        if (id == A_TITRE)
            feed_problem(c->d, e->line, FEED_WARNING,
                         "l’attribut « titre » ne sert pas sur "
                         "<%s> : le titre s’écrit entre <%s> et </%s> ; "
                         "l’attribut est ignoré", ename, ename, ename);
        else
            feed_problem(c->d, e->line, FEED_WARNING,
                         "l’attribut « %s » ne sert pas sur <%s> "
                         ": il est ignoré (attributs possibles : %s)",
                         name, ename, attr_list(e->kind, list, sizeof(list)));
        return;
    }
    for (int i = 0; i < A_COUNT; i++)
        if (elems[e->kind].attrs & BIT(i))
            cands[n++] = attr_names[i][0];
    s = a->ns == NULL ? suggest(name, cands, n) : NULL;
    if (s != NULL)
        feed_problem(c->d, e->line, FEED_WARNING,
                     "attribut « %s » inconnu sur <%s> : vouliez-vous dire "
                     "« %s » ? Il est ignoré",
                     quote(name, q, sizeof(q)), ename, s);
    else
        feed_problem(c->d, e->line, FEED_WARNING,
                     "attribut « %s » inconnu sur <%s> : il est ignoré "
                     "(attributs possibles : %s)",
                     quote(name, q, sizeof(q)), ename, attr_list(e->kind, list, sizeof(list)));
}

/* Reads the attributes of e->n into e->v, with a warning for each one that
 * <kind> does not take. Returns 0, or -1 when memory runs out. */
static int read_attrs(struct ctx *c, struct el *e)
{
    for (const xmlAttr *a = e->n->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        int id = attr_lookup(name);

        if (a->ns != NULL || id < 0 || !(elems[e->kind].attrs & BIT(id))) {
            unknown_attr(c, e, a, id);
            continue;
        }
        if (e->v[id] != NULL) {
            feed_problem(c->d, e->line, FEED_WARNING,
                         "l’attribut %s est écrit deux fois (%s et %s) "
                         "sur <%s> : seul le premier compte",
                         attr_names[id][0], e->written[id], name, elems[e->kind].names[0]);
            continue;
        }
        e->v[id] = xml_attr(e->n, name);
        if (e->v[id] == NULL)
            return -1;
        trim(e->v[id]);
        e->written[id] = name;
    }
    return 0;
}

/* The problem for a value of attribute a that cannot be read: what it is
 * (a word with its agreement: "date", "comprise"), what was expected, and
 * what happens ("le créneau est ignoré", or the value is dropped). */
static void bad_value(struct ctx *c, const struct el *e, enum attr a, const char *what,
                      const char *understood, const char *expected, int skipped)
{
    char q[MAX_QUOTE + 8];

    feed_problem(c->d, e->line, skipped ? FEED_ERROR : FEED_WARNING,
                 "%s « %s » non %s (attribut %s de <%s>) — attendu %s "
                 "; %s", what, quote(e->v[a], q, sizeof(q)), understood, e->written[a],
                 elems[e->kind].names[0], expected,
                 skipped ? elems[e->kind].skipped : "la valeur est ignorée");
}

#define EXPECT_DATE "une date comme 2026-11-30 ou 30/11/2026"
#define EXPECT_WHEN "une date comme 2026-11-30 ou 30/11/2026, avec une heure si besoin " \
                    "(2026-11-30T14:00 ou 30/11/2026 14:00)"
#define EXPECT_DATETIME "une date et une heure comme 2026-11-30T14:00 ou 30/11/2026 14:00"
#define EXPECT_TIME "une heure comme 09:00, 9:00, 9h ou 9h30"

/* The problem for a date that does not exist ("31/11/2026"). */
static void no_such_day(struct ctx *c, const struct el *e, enum attr a, const struct when *w,
                        const char *expected)
{
    char q[MAX_QUOTE + 8];

    feed_problem(c->d, e->line, FEED_ERROR,
                 "date « %s » non comprise (attribut %s de <%s>) : le %d %s %d "
                 "n’existe pas, %s n’a que %d jours — "
                 "attendu %s ; %s", quote(e->v[a], q, sizeof(q)), e->written[a],
                 elems[e->kind].names[0], w->day.d, frdate_month(w->day.m), w->day.y,
                 frdate_month(w->day.m), days_in_month(w->day.y, w->day.m), expected,
                 elems[e->kind].skipped);
}

/* Reads attribute a as a date, a time or both into *w. Returns 0; 1 when
 * absent; -1 after a problem (the item is skipped) when it cannot be read or
 * is not of an accepted kind (mask of 1 << enum when_kind). word ("date",
 * "heure") and expected say what was asked for. */
static int get_when(struct ctx *c, const struct el *e, enum attr a, unsigned kinds,
                    const char *word, const char *expected, struct when *w)
{
    if (e->v[a] == NULL)
        return 1;
    *w = parse_when(e->v[a]);
    if (w->kind == W_NOT_A_DAY) {
        no_such_day(c, e, a, w, expected);
        return -1;
    }
    if (w->kind == W_BAD || !(kinds & BIT(w->kind))) {
        bad_value(c, e, a, w->kind == W_TIME ? "heure" : word, "comprise", expected, 1);
        return -1;
    }
    return 0;
}

/* Reads du and au into the item's validity: a date alone is its midnight
 * for du and the end of its day for au. Returns 0, or -1 after a problem. */
static int get_validity(struct ctx *c, const struct el *e, time_t *from, time_t *until)
{
    struct when w;
    int rc;

    *from = *until = 0;
    rc = get_when(c, e, A_DU, BIT(W_DATE) | BIT(W_DATETIME), "date", EXPECT_WHEN, &w);
    if (rc < 0)
        return -1;
    if (rc == 0)
        *from = w.t;
    rc = get_when(c, e, A_AU, BIT(W_DATE) | BIT(W_DATETIME), "date", EXPECT_WHEN, &w);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        *until = w.kind == W_DATE ? caltime_add_days(w.t, 1) : w.t;
        if (*until == (time_t)-1)
            *until = 0;     /* the end of year 9999: open */
    }
    if (*from != 0 && *until != 0 && *until <= *from) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "la période du « %s » au « %s » est vide : au doit venir après du ; %s",
                     e->v[A_DU], e->v[A_AU], elems[e->kind].skipped);
        return -1;
    }
    return 0;
}

/* Reads "#RRGGBB"; returns the colour or -1. */
static int32_t parse_colour(const char *s)
{
    int32_t v = 0;

    if (s[0] != '#' || strlen(s) != 7)
        return -1;
    for (int i = 1; i < 7; i++) {
        int c = ascii_lower((unsigned char)s[i]);

        if (c >= '0' && c <= '9')
            v = v * 16 + (c - '0');
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + (c - 'a' + 10);
        else
            return -1;
    }
    return v;
}

/* Fills what every item shares: type, line, partner and colour (the element's
 * or the document's), and drops a colour or a link that cannot be used. */
static void common(struct ctx *c, const struct el *e, enum feed_item_type type,
                   struct feed_item *it)
{
    memset(it, 0, sizeof(*it));
    it->type = type;
    it->line = e->line;
    it->partner = e->v[A_PARTENAIRE] != NULL ? e->v[A_PARTENAIRE] : c->partner;
    it->colour = c->colour;
    if (e->v[A_COULEUR] != NULL) {
        int32_t col = parse_colour(e->v[A_COULEUR]);

        if (col < 0)
            bad_value(c, e, A_COULEUR, "couleur", "comprise",
                      "une couleur comme #2E7D32 (# et six chiffres ou lettres A à F)", 0);
        else
            it->colour = col;
    }
    if (e->v[A_LIEN] != NULL) {
        char *l = e->v[A_LIEN];
        int ok = strncmp(l, "https://", 8) == 0 || strncmp(l, "http://", 7) == 0 ||
                 strncmp(l, "mailto:", 7) == 0 || strncmp(l, "tel:", 4) == 0;

        for (const char *p = l; ok && *p != '\0'; p++)
            ok = !is_space(*p);
        if (ok && strlen(l) > (l[0] == 'h' ? 8 : 4))
            it->link = l;
        else
            bad_value(c, e, A_LIEN, "lien", "compris",
                      "une adresse complète comme https://exemple.fr/page, sans espace "
                      "(ou mailto:, tel:)", 0);
    }
}

/* Adds it to the document. Returns 0; 1 when HS_MAX_FEED_ITEMS is reached
 * (with a warning, once: the parse stops); 2 when feed_add_item refused it,
 * with a problem. Every reason it has to refuse an item is checked before,
 * but for memory: a refusal is then a lack of memory, yet it costs one item,
 * not the feed. */
static int add(struct ctx *c, const struct el *e, const struct feed_item *it)
{
    if (c->d->nitems >= HS_MAX_FEED_ITEMS) {
        if (!c->full)
            feed_problem(c->d, e->line, FEED_WARNING,
                         "plus de %d éléments (créneaux de chaque semaine "
                         "compris) : ceux à partir d’ici ne sont pas "
                         "affichés", HS_MAX_FEED_ITEMS);
        c->full = 1;
        return 1;
    }
    if (feed_add_item(c->d, it) != 0) {
        feed_problem(c->d, e->line, FEED_ERROR, "élément impossible à enregistrer ; %s",
                     elems[e->kind].skipped);
        return 2;
    }
    return 0;
}

/* A weekly slot: one item per occurrence whose start lies in [lo, hi) (du and
 * au; 0: open) and which overlaps the caller's window [from, to). Each
 * occurrence is made from its local date and hours, so that 09:00 stays
 * 09:00 across a DST change. Returns 1 when the document is full, else 0. */
static int add_weekly(struct ctx *c, const struct el *e, struct feed_item *it, int wday,
                      int h1, int m1, int h2, int m2, time_t lo, time_t hi)
{
    time_t begin = c->from, end = c->to;
    struct tm tm;
    long long day;

    if (lo != 0 && lo > begin)
        begin = lo;
    if (hi != 0 && hi < end)
        end = hi;
    if (begin >= end)
        return 0;
    /* A slot never crosses midnight: the first occurrence that can overlap
     * [begin, end) is on the day of begin or after. */
    caltime_local(begin, &tm);
    day = tm.tm_mday + (wday - (tm.tm_wday + 6) % 7 + 7) % 7;
    /* Each turn adds an item or ends the loop, except an occurrence that a
     * DST gap empties (once a year) or that ends before begin (the first):
     * HS_MAX_FEED_ITEMS bounds the turns. day stays far below INT_MAX. */
    for (int turns = 0; turns <= 2 * HS_MAX_FEED_ITEMS + 8; turns++, day += 7) {
        time_t s = caltime_make(tm.tm_year + 1900, tm.tm_mon + 1, (int)day, h1, m1);
        time_t f = caltime_make(tm.tm_year + 1900, tm.tm_mon + 1, (int)day, h2, m2);
        int rc;

        if (s == (time_t)-1 || f == (time_t)-1 || s >= end)
            break;
        if (f <= s || f <= begin || (lo != 0 && s < lo))
            continue;
        it->start = s;
        it->end = f;
        rc = add(c, e, it);
        if (rc != 0)
            return rc == 1;
    }
    return 0;
}

static int do_creneau(struct ctx *c, const struct el *e, char *text)
{
    struct feed_item it;
    struct when wd = {W_BAD, 0, {0, 0, 0}, 0, 0};
    int h1, m1, h2, m2, wday = -1;
    time_t lo, hi;

    if (e->v[A_JOUR] != NULL && e->v[A_DATE] != NULL) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "<creneau> a à la fois jour et date : écrivez jour pour "
                     "un créneau de chaque semaine, date pour un créneau qui "
                     "n’a lieu qu’une fois ; %s", elems[e->kind].skipped);
        return 0;
    }
    if (e->v[A_JOUR] == NULL && e->v[A_DATE] == NULL) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "<creneau> sans jour ni date : ajoutez jour=\"mardi\" (chaque semaine) ou "
                     "date=\"2026-12-01\" (une seule fois) ; %s", elems[e->kind].skipped);
        return 0;
    }
    if (e->v[A_JOUR] != NULL) {
        for (int i = 0; i < 7; i++)
            if (same_word(e->v[A_JOUR], weekdays[i]))
                wday = i;
        if (wday < 0) {
            const char *s = suggest(e->v[A_JOUR], weekdays, 7);
            char q[MAX_QUOTE + 8];

            feed_problem(c->d, e->line, FEED_ERROR,
                         "jour « %s » non compris%s%s%s — attendu lundi, "
                         "mardi, mercredi, jeudi, vendredi, samedi ou dimanche ; %s",
                         quote(e->v[A_JOUR], q, sizeof(q)), s ? " : vouliez-vous dire « " : "",
                         s ? s : "", s ? " » ?" : "", elems[e->kind].skipped);
            return 0;
        }
    } else if (get_when(c, e, A_DATE, BIT(W_DATE), "date", EXPECT_DATE, &wd) != 0) {
        return 0;
    }
    if (e->v[A_DEBUT] == NULL || e->v[A_FIN] == NULL) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "<creneau> sans %s : ajoutez debut=\"09:00\" fin=\"12:00\" ; %s",
                     e->v[A_DEBUT] == NULL ? (e->v[A_FIN] == NULL ? "heures" : "debut") : "fin",
                     elems[e->kind].skipped);
        return 0;
    }
    if (parse_time(e->v[A_DEBUT], &h1, &m1) != 0) {
        bad_value(c, e, A_DEBUT, "heure", "comprise", EXPECT_TIME, 1);
        return 0;
    }
    if (parse_time(e->v[A_FIN], &h2, &m2) != 0) {
        bad_value(c, e, A_FIN, "heure", "comprise", EXPECT_TIME, 1);
        return 0;
    }
    if (h2 * 60 + m2 <= h1 * 60 + m1) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "la fin (%s) n’est pas après le début (%s) : un "
                     "créneau commence et finit le même jour ; %s",
                     e->v[A_FIN], e->v[A_DEBUT], elems[e->kind].skipped);
        return 0;
    }
    if (e->v[A_DATE] != NULL && (e->v[A_DU] != NULL || e->v[A_AU] != NULL))
        feed_problem(c->d, e->line, FEED_WARNING,
                     "du et au ne servent qu’aux créneaux de chaque semaine "
                     "(jour) : ils sont ignorés pour ce créneau daté");
    common(c, e, FEED_ITEM_SLOT, &it);
    it.title = text;
    it.location = e->v[A_LIEU];
    it.site = e->v[A_SITE];
    if (e->v[A_DATE] != NULL) {
        it.start = caltime_make(wd.day.y, wd.day.m, wd.day.d, h1, m1);
        it.end = caltime_make(wd.day.y, wd.day.m, wd.day.d, h2, m2);
        if (it.start == (time_t)-1 || it.end == (time_t)-1 || it.end <= it.start) {
            feed_problem(c->d, e->line, FEED_ERROR,
                         "ces heures n’existent pas le %s (passage à l’heure d’été) ; %s",
                         e->v[A_DATE], elems[e->kind].skipped);
            return 0;
        }
        return add(c, e, &it) == 1;
    }
    if (get_validity(c, e, &lo, &hi) != 0)
        return 0;
    return add_weekly(c, e, &it, wday, h1, m1, h2, m2, lo, hi);
}

/* The times of an event: a date with hours, debut and fin with their dates,
 * or whole days (a date alone, dates without hours, or journee="oui"). */
static int do_evenement(struct ctx *c, const struct el *e, char *text)
{
    const struct when none = {W_BAD, 0, {0, 0, 0}, 0, 0};
    const unsigned any = BIT(W_TIME) | BIT(W_DATE) | BIT(W_DATETIME);
    struct when date = none, start = none, fin = none;
    struct feed_item it;
    struct ymd first, last;
    const char *word, *expected;
    int has_date, has_start, has_fin, all_day = 0, rc;

    if (e->v[A_JOURNEE] != NULL) {
        if (same_word(e->v[A_JOURNEE], "oui"))
            all_day = 1;
        else if (!same_word(e->v[A_JOURNEE], "non"))
            bad_value(c, e, A_JOURNEE, "valeur", "comprise", "oui ou non", 0);
    }
    if ((rc = get_when(c, e, A_DATE, BIT(W_DATE), "date", EXPECT_DATE, &date)) < 0)
        return 0;
    has_date = rc == 0;
    /* With a date, debut and fin are hours; without, dates and hours. */
    word = has_date ? "heure" : "date";
    expected = has_date ? EXPECT_TIME : EXPECT_DATETIME;
    if ((rc = get_when(c, e, A_DEBUT, any, word, expected, &start)) < 0)
        return 0;
    has_start = rc == 0;
    if ((rc = get_when(c, e, A_FIN, any, word, expected, &fin)) < 0)
        return 0;
    has_fin = rc == 0;
    if (!has_date && !has_start) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "<evenement> sans date : ajoutez debut=\"2026-12-03T14:00\" "
                     "fin=\"2026-12-03T16:00\" (ou date=\"2026-12-03\" debut=\"14:00\" "
                     "fin=\"16:00\") ; %s", elems[e->kind].skipped);
        return 0;
    }
    if (has_date && ((has_start && start.kind != W_TIME) || (has_fin && fin.kind != W_TIME) ||
                     has_start != has_fin)) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "avec date=\"%s\", debut et fin sont deux heures : écrivez par exemple "
                     "debut=\"14:00\" fin=\"16:00\", ou rien pour toute la journée ; %s",
                     e->v[A_DATE], elems[e->kind].skipped);
        return 0;
    }
    if (!has_date && start.kind == W_TIME) {
        bad_value(c, e, A_DEBUT, "heure", "comprise sans date",
                  EXPECT_DATETIME " (ou ajoutez date=\"2026-12-03\")", 1);
        return 0;
    }
    common(c, e, FEED_ITEM_EVENT, &it);
    it.title = text;
    it.location = e->v[A_LIEU];
    it.registration = e->v[A_INSCRIPTION];
    /* A date without hours is the whole day, as in iCalendar. */
    if ((has_date && !has_start) || (!has_date && start.kind == W_DATE))
        all_day = 1;
    if (all_day) {
        first = has_date ? date.day : start.day;
        last = has_fin && fin.kind != W_TIME && !has_date ? fin.day : first;
        if ((has_start && start.kind != W_DATE) || (has_fin && fin.kind != W_DATE))
            feed_problem(c->d, e->line, FEED_WARNING,
                         "événement sur toute la journée : les heures sont ignorées");
        it.all_day = 1;
        it.start = caltime_make(first.y, first.m, first.d, 0, 0);
        it.end = caltime_make(last.y, last.m, last.d + 1, 0, 0);
    } else if (has_date) {
        it.start = caltime_make(date.day.y, date.day.m, date.day.d, start.h, start.mi);
        it.end = caltime_make(date.day.y, date.day.m, date.day.d, fin.h, fin.mi);
    } else {
        if (!has_fin) {
            feed_problem(c->d, e->line, FEED_ERROR,
                         "<evenement> sans fin : ajoutez par exemple fin=\"16:00\" ; %s",
                         elems[e->kind].skipped);
            return 0;
        }
        if (fin.kind == W_DATE) {
            bad_value(c, e, A_FIN, "date", "comprise sans heure",
                      "une heure (fin=\"16:00\") ou une date et une heure", 1);
            return 0;
        }
        it.start = start.t;
        it.end = fin.kind == W_TIME
                     ? caltime_make(start.day.y, start.day.m, start.day.d, fin.h, fin.mi)
                     : fin.t;
    }
    if (it.start == (time_t)-1 || it.end == (time_t)-1) {
        feed_problem(c->d, e->line, FEED_ERROR, "date hors des limites ; %s",
                     elems[e->kind].skipped);
        return 0;
    }
    if (it.end <= it.start) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "la fin (%s) n’est pas après le début (%s) ; %s",
                     has_fin ? e->v[A_FIN] : "?", has_start ? e->v[A_DEBUT] : e->v[A_DATE],
                     elems[e->kind].skipped);
        return 0;
    }
    return add(c, e, &it) == 1;
}

static int do_annonce(struct ctx *c, const struct el *e, char *text)
{
    struct feed_item it;
    char *title;
    int rc;

    if (e->v[A_TITRE] == NULL) {
        feed_problem(c->d, e->line, FEED_ERROR,
                     "<annonce> sans titre : ajoutez titre=\"...\" (le texte entre les balises "
                     "est le corps de l’annonce) ; %s", elems[e->kind].skipped);
        return 0;
    }
    title = utf8_clean(e->v[A_TITRE], strlen(e->v[A_TITRE]), HS_MAX_TEXT_BYTES);
    if (title == NULL) {
        c->oom = 1;
        return -1;
    }
    if (title[0] == '\0') {
        free(title);
        feed_problem(c->d, e->line, FEED_ERROR, "<annonce> avec un titre vide ; %s",
                     elems[e->kind].skipped);
        return 0;
    }
    common(c, e, FEED_ITEM_NOTICE, &it);
    it.title = title;
    it.summary = text[0] != '\0' ? text : NULL;
    it.image = e->v[A_IMAGE];
    if (e->v[A_PRIORITE] != NULL) {
        if (same_word(e->v[A_PRIORITE], "haute"))
            it.priority = 1;
        else if (same_word(e->v[A_PRIORITE], "urgente"))
            it.priority = 2;
        else if (!same_word(e->v[A_PRIORITE], "normale"))
            bad_value(c, e, A_PRIORITE, "priorité", "comprise",
                      "normale, haute ou urgente", 0);
    }
    if (get_validity(c, e, &it.valid_from, &it.valid_until) != 0) {
        free(title);
        return 0;
    }
    rc = add(c, e, &it) == 1;
    free(title);
    return rc;
}

/* <bandeau> and <urgence>: a text and its validity. */
static int do_message(struct ctx *c, const struct el *e, char *text,
                      enum feed_item_type type)
{
    struct feed_item it;

    common(c, e, type, &it);
    it.title = text;
    if (get_validity(c, e, &it.valid_from, &it.valid_until) != 0)
        return 0;
    return add(c, e, &it) == 1;
}

/* Reads one item element. Returns 0 to go on (also when the item was
 * skipped), 1 when the document is full, -1 when memory runs out. */
static int do_item(struct ctx *c, const xmlNode *n, enum elem kind)
{
    struct el e;
    char *raw = NULL, *text = NULL;
    int rc = -1;

    memset(&e, 0, sizeof(e));
    e.n = n;
    e.kind = kind;
    e.line = xml_line(n);
    if (read_attrs(c, &e) != 0)
        goto done;
    for (const xmlNode *k = n->children; k != NULL; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            feed_problem(c->d, xml_line(k), FEED_WARNING,
                         "balise <%s> dans <%s> : seul son texte est gardé (la mise en "
                         "forme n’est pas possible ici)", (const char *)k->name,
                         elems[kind].names[0]);
            break;
        }
    }
    raw = xml_text(n);
    if (raw == NULL)
        goto done;
    text = utf8_clean(raw, strlen(raw), HS_MAX_TEXT_BYTES);
    if (text == NULL)
        goto done;
    if (text[0] == '\0' && kind != E_ANNONCE) {
        const char *what = kind == E_CRENEAU ? "le nom de l’activité"
                           : kind == E_EVENEMENT ? "le titre" : "le texte";

        feed_problem(c->d, e.line, FEED_ERROR,
                     "<%s> sans texte : écrivez %s entre <%s> et </%s> ; %s",
                     elems[kind].names[0], what, elems[kind].names[0], elems[kind].names[0],
                     elems[kind].skipped);
        rc = 0;
        goto done;
    }
    switch (kind) {
    case E_CRENEAU: rc = do_creneau(c, &e, text); break;
    case E_EVENEMENT: rc = do_evenement(c, &e, text); break;
    case E_ANNONCE: rc = do_annonce(c, &e, text); break;
    case E_BANDEAU: rc = do_message(c, &e, text, FEED_ITEM_TICKER); break;
    case E_URGENCE: rc = do_message(c, &e, text, FEED_ITEM_URGENT); break;
    case E_ROOT:
    case E_COUNT: rc = 0; break;
    }

done:
    if (rc < 0)
        c->oom = 1;
    free(text);
    free(raw);
    el_free(&e);
    return rc;
}

static void unknown_elem(struct ctx *c, const xmlNode *n)
{
    static const char *const names[] = {"creneau", "evenement", "annonce", "bandeau",
                                        "urgence"};
    const char *name = (const char *)n->name;
    const char *s = n->ns == NULL ? suggest(name, names, 5) : NULL;
    char q[MAX_QUOTE + 8];

    if (s != NULL)
        feed_problem(c->d, xml_line(n), FEED_WARNING,
                     "élément <%s> inconnu : vouliez-vous dire <%s> ? Il est "
                     "ignoré", quote(name, q, sizeof(q)), s);
    else
        feed_problem(c->d, xml_line(n), FEED_WARNING,
                     "élément <%s>%s inconnu : il est ignoré ("
                     "éléments possibles : creneau, evenement, annonce, bandeau, urgence)",
                     quote(name, q, sizeof(q)),
                     n->ns != NULL ? " (avec un espace de noms)" : "");
}

/* Reads <hallscreen>'s own attributes into c and d. Returns 0, or -1 when
 * memory runs out. */
static int read_root(struct ctx *c, const xmlNode *root, struct el *e)
{
    char q[MAX_QUOTE + 8];

    e->n = root;
    e->kind = E_ROOT;
    e->line = xml_line(root);
    if (read_attrs(c, e) != 0)
        return -1;
    if (e->v[A_VERSION] == NULL)
        feed_problem(c->d, e->line, FEED_WARNING,
                     "ajoutez version=\"1\" à <hallscreen> : le fichier est lu comme "
                     "la version 1 du format");
    else if (strcmp(e->v[A_VERSION], "1") != 0)
        feed_problem(c->d, e->line, FEED_WARNING,
                     "version « %.20s » inconnue : ce lecteur comprend la version 1 "
                     "et lit le fichier comme tel", quote(e->v[A_VERSION], q, sizeof(q)));
    c->partner = e->v[A_PARTENAIRE];
    if (e->v[A_PARTENAIRE] != NULL && feed_set_title(c->d, e->v[A_PARTENAIRE]) != 0)
        return -1;
    if (e->v[A_COULEUR] != NULL) {
        c->colour = parse_colour(e->v[A_COULEUR]);
        if (c->colour < 0)
            bad_value(c, e, A_COULEUR, "couleur", "comprise",
                      "une couleur comme #2E7D32 (# et six chiffres ou lettres A à F)", 0);
    }
    return 0;
}

/* Returns 1 when the text node n holds only white space. */
static int blank(const xmlNode *n)
{
    for (const char *p = (const char *)n->content; p != NULL && *p != '\0'; p++)
        if (!is_space(*p))
            return 0;
    return 1;
}

/* Returns the line where the text node n has its first visible character.
 * libxml2 gives a text node the line where the parser stood when it stored
 * it, the end of the text or of its first chunk: count back from the next
 * element's line instead, when there is one. */
static int text_line(const xmlNode *n)
{
    const char *p = (const char *)n->content;
    int base, after = 0;

    if (n->next == NULL || n->next->type != XML_ELEMENT_NODE || p == NULL)
        return xml_line(n);
    base = xml_line(n->next);
    while (*p != '\0' && is_space(*p))
        p++;
    for (; *p != '\0'; p++)
        after += *p == '\n';
    return base - after >= 1 ? base - after : xml_line(n);
}

struct feed_doc *hsxml_parse(const char *buf, size_t len, time_t from, time_t to)
{
    struct ctx c = {NULL, from, to, NULL, -1, 0, 0};
    struct el root_el;
    xmlDocPtr doc = NULL;
    const xmlNode *root;
    int warned_text = 0;

    memset(&root_el, 0, sizeof(root_el));
    c.d = feed_doc_new();
    if (c.d == NULL)
        return NULL;
    c.d->format = FEED_FORMAT_HALLSCREEN;
    doc = xml_read(buf != NULL ? buf : "", buf != NULL ? len : 0, c.d);
    if (doc == NULL)
        goto done;
    root = xmlDocGetRootElement(doc);
    if (!xml_is(root, NULL, "hallscreen")) {
        if (xml_is(root, XML_ANY_NS, "hallscreen"))
            feed_problem(c.d, xml_line(root), FEED_ERROR,
                         "<hallscreen> n’a pas d’espace de noms : "
                         "retirez l’attribut xmlns");
        else
            feed_problem(c.d, xml_line(root), FEED_ERROR,
                         "le document commence par <%.40s> : un fichier hallscreen commence "
                         "par <hallscreen version=\"1\">", root ? (const char *)root->name : "");
        goto done;
    }
    c.d->usable = 1;
    if (read_root(&c, root, &root_el) != 0) {
        c.oom = 1;
        goto done;
    }
    for (const xmlNode *n = root->children; n != NULL && !c.full; n = n->next) {
        int kind;

        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && !blank(n) &&
            !warned_text++)
            feed_problem(c.d, text_line(n), FEED_WARNING,
                         "du texte est écrit hors des éléments : il est "
                         "ignoré (mettez-le dans un <bandeau> ou une <annonce>)");
        if (n->type != XML_ELEMENT_NODE)
            continue;
        kind = n->ns == NULL ? elem_lookup((const char *)n->name) : -1;
        if (kind < 0) {
            unknown_elem(&c, n);
            continue;
        }
        if (do_item(&c, n, (enum elem)kind) < 0)
            break;
    }

done:
    el_free(&root_el);
    if (doc != NULL)
        xmlFreeDoc(doc);
    if (c.oom) {
        feed_doc_free(c.d);
        return NULL;
    }
    return c.d;
}

/* --- validation -------------------------------------------------------------- */

struct schema_errors {
    struct feed_doc *d;
    int count;
    int root_line;
    int last_line;
    char last[200];
};

static void ignore_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* One problem per line for libxml2's validity errors: the first is the
 * precise one ("Invalid attribute jour for element creneau"); what follows on
 * the same line is its cascade ("Element creneau failed to validate ..."). */
static void on_schema_error(void *ctx, xmlErrorPtr e)
{
    struct schema_errors *se = ctx;
    char msg[sizeof(se->last)];
    size_t n;
    int line;

    if (e == NULL || e->level < XML_ERR_ERROR)
        return;
    n = e->message != NULL ? strlen(e->message) : 0;
    if (n >= sizeof(msg))
        n = sizeof(msg) - 1;
    memcpy(msg, e->message != NULL ? e->message : "", n);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    msg[n] = '\0';
    line = e->line;
    if (line <= 0 && e->node != NULL)
        line = xml_line(e->node);
    /* libxml2 gives no node for some errors of the root's attributes. */
    if (line <= 0 && strncmp(msg, "Element hallscreen ", 19) == 0)
        line = se->root_line;
    if (line == se->last_line && (line > 0 || strcmp(msg, se->last) == 0))
        return;
    se->last_line = line;
    memcpy(se->last, msg, n + 1);
    se->count++;
    feed_problem(se->d, line, FEED_ERROR, "le document ne suit pas le schéma : %s", msg);
}

int hsxml_validate(const char *buf, size_t len, struct feed_doc *d)
{
    xmlRelaxNGParserCtxtPtr pctxt = NULL;
    xmlRelaxNGPtr schema = NULL;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    xmlDocPtr doc = NULL;
    struct feed_doc *reading = NULL;
    struct schema_errors se;
    int rc = -1;

    memset(&se, 0, sizeof(se));
    se.d = d;
    se.last_line = -1;
    xml_global_init();
    /* What reading finds, hsxml_parse has said already: it is passed on only
     * when the document cannot be read, to say why. */
    reading = feed_doc_new();
    if (reading == NULL)
        goto done;
    doc = xml_read(buf != NULL ? buf : "", buf != NULL ? len : 0, reading);
    if (doc == NULL) {
        for (size_t i = 0; i < reading->nproblems; i++)
            feed_problem(d, reading->problems[i].line, reading->problems[i].severity, "%s",
                         reading->problems[i].message);
        goto done;
    }
    se.root_line = xml_line(xmlDocGetRootElement(doc));
    if (hsxml_schema_len > INT32_MAX)
        goto done;
    pctxt = xmlRelaxNGNewMemParserCtxt(hsxml_schema, (int)hsxml_schema_len);
    if (pctxt == NULL)
        goto done;
    xmlRelaxNGSetParserStructuredErrors(pctxt, ignore_error, NULL);
    schema = xmlRelaxNGParse(pctxt);
    if (schema == NULL) {
        feed_problem(d, 0, FEED_ERROR, "le schéma intégré est illisible "
                     "(erreur du programme, pas du fichier)");
        goto done;
    }
    vctxt = xmlRelaxNGNewValidCtxt(schema);
    if (vctxt == NULL)
        goto done;
    xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, &se);
    rc = xmlRelaxNGValidateDoc(vctxt, doc) == 0 ? 1 : 0;
    /* libxml2 may fail (an internal error) or refuse without saying why. */
    if (rc == 0 && se.count == 0)
        feed_problem(d, 0, FEED_ERROR, "le document ne suit pas le schéma");

done:
    if (vctxt != NULL)
        xmlRelaxNGFreeValidCtxt(vctxt);
    if (schema != NULL)
        xmlRelaxNGFree(schema);
    if (pctxt != NULL)
        xmlRelaxNGFreeParserCtxt(pctxt);
    if (doc != NULL)
        xmlFreeDoc(doc);
    feed_doc_free(reading);
    return rc;
}
