/* HTML in feed descriptions turned into plain text for the screen. */
#ifndef HS_HTML_H
#define HS_HTML_H

#include <libxml/tree.h>
#include <stddef.h>

/* Returns plain text for the HTML fragment s[0..len) (UTF-8): the text of
 * its elements with entities decoded (libxml2's HTML parser, no network),
 * script and style dropped, a space between blocks and at <br>, white space
 * collapsed. Text without '<' or '&' is copied as it is. Not cleaned: pass
 * the result through utf8_clean (feed_add_item does). Returns NULL only when
 * memory runs out. Caller frees. */
char *html_to_text(const char *s, size_t len);

/* As html_to_text, and when image is not NULL, also sets *image to the src
 * of the fragment's first <img> (or NULL), from the same single parse.
 * Caller frees both. */
char *html_to_text_image(const char *s, size_t len, char **image);

/* The same for a tree already parsed: the text under n (XHTML content of an
 * Atom feed, say), at most max bytes (max < SIZE_MAX), entity references
 * never followed. When image is not NULL and *image is NULL, sets *image to
 * the first picture. NULL only when memory runs out. Caller frees. */
char *html_node_text(const xmlNode *n, size_t max, char **image);

/* Returns the URL of the first <img src> of the fragment, or NULL (also when
 * memory runs out). Caller frees. */
char *html_first_image(const char *s, size_t len);

#endif
