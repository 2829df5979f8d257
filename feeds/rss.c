/* RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 (RFC 4287), read from the
 * tree xml_read builds, the way aggregators read them rather than the way
 * the specifications write them: core elements are matched by local name
 * when they carry no prefix (some feeds give RSS 2.0 a default namespace),
 * items are taken inside or beside the channel, and a broken item costs
 * that item, or a field of it, with a problem that names its line. */
#include "rss.h"

#include <stdlib.h>
#include <string.h>

#include "../content/caltime.h"
#include "../content/utf8.h"
#include "date.h"
#include "html.h"
#include "xml.h"

#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
#define NS_EV "http://purl.org/rss/1.0/modules/event/"
#define NS_XCAL "urn:ietf:params:xml:ns:xcal"
#define NS_XCAL_RFC6321 "urn:ietf:params:xml:ns:icalendar-2.0"

/* Characters of a description that stand in for a missing title. */
#define TITLE_FROM_TEXT 100
/* Bytes of one HTML description given to the HTML parser: an item keeps
 * HS_MAX_TEXT_BYTES of text, and markup rarely outweighs text 60 to 1. */
/* Bytes of document text quoted in a problem. */
#define QUOTE_BYTES 60
/* An event given only a start lasts this long: the model needs an end after
 * the start, and an hour keeps it shown as "in progress" for a plausible
 * while rather than not at all. */
#define EVENT_DEFAULT_SECS 3600

/* Ranks of the pictures an item may offer, best first. */
enum image_rank { IMG_ENCLOSURE, IMG_MEDIA, IMG_THUMBNAIL, IMG_HTML, IMG_NONE };

struct reader {
    struct feed_doc *d;
    int full;                  /* HS_MAX_FEED_ITEMS reached: the rest is skipped */
    char *feed_author;         /* Atom: the feed's author, for entries without one */
};

/* What an item becomes, before feed_add_item copies it. */
struct entry {
    int line;
    char *title, *summary, *link, *image, *location, *partner;
    enum image_rank image_rank;
    time_t published, start, end;
    int all_day;
};

/* The elements of the modules every format may carry: the RSS event module
 * and xCal (RFC 6321, or the older draft's "urn:ietf:params:xml:ns:xcal").
 * Media RSS goes straight into the entry's picture. */
struct modules {
    xmlNode *ev_start, *ev_end, *ev_location, *ev_organizer;
    xmlNode *x_start, *x_end, *x_location, *x_summary;
};

/* --- small helpers ------------------------------------------------------ */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Returns 1 when s starts with the lower-case ASCII prefix w, ignoring case. */
static int starts_nocase(const char *s, const char *w)
{
    for (; *w != '\0'; s++, w++)
        if (lower(*s) != *w)
            return 0;
    return 1;
}

/* Trims ASCII white space off both ends of s, in place. Returns s. */
static char *trim(char *s)
{
    size_t a = 0, n;

    if (s == NULL)
        return NULL;
    n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    while (a < n && is_space(s[a]))
        a++;
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
    return s;
}

/* Returns the trimmed text of n, NULL when n is NULL or memory runs out.
 * Caller frees. */
static char *text_of(const xmlNode *n)
{
    return n != NULL ? trim(xml_text(n)) : NULL;
}

/* Frees s and returns NULL when nothing of it would survive utf8_clean
 * (white space, controls, no-break spaces); else returns s. */
static char *drop_blank(char *s)
{
    char *c;
    int blank;

    if (s == NULL)
        return NULL;
    c = utf8_clean(s, strlen(s), 8);
    blank = c == NULL || c[0] == '\0';
    free(c);
    if (blank) {
        free(s);
        return NULL;
    }
    return s;
}

/* Returns 1 when namespace ns is href; a missing or extra final '/' is
 * forgiven ("http://search.yahoo.com/mrss" is common). */
static int ns_is(const xmlNs *ns, const char *href)
{
    size_t a, b;

    if (ns == NULL || ns->href == NULL)
        return 0;
    a = strlen((const char *)ns->href);
    b = strlen(href);
    if (a > 0 && ns->href[a - 1] == '/')
        a--;
    if (b > 0 && href[b - 1] == '/')
        b--;
    return a == b && memcmp(ns->href, href, a) == 0;
}

/* An element of RSS itself: no namespace, a default namespace (whatever
 * it is), or RSS 1.0's or 0.90's. Extension elements always have a prefix. */
