/* The hallscreen XML format: week slots, events, notices, ticker items and an
 * urgent message, for partners who write by hand or export from a
 * spreadsheet. The schema is feeds/hallscreen.rng. */
#ifndef HS_HSXML_H
#define HS_HSXML_H

#include <stddef.h>
#include <time.h>

#include "feed.h"

/* Parses buf[0..len) (through xml_read) and returns a document of format
 * HALLSCREEN whose items carry their own type (SLOT, EVENT, NOTICE, TICKER,
 * URGENT), in document order. A weekly <creneau> becomes one SLOT per
 * occurrence that overlaps [from, to) (and starts within its du/au), made
 * from its local date and hours: 09:00 stays 09:00 across a DST change.
 * Dated items are kept whatever their date. usable is 1 when the root is
 * <hallscreen>, even when items were skipped (each with a problem); 0, with
 * problems, when the document cannot be read or is not hallscreen. Local
 * times are read in the process's time zone (caltime). No I/O, no clock.
 * Returns NULL only when memory runs out. Caller frees with feed_doc_free. */
struct feed_doc *hsxml_parse(const char *buf, size_t len, time_t from, time_t to);

/* The RELAX NG schema feeds/hallscreen.rng, built into the program (the
 * Makefile generates its C array). Not NUL-terminated. */
extern const char hsxml_schema[];
extern const size_t hsxml_schema_len;

/* Validates buf[0..len) against hsxml_schema with libxml2's RELAX NG
 * validator, adding to d an error for each line at fault: "le document ne
 * suit pas le schéma : " and libxml2's first English message there. The
 * problems of reading the document (xml_read), which hsxml_parse reports, are
 * added only when it cannot be read. The schema is compiled at each call: it
 * serves the checker and the tests, not the player. Returns 1 when valid, 0
 * when not, -1 when the document cannot be read at all (or memory runs out). */
int hsxml_validate(const char *buf, size_t len, struct feed_doc *d);

#endif
