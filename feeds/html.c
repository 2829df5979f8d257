/* HTML fragments to plain text with libxml2's HTML parser: the parser knows
 * every HTML entity and the ways real markup is broken; we only walk the
 * tree it builds. The same walk serves the XHTML content of Atom feeds. */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "../content/limits.h"
#include "strbuf.h"
#include "xml.h"

static int name_in(const xmlNode *n, const char *const *names)
{
    for (; *names != NULL; names++)
        if (strcmp((const char *)n->name, *names) == 0)
            return 1;
    return 0;
}

static const char *const skipped[] = {"script", "style", "head", "title", "noscript",
                                      "template", "iframe", "object", NULL};

/* Elements after which the text goes on as a new sentence or line. */
static const char *const blocks[] = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "th",
                                     "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                                     "section", "article", "header", "footer", "dd", "dt",
                                     "hr", "table", "figure", "figcaption", "pre", NULL};

static htmlDocPtr parse(const char *s, size_t len)
{
    if (len > INT32_MAX)
        return NULL;
    return htmlReadMemory(s, (int)len, NULL, "UTF-8",
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                          HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
}

/* Sets *image to the src of n when n is the first <img> met. */
static void note_image(const xmlNode *n, char **image)
{
    if (image != NULL && *image == NULL && strcmp((const char *)n->name, "img") == 0)
        *image = xml_attr(n, "src");
}

/* Appends the text under root (not root's own) to b: iterative, since a
 * hostile fragment may nest deeply. */
static void walk(const xmlNode *root, struct strbuf *b, char **image)
{
    const xmlNode *n = root->children;

    while (n != NULL) {
        int descend = 0;

        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != NULL)
                strbuf_put(b, (const char *)n->content, strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE && !name_in(n, skipped)) {
            note_image(n, image);
            if (name_in(n, blocks))
                strbuf_put(b, " ", 1);
            descend = n->children != NULL;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != NULL && n->next == NULL) {
            n = n->parent;
            if (n == NULL || n == root)
                return;
            if (n->type == XML_ELEMENT_NODE && name_in(n, blocks))
                strbuf_put(b, " ", 1);
        }
        n = n != NULL ? n->next : NULL;
    }
}

/* Collapses runs of ASCII white space to one space and trims both ends, in
 * place. (utf8_clean does the same for every other space later.) */
static void collapse(char *s)
{
    char *w = s;
    int space = 1;

    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f') {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *r;
            space = 0;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

/* Returns the collapsed text of b, or NULL (freeing *image) when memory ran
 * out. */
static char *finish(struct strbuf *b, char **image)
{
    char *t = strbuf_take(b);

    if (t == NULL && image != NULL) {
        free(*image);
        *image = NULL;
    }
    if (t != NULL)
        collapse(t);
    return t;
}

char *html_node_text(const xmlNode *n, size_t max, char **image)
{
    struct strbuf b = STRBUF_INIT(max);
    char *t, *found = NULL;

    if (n != NULL)
        walk(n, &b, image != NULL && *image == NULL ? &found : NULL);
    t = finish(&b, &found);
    if (found != NULL)
        *image = found;
    return t;
}

char *html_to_text(const char *s, size_t len)
{
    return html_to_text_image(s, len, NULL);
}

char *html_to_text_image(const char *s, size_t len, char **image)
{
    struct strbuf b = STRBUF_INIT(HS_MAX_FEED_BYTES);
    htmlDocPtr doc;

    if (image != NULL)
        *image = NULL;
    if (s == NULL)
        len = 0;
    if (len == 0 || (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)) {
        strbuf_put(&b, s, len);
    } else {
        doc = parse(s, len);
        if (doc != NULL) {
            walk((const xmlNode *)doc, &b, image);
            xmlFreeDoc(doc);
        }
    }
    return finish(&b, image);
}

/* Returns the first element named name under root (document order), or NULL. */
static const xmlNode *find(const xmlNode *root, const char *name)
{
    const xmlNode *n = root->children;

    while (n != NULL) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
        if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
            n = n->children;
            continue;
        }
        while (n != NULL && n->next == NULL) {
            n = n->parent;
            if (n == NULL || n == root)
                return NULL;
        }
        n = n != NULL ? n->next : NULL;
    }
    return NULL;
}

char *html_first_image(const char *s, size_t len)
{
    htmlDocPtr doc;
    const xmlNode *img;
    char *src = NULL;

    if (s == NULL || len == 0 || memchr(s, '<', len) == NULL)
        return NULL;
    doc = parse(s, len);
    if (doc == NULL)
        return NULL;
    img = find((const xmlNode *)doc, "img");
    if (img != NULL)
        src = xml_attr(img, "src");
    xmlFreeDoc(doc);
    return src;
}