static int is_rss(const xmlNode *n, const char *name)
{
    if (!xml_is(n, XML_ANY_NS, name))
        return 0;
    return n->ns == NULL || n->ns->prefix == NULL || ns_is(n->ns, NS_RSS1) ||
           ns_is(n->ns, NS_RSS090);
}

/* An element of Atom: its namespace (1.0 or 0.3), under any prefix, or no
 * namespace or a default one. */
static int is_atom(const xmlNode *n, const char *name)
{
    if (!xml_is(n, XML_ANY_NS, name))
        return 0;
    return n->ns == NULL || n->ns->prefix == NULL || ns_is(n->ns, NS_ATOM) ||
           ns_is(n->ns, NS_ATOM03);
}

static int is_xcal(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           (ns_is(n->ns, NS_XCAL) || ns_is(n->ns, NS_XCAL_RFC6321));
}

/* The screen fetches only web pictures and shows only web links. */
static int is_http(const char *s)
{
    return s != NULL && ((starts_nocase(s, "http://") && s[7] != '\0') ||
                         (starts_nocase(s, "https://") && s[8] != '\0'));
}

/* Returns 1 when the path of url ends like a picture SDL_image reads. */
static int image_extension(const char *url)
{
    static const char *const exts[] = {".jpg", ".jpeg", ".png"};
    size_t n = strcspn(url, "?#");

    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        size_t k = strlen(exts[i]);

        if (n >= k && starts_nocase(url + n - k, exts[i]))
            return 1;
    }
    return 0;
}

/* Returns 1 when the value of attribute name of n starts with prefix
 * (lower case), ignoring case. */
static int attr_starts(const xmlNode *n, const char *name, const char *prefix)
{
    char *v = trim(xml_attr(n, name));
    int ok = v != NULL && starts_nocase(v, prefix);

    free(v);
    return ok;
}

/* Copies s (or its first QUOTE_BYTES bytes, cut at a code point, with an
 * ellipsis) into q for a problem message. */
static const char *quote(const char *s, char *q, size_t n)
{
    size_t len = s != NULL ? strlen(s) : 0;

    if (len + 1 <= n && len <= QUOTE_BYTES) {
        memcpy(q, s != NULL ? s : "", len + 1);
        return q;
    }
    len = QUOTE_BYTES < n - 4 ? QUOTE_BYTES : n - 4;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    memcpy(q, s, len);
    memcpy(q + len, "\xE2\x80\xA6", 4);      /* U+2026 */
    return q;
}

/* Returns html_to_text of the first HS_MAX_HTML_BYTES of s (cut at a code
 * point), or NULL when s is NULL, the text is blank, or memory runs out.
 * When image is not NULL, *image is the first picture of the same parse. */
static char *html_text(const char *s, char **image)
{
    size_t n;

    if (s == NULL)
        return NULL;
    n = strlen(s);
    if (n > HS_MAX_HTML_BYTES) {
        n = HS_MAX_HTML_BYTES;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return drop_blank(html_to_text_image(s, n, image));
}

/* Returns 1 when s holds markup ("<b>") or an entity reference
 * ("&eacute;", "&#233;"): an RSS title escaped twice by its publisher,
 * which only html_to_text decodes. A lone '<' or '&' is plain text. */
static int has_markup(const char *s)
{
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '<' && (is_alpha(p[1]) || p[1] == '/' || p[1] == '!'))
            return 1;
        if (*p == '&') {
            const char *q = p + 1;
            int n = 0;

            if (*q == '#')
                q++;
            while ((is_alpha(*q) || (*q >= '0' && *q <= '9')) && n < 32) {
                q++;
                n++;
            }
            if (n > 0 && *q == ';')
                return 1;
        }
    }
    return 0;
}

/* The first TITLE_FROM_TEXT characters of text, cut after a word when one
 * ends in the second half, with an ellipsis when cut. Caller frees. */
static char *excerpt(const char *text)
{
    size_t len = strlen(text), pos = 0, space = 0, chars = 0;
    char *out;

    while (pos < len && chars < TITLE_FROM_TEXT) {
        size_t k = utf8_seq_len(text + pos, len - pos);

        if (is_space(text[pos]) && chars >= TITLE_FROM_TEXT / 2)
            space = pos;
        pos += k > 0 ? k : 1;
        chars++;
    }
    if (pos >= len)
        return strdup(text);
    if (space > 0)
        pos = space;
    out = malloc(pos + 4);
    if (out == NULL)
        return NULL;
    memcpy(out, text, pos);
    memcpy(out + pos, "\xE2\x80\xA6", 4);    /* U+2026 */
    return out;
}

