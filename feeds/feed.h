/* A parsed feed, whatever its format: the items as the document gives them,
 * and the problems found, each with its line, in French for the partner who
 * publishes it. Every parser fills one (RSS/Atom, iCalendar, hallscreen XML);
 * feed_map turns it into the content model, and the checker prints it.
 * Strings are cleaned (utf8_clean) and capped on the way in. */
#ifndef HS_FEED_H
#define HS_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../content/limits.h"

enum feed_format {
    FEED_FORMAT_UNKNOWN,
    FEED_FORMAT_RSS2,
    FEED_FORMAT_RSS1,
    FEED_FORMAT_ATOM,
    FEED_FORMAT_ICAL,
    FEED_FORMAT_HALLSCREEN
};

/* Where an item goes. Entries of RSS/Atom and iCalendar go where the source's
 * kind says; the hallscreen format says it for each item. */
enum feed_item_type {
    FEED_ITEM_ENTRY,
    FEED_ITEM_SLOT,
    FEED_ITEM_EVENT,
    FEED_ITEM_NOTICE,
    FEED_ITEM_TICKER,
    FEED_ITEM_URGENT
};

struct feed_item {
    enum feed_item_type type;
    int line;              /* line of the item in the document; 0 when unknown */
    char *title;           /* never NULL */
    char *summary;         /* plain text (HTML already turned into text); may be NULL */
    char *link;            /* may be NULL */
    char *image;           /* URL or path of a picture; may be NULL */
    char *location;        /* room or address; may be NULL */
    char *site;            /* one of the screen's places (hallscreen slots); may be NULL */
    char *partner;         /* author/organizer as the document says; may be NULL */
    char *registration;    /* how to register; may be NULL */
    time_t published;      /* 0 when absent */
    time_t start, end;     /* 0 when absent; when start is set, end > start */
    int all_day;           /* start and end are local midnights */
    time_t valid_from, valid_until; /* 0 when open */
    int priority;          /* 0 normal, 1 high, 2 urgent */
    int32_t colour;        /* 0xRRGGBB, or -1 (the source's colour) */
};

enum feed_severity { FEED_WARNING, FEED_ERROR };

struct feed_problem {
    int line;              /* 0 when the problem is not on one line */
    enum feed_severity severity;
    char *message;         /* French, one sentence: what is wrong and what to do */
};

struct feed_doc {
    enum feed_format format;
    int usable;            /* 1: the document was understood (even with 0 items) */
    char *title;           /* the feed's own title; may be NULL */
    struct feed_item *items;
    size_t nitems;
    struct feed_problem *problems;
    size_t nproblems;
    int more_problems;     /* problems beyond HS_MAX_FEED_PROBLEMS were dropped */
};

/* Returns an empty document (format UNKNOWN, not usable), or NULL when memory
 * runs out. Free with feed_doc_free. */
struct feed_doc *feed_doc_new(void);

/* Frees d and everything it holds. Accepts NULL. */
void feed_doc_free(struct feed_doc *d);

/* Copies it and its strings (cleaned with utf8_clean, capped at
 * HS_MAX_TEXT_BYTES; URLs at HS_MAX_URL_BYTES) into d. Returns 0, or -1 when
 * the title is missing or empty after cleaning, start is set and end is not
 * after it, the window valid_from/valid_until is empty, HS_MAX_FEED_ITEMS is
 * reached, or memory runs out; d is unchanged on -1. Optional strings that are
 * empty after cleaning are stored as NULL. */
int feed_add_item(struct feed_doc *d, const struct feed_item *it);

/* Sets d's title (cleaned). Returns 0 or -1 when memory runs out. */
int feed_set_title(struct feed_doc *d, const char *title);

/* Records a problem at line (0: none) with a printf-style French message.
 * After HS_MAX_FEED_PROBLEMS problems, sets more_problems instead. Never
 * fails: a problem that cannot be stored for lack of memory is dropped. */
void feed_problem(struct feed_doc *d, int line, enum feed_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Stable names: "rss2", "rss1", "atom", "ical", "hallscreen", "unknown". */
const char *feed_format_name(enum feed_format f);

/* Guesses the format of buf[0..len) from its first meaningful bytes
 * (BEGIN:VCALENDAR, <rss, <rdf:RDF, <feed, <hallscreen), for the checker and
 * the sources; returns FEED_FORMAT_UNKNOWN when none matches. RSS 1.0 and 2.0
 * both come back as what their root says. */
enum feed_format feed_sniff(const char *buf, size_t len);

/* Parses buf[0..len) whatever its format (feed_sniff), with the calendar
 * expanded over [from, to). Returns a document (check usable), or NULL only
 * when memory runs out. Caller frees. */
struct feed_doc *feed_parse(const char *buf, size_t len, time_t from, time_t to);

#endif
