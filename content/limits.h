/* Hard caps on everything that grows. One header, so that a reviewer sees
 * every bound at once (the shape of curl's lib/curlx/dynbuf.h). Content comes
 * from partners' feeds and a technician's config: both are untrusted. */
#ifndef HS_LIMITS_H
#define HS_LIMITS_H

#define HS_MAX_TEXT_BYTES 1024       /* one string of an item, after cleaning */
#define HS_MAX_PLACES 16             /* rooms or sites of one screen */
#define HS_MAX_SLOTS 512             /* semainier slots held at once */
#define HS_MAX_EVENTS 1024           /* agenda events held at once */
#define HS_MAX_NOTICES 128
#define HS_MAX_TICKER 128
#define HS_MAX_SOURCES 64            /* [source NAME] sections in one config */
#define HS_MAX_PAGES 8               /* entries of [screen] pages */
#define HS_MAX_HOURS_PER_DAY 4       /* opening intervals on one weekday */
#define HS_MAX_NAME_BYTES 64         /* a source's NAME */
#define HS_MAX_CONFIG_BYTES (256 * 1024)
#define HS_MAX_CONFIG_LINE 199       /* bytes of one config line: inih reads 200 with the NUL */
#define HS_MAX_TEXT_LINES 64         /* lines of one fitted text block */

/* Feeds: what one source may bring. A body over HS_MAX_FEED_BYTES is cut off
 * while it is received and refused; parsers refuse it too. */
#define HS_MAX_FEED_BYTES (4 * 1024 * 1024)
#define HS_MAX_FEED_ITEMS 512        /* items (or expanded occurrences) of one feed */
#define HS_MAX_FEED_PROBLEMS 64      /* problems reported for one feed; then one "and more" */
#define HS_MAX_XML_DEPTH 64          /* element nesting of an XML feed */
#define HS_MAX_ICAL_COMPONENTS 2048  /* VEVENTs (with their overrides) of one calendar */
#define HS_MAX_ICAL_DEPTH 8          /* component nesting: VCALENDAR > VEVENT > VALARM is 3 */
#define HS_MAX_ICAL_RULE_STEPS 100000L /* recurrence iterator steps for one RRULE */
#define HS_MAX_ICAL_STEPS 200000L    /* ... and for a whole calendar */
#define HS_MAX_ICAL_ZONES 64         /* TZIDs of one calendar looked up */
#define HS_MAX_ICAL_RULES 8          /* RRULEs of one VEVENT (RFC 5545 says one) */
#define HS_MAX_HTML_BYTES (64 * 1024) /* of one description handed to the HTML parser */
#define HS_MAX_URL_BYTES 2048        /* a source's or an item's URL */
#define HS_MAX_REDIRECTS 5
#define HS_AGENDA_HORIZON_DAYS 14    /* days ahead the agenda shows and calendars expand */

#endif