/* "jean@example.org (Jean Dupont)", RSS 2.0's author, gives "Jean Dupont";
 * a bare address gives NULL: it is not a name to show in a hall. Takes s. */
static char *author_name(char *s)
{
    char *open, *close;

    if (s == NULL)
        return NULL;
    open = strchr(s, '(');
    close = open != NULL ? strrchr(open, ')') : NULL;
    if (close != NULL && strchr(s, '@') != NULL) {
        *close = '\0';
        memmove(s, open + 1, (size_t)(close - open));
        return drop_blank(trim(s));
    }
    if (strchr(s, '@') != NULL && strchr(s, ' ') == NULL) {
        free(s);
        return NULL;
    }
    return drop_blank(s);
}

/* --- the parts of an item ----------------------------------------------- */

static void entry_free(struct entry *e)
{
    free(e->title);
    free(e->summary);
    free(e->link);
    free(e->image);
    free(e->location);
    free(e->partner);
}

/* Takes url (owned) as e's picture when it is a web address and ranks
 * better than the one e has. */
static void offer_image(struct entry *e, char *url, enum image_rank rank)
{
    if (url != NULL && is_http(trim(url)) && rank < e->image_rank) {
        free(e->image);
        e->image = url;
        e->image_rank = rank;
        return;
    }
    free(url);
}

/* Takes link (owned) as e's link when e has none and it is a web address. */
static void offer_link(struct entry *e, char *link)
{
    if (e->link == NULL && is_http(trim(link))) {
        e->link = link;
        return;
    }
    free(link);
}

/* RSS 2.0's <enclosure url type length>: a picture when its type or its
 * name says so. */
static void read_enclosure(struct entry *e, const xmlNode *n)
{
    char *url;

    if (e->image_rank <= IMG_ENCLOSURE)
        return;
    url = trim(xml_attr(n, "url"));
    if (url != NULL && (attr_starts(n, "type", "image/") || image_extension(url)))
        offer_image(e, url, IMG_ENCLOSURE);
    else
        free(url);
}

/* Media RSS: <media:content url medium type>, <media:thumbnail url>, and
 * both inside <media:group>. */
static void read_media(struct entry *e, const xmlNode *n)
{
    if (xml_is(n, XML_ANY_NS, "content") && e->image_rank > IMG_MEDIA) {
        char *url = trim(xml_attr(n, "url")), *medium = trim(xml_attr(n, "medium")),
             *type = trim(xml_attr(n, "type"));
        int image = (medium != NULL && strcmp(medium, "image") == 0) ||
                    (type != NULL && starts_nocase(type, "image/")) ||
                    (medium == NULL && type == NULL && url != NULL && image_extension(url));

        free(medium);
        free(type);
        if (image)
            offer_image(e, url, IMG_MEDIA);
        else
            free(url);
    } else if (xml_is(n, XML_ANY_NS, "thumbnail") && e->image_rank > IMG_THUMBNAIL) {
        offer_image(e, xml_attr(n, "url"), IMG_THUMBNAIL);
    } else if (xml_is(n, XML_ANY_NS, "group")) {
        for (const xmlNode *c = n->children; c != NULL; c = c->next)
            if (c->type == XML_ELEMENT_NODE && c->ns != NULL && ns_is(c->ns, NS_MEDIA) &&
                !xml_is(c, XML_ANY_NS, "group"))
                read_media(e, c);
    }
}

/* Notes the first dtstart, dtend, location and summary in the subtree of
 * top, whatever the nesting: the draft's flat <xCal:dtstart> as well as RFC
 * 6321's vcalendar/components/vevent/properties. Iterative. */
static void find_xcal(xmlNode *top, struct modules *m)
{
    xmlNode *n = top;

    while (n != NULL) {
        if (is_xcal(n)) {
            if (m->x_start == NULL && xml_is(n, XML_ANY_NS, "dtstart"))
                m->x_start = n;
            else if (m->x_end == NULL && xml_is(n, XML_ANY_NS, "dtend"))
                m->x_end = n;
            else if (m->x_location == NULL && xml_is(n, XML_ANY_NS, "location"))
                m->x_location = n;
            else if (m->x_summary == NULL && xml_is(n, XML_ANY_NS, "summary"))
                m->x_summary = n;
        }
        if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
            n = n->children;
            continue;
        }
        while (n != top && n->next == NULL)
            n = n->parent;
        if (n == top)
            break;
        n = n->next;
    }
}

