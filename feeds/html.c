/* HTML fragments to plain text with libxml2's HTML parser: the parser knows
 * every HTML entity and the ways real markup is broken; we only walk the
 * tree it builds. */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "../content/limits.h"

struct buf {
    char *p;
    size_t n, cap;
    int failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (n > HS_MAX_FEED_BYTES - b->n) {
        b->failed = 1;
        return;
    }
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *t;

        while (cap < b->n + n + 1)
            cap *= 2;
        t = realloc(b->p, cap);
        if (t == NULL) {
            b->failed = 1;
            return;
        }
        b->p = t;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

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
    xmlChar *v;

    if (image == NULL || *image != NULL || strcmp((const char *)n->name, "img") != 0)
        return;
    v = xmlGetNoNsProp(n, (const xmlChar *)"src");
    if (v != NULL) {
        *image = strdup((const char *)v);
        xmlFree(v);
    }
}

/* Walks the tree iteratively (a hostile fragment may nest deeply). */
static void walk(const xmlNode *root, struct buf *b, char **image)
{
    const xmlNode *n = root->children;

    while (n != NULL) {
        int descend = 0;

        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != NULL)
                put(b, (const char *)n->content, strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE && !name_in(n, skipped)) {
            note_image(n, image);
            if (name_in(n, blocks))
                put(b, " ", 1);
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
                put(b, " ", 1);
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

char *html_to_text(const char *s, size_t len)
{
    return html_to_text_image(s, len, NULL);
}

char *html_to_text_image(const char *s, size_t len, char **image)
{
    struct buf b = {NULL, 0, 0, 0};
    htmlDocPtr doc;

    if (image != NULL)
        *image = NULL;
    if (s == NULL)
        len = 0;
    if (len == 0 || (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)) {
        put(&b, s, len);
    } else {
        doc = parse(s, len);
        if (doc != NULL) {
            walk((const xmlNode *)doc, &b, image);
            xmlFreeDoc(doc);
        }
    }
    if (b.failed) {
        free(b.p);
        if (image != NULL) {
            free(*image);
            *image = NULL;
        }
        return NULL;
    }
    if (b.p == NULL)
        return strdup("");
    collapse(b.p);
    return b.p;
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
    if (img != NULL) {
        xmlChar *v = xmlGetNoNsProp(img, (const xmlChar *)"src");

        if (v != NULL) {
            src = strdup((const char *)v);
            xmlFree(v);
        }
    }
    xmlFreeDoc(doc);
    return src;
}
