/* RSS 2.0, RSS 1.0 (RDF) and Atom 1.0, as real feeds are: undeclared HTML
 * entities, wrong encodings, HTML in descriptions, dates in many shapes, the
 * RSS event module (ev:) and xCal elements. */
#ifndef HS_RSS_H
#define HS_RSS_H

#include <stddef.h>

#include "feed.h"

/* Parses buf[0..len) (read through xml_read: no network, no external
 * entities, no entity expansion). Returns a document whose format is RSS2,
 * RSS1 or ATOM and usable set, or usable 0 with problems saying why; NULL
 * only when memory runs out. Items keep the document's order. No I/O, no
 * clock. Caller frees with feed_doc_free. */
struct feed_doc *rss_parse(const char *buf, size_t len);

#endif