/* The value of an xCal property: RFC 6321 section 3.4 puts it in a child
 * named by its type (<date-time>, <date>, <text>...), beside <parameters>;
 * the older draft writes it as the property's text. Parameters are not
 * read: a time without "Z" is the screen's local time, TZID or not (a
 * partner's feed and its screen share a zone). */
static const xmlNode *xcal_value(const xmlNode *prop)
{
    static const char *const types[] = {"date-time", "date", "text", "uri", "cal-address"};

    for (const xmlNode *c = prop->children; c != NULL; c = c->next)
        for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
            if (xml_is(c, XML_ANY_NS, types[i]))
                return c;
    return prop;
}

/* Reads child c of an item when it belongs to a module every format may
 * carry (Media RSS, the event module, xCal). Returns 1 when it did. */
static int read_module(struct entry *e, struct modules *m, xmlNode *c)
{
    if (c->ns == NULL)
        return 0;
    if (ns_is(c->ns, NS_MEDIA)) {
        read_media(e, c);
        return 1;
    }
    if (ns_is(c->ns, NS_EV)) {
        if (m->ev_start == NULL && xml_is(c, XML_ANY_NS, "startdate"))
            m->ev_start = c;
        else if (m->ev_end == NULL && xml_is(c, XML_ANY_NS, "enddate"))
            m->ev_end = c;
        else if (m->ev_location == NULL && xml_is(c, XML_ANY_NS, "location"))
            m->ev_location = c;
        else if (m->ev_organizer == NULL && xml_is(c, XML_ANY_NS, "organizer"))
            m->ev_organizer = c;
        return 1;
    }
    if (is_xcal(c)) {
        find_xcal(c, m);
        return 1;
    }
    return 0;
}

/* Parses the date in element n into *out; a date that does not parse is a
 * warning at n's line and leaves *out at 0. Returns 0 when the date was
 * read, -1 otherwise. */
static int read_date(struct reader *r, const xmlNode *n, const char *what, time_t *out,
                     int *date_only)
{
    char q[QUOTE_BYTES + 4];
    char *s = text_of(n);
    int rc = -1;

    *out = 0;
    if (s == NULL)
        return -1;
    if (date_parse(s, out, date_only) == 0)
        rc = 0;
    else
        feed_problem(r->d, xml_line(n), FEED_WARNING, "%s « %s » non comprise — attendu %s",
                     what, quote(s, q, sizeof(q)), date_hint());
    free(s);
    return rc;
}

/* Adds secs to t, or returns 0 when time_t cannot hold the sum. */
static time_t add_secs(time_t t, long long secs)
{
    long long v = (long long)t + secs;
    time_t u = (time_t)v;

    return (long long)u == v ? u : 0;
}

/* Sets e's start and end from the elements start and end (end may be
 * NULL). A date without a time of day makes an all-day event from local
 * midnight; end_inclusive says that a date-only end names the last day (the
 * event module, written by people) rather than the day after it (xCal, as
 * RFC 5545 section 3.6.1 has DTEND). Dates that do not make an interval
 * leave the item without event dates, with a warning. */
static void read_event(struct reader *r, struct entry *e, const xmlNode *start,
                       const xmlNode *end, int end_inclusive)
{
    time_t s, t = 0;
    int s_date_only = 0, t_date_only = 0;

    if (start == NULL) {
        if (end != NULL)
            feed_problem(r->d, xml_line(end), FEED_WARNING,
                         "date de fin d’événement sans date de début : ignorée ; "
                         "ajoutez la date de début");
        return;
    }
    if (read_date(r, start, "date de début", &s, &s_date_only) != 0)
        return;
    if (end != NULL && read_date(r, end, "date de fin", &t, &t_date_only) != 0)
        end = NULL;
    if (end == NULL)
        t = s_date_only ? caltime_add_days(s, 1) : add_secs(s, EVENT_DEFAULT_SECS);
    else if (t_date_only && end_inclusive)
        t = caltime_add_days(t, 1);
    if (t <= s) {
        char qs[QUOTE_BYTES + 4], qt[QUOTE_BYTES + 4];
        char *ss = text_of(start), *ts = text_of(end);

        feed_problem(r->d, xml_line(end != NULL ? end : start), FEED_WARNING,
                     "l’événement finit (« %s ») avant d’avoir commencé (« %s ») : ses dates "
                     "sont ignorées ; vérifiez la date de fin",
                     quote(ts, qt, sizeof(qt)), quote(ss, qs, sizeof(qs)));
        free(ss);
        free(ts);
        return;
    }
    e->start = s;
    e->end = t;
    e->all_day = s_date_only && (end == NULL || t_date_only);
}

