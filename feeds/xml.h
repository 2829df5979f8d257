/* Reading partners' XML safely with libxml2: no network, no external
 * entities, no entity expansion, libxml2's default amplification limits (never
 * XML_PARSE_HUGE), a cap on size and depth, and the repairs real feeds need
 * (undeclared HTML entities, a bare '&', UTF-8 that is really Windows-1252).
 * Problems go into a feed_doc, in French, with their line. */
#ifndef HS_XML_H
#define HS_XML_H

#include <libxml/tree.h>
#include <stddef.h>

#include "feed.h"

/* Initialises libxml2 and installs an external-entity loader that refuses
 * every entity and DTD. Call once from the main thread before any other
 * thread parses; idempotent. */
void xml_global_init(void);

/* Parses buf[0..len) into a tree, repairing what real feeds get wrong (each
 * repair is a warning in d). Returns the tree (caller frees with xmlFreeDoc),
 * or NULL when the document is over HS_MAX_FEED_BYTES, not well-formed,
 * nested deeper than HS_MAX_XML_DEPTH or empty, with an error in d that
 * says where and what to do. d->usable is left to the caller. */
xmlDocPtr xml_read(const char *buf, size_t len, struct feed_doc *d);

/* Returns 1 when n is an element with local name name, in namespace ns (an
 * URI; NULL: no namespace; XML_ANY_NS: any), else 0. */
#define XML_ANY_NS ((const char *)1)
int xml_is(const xmlNode *n, const char *ns, const char *name);

/* Returns the first child element of n named name in ns (as xml_is), or NULL. */
xmlNode *xml_child(const xmlNode *n, const char *ns, const char *name);

/* Returns a newly allocated copy of the text and CDATA of n's subtree, raw
 * (not cleaned, not trimmed); entity references are never expanded. Returns
 * "" for an element without text, NULL only when memory runs out. */
char *xml_text(const xmlNode *n);

/* Returns a newly allocated copy of the value of n's attribute name (no
 * namespace), or NULL when absent or when memory runs out. Entity references
 * in the value are not expanded. */
char *xml_attr(const xmlNode *n, const char *name);

/* Returns the line of n in the document (0 when unknown). */
int xml_line(const xmlNode *n);

#endif