/* The event dates, place and organiser of the modules, the event module
 * first. */
static void read_modules(struct reader *r, struct entry *e, const struct modules *m)
{
    if (m->ev_start != NULL || m->ev_end != NULL) {
        read_event(r, e, m->ev_start, m->ev_end, 1);
    } else if (m->x_start != NULL || m->x_end != NULL) {
        read_event(r, e, m->x_start != NULL ? xcal_value(m->x_start) : NULL,
                   m->x_end != NULL ? xcal_value(m->x_end) : NULL, 0);
    }
    if (m->ev_location != NULL)
        e->location = drop_blank(text_of(m->ev_location));
    if (e->location == NULL && m->x_location != NULL)
        e->location = drop_blank(text_of(xcal_value(m->x_location)));
    if (m->ev_organizer != NULL) {
        char *org = drop_blank(text_of(m->ev_organizer));

        if (org != NULL) {
            free(e->partner);
            e->partner = org;
        }
    }
}

/* Sets e's title from the start of its summary when it has none (with a
 * warning), or says the item is skipped. Returns 0 when e has a title. */
static int need_title(struct reader *r, struct entry *e, const char *element)
{
    if (e->title != NULL)
        return 0;
    if (e->summary == NULL) {
        feed_problem(r->d, e->line, FEED_ERROR,
                     "article sans titre ni description : ignoré ; ajoutez un <%s>", element);
        return -1;
    }
    e->title = excerpt(e->summary);
    if (e->title == NULL)
        return -1;
    feed_problem(r->d, e->line, FEED_WARNING,
                 "article sans titre : le début de sa description en tient lieu ; ajoutez "
                 "un <%s>", element);
    return 0;
}

static void add_entry(struct reader *r, const struct entry *e)
{
    struct feed_item it;

    memset(&it, 0, sizeof(it));
    it.type = FEED_ITEM_ENTRY;
    it.line = e->line;
    it.title = e->title;
    it.summary = e->summary;
    it.link = e->link;
    it.image = e->image;
    it.location = e->location;
    it.partner = e->partner;
    it.published = e->published;
    it.start = e->start;
    it.end = e->end;
    it.all_day = e->all_day;
    it.colour = -1;
    if (feed_add_item(r->d, &it) != 0)
        feed_problem(r->d, e->line, FEED_ERROR, "article non lu : mémoire insuffisante");
}

/* Returns 1 when an item may still be added; else says once that the rest
 * of the feed is skipped. */
static int has_room(struct reader *r, const xmlNode *item)
{
    if (r->full)
        return 0;
    if (r->d->nitems < HS_MAX_FEED_ITEMS)
        return 1;
    r->full = 1;
    feed_problem(r->d, xml_line(item), FEED_WARNING,
                 "le flux a plus de %d articles : les suivants sont ignorés",
                 HS_MAX_FEED_ITEMS);
    return 0;
}

/* Returns 1 when HTML s may hold a picture, before parsing it again. */
static int has_img(const char *s)
{
    for (; s != NULL && (s = strchr(s, '<')) != NULL; s++)
        if (starts_nocase(s + 1, "img"))
            return 1;
    return 0;
}

/* --- RSS 2.0, 0.9x and 1.0 ----------------------------------------------- */

/* An RSS title is plain text, but publishers escape it twice or put tags
 * in it; see has_markup. */
static char *rss_title(const xmlNode *n)
{
    char *t = text_of(n), *h;

    if (t == NULL || !has_markup(t))
        return drop_blank(t);
    h = html_text(t, NULL);
    free(t);
    return h;
}

/* The RSS children of an item this reader uses: the first of each. */
struct rss_item {
    xmlNode *title, *description, *encoded, *link, *guid, *pub_date, *dc_date, *author,
        *creator;
};

static void rss_item(struct reader *r, xmlNode *item)
{
    struct rss_item n;
    struct modules m;
    struct entry e;
    char *desc = NULL, *encoded = NULL, *img = NULL;

    memset(&n, 0, sizeof(n));
    memset(&m, 0, sizeof(m));
    memset(&e, 0, sizeof(e));
    e.line = xml_line(item);
    e.image_rank = IMG_NONE;
    for (xmlNode *c = item->children; c != NULL; c = c->next) {
        xmlNode **slot = NULL;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_rss(c, "title"))
            slot = &n.title;
        else if (is_rss(c, "description"))
            slot = &n.description;
        else if (is_rss(c, "link"))
            slot = &n.link;
        else if (is_rss(c, "guid"))
            slot = &n.guid;
        else if (is_rss(c, "pubDate"))
            slot = &n.pub_date;
        else if (is_rss(c, "author"))
            slot = &n.author;
        else if (is_rss(c, "enclosure"))
            read_enclosure(&e, c);
        else if (xml_is(c, NS_DC, "date"))
            slot = &n.dc_date;
        else if (xml_is(c, NS_DC, "creator"))
            slot = &n.creator;
        else if (xml_is(c, NS_CONTENT, "encoded"))
            slot = &n.encoded;
        else
            read_module(&e, &m, c);
        if (slot != NULL && *slot == NULL)
            *slot = c;
    }

    e.title = rss_title(n.title);
    if (e.title == NULL && m.x_summary != NULL)
        e.title = drop_blank(text_of(xcal_value(m.x_summary)));
    /* Descriptions are HTML (RSS 2.0 says "entity-encoded HTML is allowed",
     * and the XML layer has already decoded the entities). */
    desc = text_of(n.description);
    e.summary = html_text(desc, has_img(desc) ? &img : NULL);
    if (e.summary == NULL && n.encoded != NULL) {
        encoded = text_of(n.encoded);
        free(img);
        img = NULL;
        e.summary = html_text(encoded, has_img(encoded) ? &img : NULL);
    }
    if (need_title(r, &e, "title") != 0)
        goto done;

    offer_link(&e, text_of(n.link));
    if (e.link == NULL && n.guid != NULL) {
        char *perma = trim(xml_attr(n.guid, "isPermaLink"));

        if (perma == NULL || strcmp(perma, "false") != 0)
            offer_link(&e, text_of(n.guid));
        free(perma);
    }
    if (n.pub_date != NULL || n.dc_date != NULL)
        read_date(r, n.pub_date != NULL ? n.pub_date : n.dc_date, "date de publication",
                  &e.published, NULL);
    e.partner = drop_blank(text_of(n.creator));
    if (e.partner == NULL)
        e.partner = author_name(text_of(n.author));
    read_modules(r, &e, &m);
    if (e.image == NULL)
        offer_image(&e, img, IMG_HTML);     /* the description's, from the same parse */
    else
        free(img);
    img = NULL;
    if (e.image == NULL && n.encoded != NULL) {
        if (encoded == NULL)
            encoded = text_of(n.encoded);
        if (has_img(encoded))
            offer_image(&e, html_first_image(encoded, strlen(encoded)), IMG_HTML);
    }
    add_entry(r, &e);

done:
    free(img);
    free(desc);
    free(encoded);
    entry_free(&e);
}

/* RSS 2.0 and 0.9x (<rss><channel><item>) and RSS 1.0 (<rdf:RDF> with
 * <channel> and <item> side by side). Items are read in document order
 * wherever they are, inside the channel or beside it. */
static void read_rss(struct reader *r, xmlNode *root)
{
    xmlNode *channel = NULL, *title_node = NULL;
    char *title;

    for (xmlNode *c = root->children; c != NULL && channel == NULL; c = c->next)
        if (is_rss(c, "channel"))
            channel = c;
    if (channel == NULL) {
        feed_problem(r->d, xml_line(root), FEED_ERROR,
                     "<%s> sans <channel> : ce n’est pas un flux RSS complet ; vérifiez "
                     "l’adresse du flux", (const char *)root->name);
        return;
    }
    r->d->usable = 1;
    for (xmlNode *c = channel->children; c != NULL && title_node == NULL; c = c->next)
        if (is_rss(c, "title"))
            title_node = c;
    title = rss_title(title_node);
    if (title != NULL && feed_set_title(r->d, title) != 0)
        feed_problem(r->d, 0, FEED_WARNING, "titre du flux non lu : mémoire insuffisante");
    free(title);
    for (xmlNode *c = root->children; c != NULL; c = c->next) {
        if (c == channel) {
            for (xmlNode *i = channel->children; i != NULL; i = i->next)
                if (is_rss(i, "item") && has_room(r, i))
                    rss_item(r, i);
        } else if (is_rss(c, "item") && has_room(r, c)) {
            rss_item(r, c);
        }
    }
}

/* --- Atom ---------------------------------------------------------------- */

/* The text of an Atom text construct or content element (RFC 4287
 * sections 3.1 and 4.1.3) by its type: "text" as it is, "html" through
 * html_to_text, "xhtml" the text of its div; the MIME types of Atom 0.3
 * too. Other types (a picture, out-of-line content) have no text: NULL.
 * When image is not NULL, sets *image to the first picture of HTML. */
static char *atom_text(const xmlNode *n, char **image)
{
    char *type, *raw, *out = NULL;

    if (n == NULL)
        return NULL;
    type = trim(xml_attr(n, "type"));
    if (type == NULL || strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0) {
        out = drop_blank(text_of(n));
    } else if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0) {
        raw = text_of(n);
        out = html_text(raw, image != NULL && *image == NULL && has_img(raw) ? image : NULL);
        free(raw);
    } else if (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0) {
        const xmlNode *div = xml_child(n, XML_ANY_NS, "div");

        out = drop_blank(trim(html_node_text(div != NULL ? div : n, HS_MAX_HTML_BYTES, image)));
    }
    free(type);
    return out;
}

/* The first picture of Atom HTML or XHTML content n, or NULL. */
static char *atom_image(const xmlNode *n)
{
    char *type, *raw, *image = NULL;

    if (n == NULL)
        return NULL;
    type = trim(xml_attr(n, "type"));
    if (type != NULL && (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)) {
        raw = text_of(n);
        if (has_img(raw))
            image = html_first_image(raw, strlen(raw));
        free(raw);
    } else if (type != NULL &&
               (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0)) {
        free(html_node_text(n, HS_MAX_HTML_BYTES, &image));
    }
    free(type);
    return image;
}

/* The name of an Atom <author>, or NULL. */
static char *atom_author(const xmlNode *author)
{
    const xmlNode *name = NULL;

    for (const xmlNode *c = author != NULL ? author->children : NULL; c != NULL && !name;
         c = c->next)
        if (is_atom(c, "name"))
            name = c;
    return drop_blank(text_of(name));
}

/* An Atom <link>: rel="alternate" (or no rel) is the entry's page,
 * rel="enclosure" with an image type its picture (RFC 4287 4.2.7.2). */
static void atom_link(struct entry *e, const xmlNode *link)
{
    char *rel = trim(xml_attr(link, "rel"));

    if (rel == NULL || strcmp(rel, "alternate") == 0 ||
        strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0)
        offer_link(e, xml_attr(link, "href"));
    else if (strcmp(rel, "enclosure") == 0 && e->image_rank > IMG_ENCLOSURE &&
             attr_starts(link, "type", "image/"))
        offer_image(e, xml_attr(link, "href"), IMG_ENCLOSURE);
    free(rel);
}

struct atom_entry {
    xmlNode *title, *summary, *content, *published, *updated, *author;
};

static void atom_entry(struct reader *r, xmlNode *entry)
{
    struct atom_entry n;
    struct modules m;
    struct entry e;
    char *image = NULL;

    memset(&n, 0, sizeof(n));
    memset(&m, 0, sizeof(m));
    memset(&e, 0, sizeof(e));
    e.line = xml_line(entry);
    e.image_rank = IMG_NONE;
    for (xmlNode *c = entry->children; c != NULL; c = c->next) {
        xmlNode **slot = NULL;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_atom(c, "title"))
            slot = &n.title;
        else if (is_atom(c, "summary"))
            slot = &n.summary;
        else if (is_atom(c, "content"))
            slot = &n.content;
        else if (is_atom(c, "published") || is_atom(c, "issued"))
            slot = &n.published;
        else if (is_atom(c, "updated") || is_atom(c, "modified"))
            slot = &n.updated;
        else if (is_atom(c, "author"))
            slot = &n.author;
        else if (is_atom(c, "link"))
            atom_link(&e, c);
        else
            read_module(&e, &m, c);
        if (slot != NULL && *slot == NULL)
            *slot = c;
    }

    e.title = atom_text(n.title, NULL);
    if (e.title == NULL && m.x_summary != NULL)
        e.title = drop_blank(text_of(xcal_value(m.x_summary)));
    e.summary = atom_text(n.summary, &image);
    if (e.summary == NULL)
        e.summary = atom_text(n.content, &image);
    else if (image == NULL)
        image = atom_image(n.content);
    if (need_title(r, &e, "title") != 0)
        goto done;
    if (n.published != NULL || n.updated != NULL)
        read_date(r, n.published != NULL ? n.published : n.updated, "date de publication",
                  &e.published, NULL);
    e.partner = atom_author(n.author);
    if (e.partner == NULL && r->feed_author != NULL)
        e.partner = strdup(r->feed_author);
    read_modules(r, &e, &m);
    offer_image(&e, image, IMG_HTML);
    image = NULL;
    add_entry(r, &e);

done:
    free(image);
    entry_free(&e);
}

static void read_atom(struct reader *r, xmlNode *feed)
{
    char *title;

    r->d->usable = 1;
    for (xmlNode *c = feed->children; c != NULL; c = c->next) {
        if (is_atom(c, "title") && r->d->title == NULL) {
            title = atom_text(c, NULL);
            if (title != NULL && feed_set_title(r->d, title) != 0)
                feed_problem(r->d, 0, FEED_WARNING,
                             "titre du flux non lu : mémoire insuffisante");
            free(title);
        } else if (is_atom(c, "author") && r->feed_author == NULL) {
            r->feed_author = atom_author(c);
        }
    }
    for (xmlNode *c = feed->children; c != NULL; c = c->next)
        if (is_atom(c, "entry") && has_room(r, c))
            atom_entry(r, c);
}

/* --- the document --------------------------------------------------------- */

/* Returns 1 when buf is a web page (an error or login page served at the
 * feed's address): after a byte order mark, white space, an XML
 * declaration and comments, it starts with <!DOCTYPE html or <html. */
static int is_web_page(const char *buf, size_t len)
{
    size_t i = 0;

    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        const char *end;
        size_t k;

        while (i < len && is_space(buf[i]))
            i++;
        if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0)
            end = "-->";
        else if (len - i >= 2 && memcmp(buf + i, "<?", 2) == 0)
            end = "?>";
        else
            break;
        k = strlen(end);
        for (i += 2; i + k <= len && memcmp(buf + i, end, k) != 0; i++)
            ;
        i += k;
        if (i >= len)
            return 0;
    }
    if (len - i >= 15) {
        char head[16];

        for (size_t j = 0; j < 15; j++)
            head[j] = lower(buf[i + j]);
        head[15] = '\0';
        if (strncmp(head, "<!doctype html", 14) == 0 && !is_alpha(head[14]))
            return 1;
    }
    return len - i >= 6 && starts_nocase(buf + i, "<html") &&
           (is_space(buf[i + 5]) || buf[i + 5] == '>');
}

static void not_a_feed_page(struct feed_doc *d)
{
    feed_problem(d, 1, FEED_ERROR,
                 "c’est une page web (HTML), pas un flux : vérifiez l’adresse du flux RSS ou "
                 "Atom");
}

struct feed_doc *rss_parse(const char *buf, size_t len)
{
    struct reader r = {NULL, 0, NULL};
    xmlDocPtr doc = NULL;
    xmlNode *root;

    r.d = feed_doc_new();
    if (r.d == NULL)
        return NULL;
    if (buf == NULL)
        len = 0;
    if (len > 0 && is_web_page(buf, len)) {
        not_a_feed_page(r.d);
        return r.d;
    }
    doc = xml_read(len > 0 ? buf : "", len, r.d);
    if (doc == NULL)
        return r.d;
    root = xmlDocGetRootElement(doc);
    if (root == NULL) {
        feed_problem(r.d, 0, FEED_ERROR, "le document est vide");
    } else if (xml_is(root, XML_ANY_NS, "rss")) {
        r.d->format = FEED_FORMAT_RSS2;
        read_rss(&r, root);
    } else if (xml_is(root, XML_ANY_NS, "RDF")) {
        r.d->format = FEED_FORMAT_RSS1;
        read_rss(&r, root);
    } else if (xml_is(root, XML_ANY_NS, "feed")) {
        r.d->format = FEED_FORMAT_ATOM;
        read_atom(&r, root);
    } else if (xml_is(root, XML_ANY_NS, "html")) {
        not_a_feed_page(r.d);
    } else {
        feed_problem(r.d, xml_line(root), FEED_ERROR,
                     "l’élément racine <%s> n’est pas celui d’un flux RSS (<rss>, <rdf:RDF>) "
                     "ni Atom (<feed>) : vérifiez l’adresse du flux",
                     (const char *)root->name);
    }
    free(r.feed_author);
    xmlFreeDoc(doc);
    return r.d;
}
