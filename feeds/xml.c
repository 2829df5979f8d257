/* Safe XML reading for feeds. libxml2 is asked for as little as possible:
 * no network (XML_PARSE_NONET), no DTD loading, no entity substitution (no
 * XML_PARSE_NOENT), no XML_PARSE_HUGE, an external-entity loader that refuses
 * everything, and text extraction that never follows an entity reference.
 * What real feeds get wrong is repaired before parsing, in place, so that
 * line numbers stay those of the partner's file. */
#include "xml.h"

#include <libxml/HTMLparser.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../content/utf8.h"
#include "strbuf.h"

#define MAX_NAME 32            /* longest entity name we try to repair */
#define MAX_FIRST_ERRORS 3     /* well-formedness errors reported per document */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

/* libxml2 reports through our structured handler; its generic channel
 * would print on stderr, where a hostile feed could flood the journal. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void init(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_entity);
    xmlThrDefSetGenericErrorFunc(NULL, quiet);
    xmlSetGenericErrorFunc(NULL, quiet);
}

void xml_global_init(void)
{
    pthread_once(&init_once, init);
}

/* --- repairs ------------------------------------------------------------ */

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == ':';
}

static int line_at(const char *buf, size_t pos)
{
    int line = 1;

    for (size_t i = 0; i < pos; i++)
        line += buf[i] == '\n';
    return line;
}

/* Rewrites the references XML does not know: "&eacute;" becomes "&#233;"
 * (HTML's entities, from libxml2's own table), and an '&' that starts no
 * reference ("Tom & Jerry", "?a=1&b=2") becomes "&amp;". Returns the repaired
 * copy in *out (NULL when nothing needed repair), or -1 when memory runs out.
 * Documents that declare entities (<!ENTITY) are left alone: they are parsed
 * as written, and their entities are never expanded. */
static int repair_entities(const char *buf, size_t len, struct feed_doc *d, char **out,
                           size_t *outlen)
{
    struct strbuf o = STRBUF_INIT(len * 2);   /* len is capped: no overflow */
    size_t i, copied = 0;
    int warned_html = 0, warned_amp = 0;

    *out = NULL;
    *outlen = 0;
    for (i = 0; i + 8 < len; i++)
        if (buf[i] == '<' && memcmp(buf + i, "<!ENTITY", 8) == 0)
            return 0;
    for (i = 0; i < len; i++) {
        size_t j, k;
        char name[MAX_NAME + 1];
        const htmlEntityDesc *ent;
        char ref[16];

        if (buf[i] == '<') {
            /* CDATA sections and comments hold no references: their '&' is
             * text, and an HTML description in CDATA needs no repair. */
            const char *end = NULL;

            if (len - i >= 9 && memcmp(buf + i, "<![CDATA[", 9) == 0)
                end = "]]>";
            else if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0)
                end = "-->";
            if (end != NULL) {
                for (j = i + 4; j + 3 <= len && memcmp(buf + j, end, 3) != 0; j++)
                    ;
                i = j + 2;
            }
            continue;
        }
        if (buf[i] != '&')
            continue;
        if (i + 1 < len && buf[i + 1] == '#') {
            j = i + 2;
            if (j < len && (buf[j] == 'x' || buf[j] == 'X'))
                j++;
            k = j;
            while (j < len && j - k < 8 && ((buf[j] >= '0' && buf[j] <= '9') ||
                                           (buf[j] >= 'a' && buf[j] <= 'f') ||
                                           (buf[j] >= 'A' && buf[j] <= 'F')))
                j++;
            if (j > k && j < len && buf[j] == ';')
                continue;   /* a character reference: XML knows it */
        } else {
            j = i + 1;
            while (j < len && j - i - 1 < MAX_NAME && is_name_char(buf[j]))
                j++;
            if (j > i + 1 && j < len && buf[j] == ';') {
                memcpy(name, buf + i + 1, j - i - 1);
                name[j - i - 1] = '\0';
                if (strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 ||
                    strcmp(name, "gt") == 0 || strcmp(name, "quot") == 0 ||
                    strcmp(name, "apos") == 0)
                    continue;
                ent = htmlEntityLookup((const xmlChar *)name);
                if (ent != NULL) {
                    strbuf_put(&o, buf + copied, i - copied);
                    strbuf_put(&o, ref, (size_t)snprintf(ref, sizeof(ref), "&#%u;", ent->value));
                    copied = j + 1;
                    if (!warned_html++)
                        feed_problem(d, line_at(buf, i), FEED_WARNING,
                                     "entité HTML « &%s; » utilisée dans du XML : elle est "
                                     "comprise, mais écrivez plutôt le caractère lui-même "
                                     "(enregistré en UTF-8)", name);
                    continue;
                }
            }
        }
        strbuf_put(&o, buf + copied, i - copied);
        strbuf_put(&o, "&amp;", 5);
        copied = i + 1;
        if (!warned_amp++)
            feed_problem(d, line_at(buf, i), FEED_WARNING,
                         "caractère « & » seul : il est affiché tel quel, mais écrivez "
                         "« &amp;amp; » (ou placez le texte dans un bloc CDATA)");
    }
    if (copied == 0 && o.p == NULL)
        return 0;
    strbuf_put(&o, buf + copied, len - copied);
    *outlen = o.n;
    if (o.truncated) {
        strbuf_free(&o);
        return -1;
    }
    *out = strbuf_take(&o);
    if (*out == NULL)
        return -1;
    return 0;
}

/* Returns the encoding named by the XML declaration, lower-cased, into enc
 * ("" when there is none). */
static void declared_encoding(const char *buf, size_t len, char *enc, size_t n)
{
    const char *end, *p;
    size_t i = 0;

    enc[0] = '\0';
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        buf += 3, len -= 3;
    if (len < 6 || memcmp(buf, "<?xml", 5) != 0)
        return;
    end = memchr(buf, '>', len < 256 ? len : 256);
    if (end == NULL)
        return;
    for (p = buf; p + 8 < end; p++)
        if (memcmp(p, "encoding", 8) == 0)
            break;
    if (p + 8 >= end)
        return;
    p += 8;
    while (p < end && (*p == ' ' || *p == '=' || *p == '\t'))
        p++;
    if (p >= end || (*p != '"' && *p != '\''))
        return;
    for (p++; p < end && *p != '"' && *p != '\'' && i + 1 < n; p++)
        enc[i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    enc[i] = '\0';
}

/* Windows-1252's 0x80-0x9F; 0 marks the five bytes it leaves undefined. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Returns buf[0..len) read as Windows-1252, in UTF-8 (at most 3 bytes per
 * byte; the undefined bytes become U+FFFD rather than failing the whole
 * feed, as they would in iconv), with *outlen; NULL when memory runs out.
 * Line breaks stay where they were, so problems keep their lines. */
static char *from_cp1252(const char *buf, size_t len, size_t *outlen)
{
    char *out = len <= (SIZE_MAX - 1) / 3 ? malloc(len * 3 + 1) : NULL;
    size_t o = 0;

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)buf[i];

        if (c >= 0x80 && c < 0xA0)
            c = cp1252_c1[c - 0x80] ? cp1252_c1[c - 0x80] : 0xFFFD;
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

/* --- parsing ------------------------------------------------------------ */

struct errors {
    struct feed_doc *d;
    int n;
    int last_code;      /* libxml2 repeats some errors at each nesting level */
};

/* French words for what a partner can fix; libxml2's own message follows
 * for the rest. */
static void on_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct errors *er = ctxt->_private;
    char msg[200];
    size_t n;

    if (e == NULL || e->level < XML_ERR_ERROR || er->n >= MAX_FIRST_ERRORS ||
        e->code == er->last_code)
        return;
    er->n++;
    er->last_code = e->code;
    switch (e->code) {
    case XML_ERR_DOCUMENT_EMPTY:
        feed_problem(er->d, e->line, FEED_ERROR, "le document est vide");
        return;
    case XML_ERR_DOCUMENT_END:
        feed_problem(er->d, e->line, FEED_ERROR,
                     "du texte suit la fin du document : il ne doit y avoir qu’un seul "
                     "élément racine");
        return;
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
        if (e->str1 != NULL)
            feed_problem(er->d, e->line, FEED_ERROR,
                         "la balise <%s> n’est jamais fermée (fichier tronqué ?) : ajoutez "
                         "</%s>", e->str1, e->str1);
        else
            feed_problem(er->d, e->line, FEED_ERROR,
                         "le document s’arrête avant la fin (fichier tronqué ?)");
        return;
    case XML_ERR_TAG_NAME_MISMATCH:
        feed_problem(er->d, e->line, FEED_ERROR,
                     "balise de fin qui ne correspond pas à la balise ouverte%s%s%s",
                     e->str1 ? " <" : "", e->str1 ? (const char *)e->str1 : "",
                     e->str1 ? ">" : "");
        return;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        feed_problem(er->d, e->line, FEED_ERROR, "entité « &%s; » inconnue : écrivez le "
                     "caractère lui-même", e->str1 ? (const char *)e->str1 : "");
        return;
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_BOUNDARY:
        feed_problem(er->d, e->line, FEED_ERROR,
                     "le document définit des entités qui se multiplient : refusé (un flux "
                     "n’a pas besoin de <!ENTITY>)");
        return;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
        feed_problem(er->d, e->line, FEED_ERROR,
                     "caractère interdit ou encodage incorrect : enregistrez le fichier en "
                     "UTF-8");
        return;
    default:
        break;
    }
    if (e->message != NULL && strstr(e->message, "depth") != NULL) {
        feed_problem(er->d, e->line, FEED_ERROR,
                     "éléments imbriqués trop profondément : refusé");
        return;
    }
    n = e->message ? strlen(e->message) : 0;
    if (n >= sizeof(msg))
        n = sizeof(msg) - 1;
    memcpy(msg, e->message ? e->message : "", n);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    msg[n] = '\0';
    feed_problem(er->d, e->line, FEED_ERROR, "XML mal formé (%s)", msg);
}

/* Returns the depth of the deepest element under n, n counting as 1, or
 * limit + 1 as soon as it is passed. Iterative: depth is what it guards. */
static int depth_over(const xmlNode *root, int limit)
{
    const xmlNode *n = root;
    int depth = 1;

    while (n != NULL) {
        if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            if (++depth > limit)
                return 1;
            continue;
        }
        while (n != NULL && n->next == NULL && n != root) {
            n = n->parent;
            depth--;
        }
        if (n == NULL || n == root)
            break;
        n = n->next;
    }
    return 0;
}

xmlDocPtr xml_read(const char *buf, size_t len, struct feed_doc *d)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    struct errors er = {d, 0, 0};
    char enc[32], *fixed = NULL, *utf8 = NULL;
    const char *force = NULL;
    size_t fixedlen, utf8len;
    int bom16, convert = 0;

    xml_global_init();
    xmlSetGenericErrorFunc(NULL, quiet);    /* per thread in libxml2 */
    if (len > HS_MAX_FEED_BYTES) {
        feed_problem(d, 0, FEED_ERROR, "le fichier dépasse %d Mo : refusé",
                     HS_MAX_FEED_BYTES / (1024 * 1024));
        return NULL;
    }
    if (len > INT32_MAX / 3)
        return NULL;
    bom16 = len >= 2 && ((unsigned char)buf[0] == 0xFE || (unsigned char)buf[0] == 0xFF);
    declared_encoding(buf, len, enc, sizeof(enc));
    /* Feeds labelled UTF-8, or not labelled, are often Windows-1252; and
     * "ISO-8859-1" almost always means Windows-1252 (as browsers assume).
     * Both are converted here, and libxml2 is told the text is UTF-8. */
    if ((enc[0] == '\0' || strcmp(enc, "utf-8") == 0 || strcmp(enc, "utf8") == 0) && !bom16 &&
        !utf8_valid(buf, len)) {
        feed_problem(d, 1, FEED_WARNING,
                     "le fichier n’est pas en UTF-8%s : il est lu comme Windows-1252 ; "
                     "enregistrez-le en UTF-8", enc[0] ? " comme il l’annonce" : "");
        convert = 1;
    } else if (strcmp(enc, "iso-8859-1") == 0 || strcmp(enc, "latin1") == 0 ||
               strcmp(enc, "windows-1252") == 0 || strcmp(enc, "cp1252") == 0 ||
               strcmp(enc, "us-ascii") == 0) {
        convert = 1;
    }
    if (convert) {
        utf8 = from_cp1252(buf, len, &utf8len);
        if (utf8 == NULL)
            goto done;
        buf = utf8;
        len = utf8len;
        force = "UTF-8";
    }
    if (!bom16) {
        if (repair_entities(buf, len, d, &fixed, &fixedlen) != 0)
            goto done;
        if (fixed != NULL) {
            buf = fixed;
            len = fixedlen;
        }
    }
    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        goto done;
    ctxt->_private = &er;
    ctxt->sax->serror = on_error;
    ctxt->vctxt.error = NULL;
    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, force,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES);
    if (doc != NULL && !ctxt->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc == NULL && er.n == 0)
        feed_problem(d, 0, FEED_ERROR, "le document XML ne peut pas être lu");
    if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
        feed_problem(d, 0, FEED_ERROR, "le document est vide");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL && depth_over(xmlDocGetRootElement(doc), HS_MAX_XML_DEPTH)) {
        feed_problem(d, 0, FEED_ERROR,
                     "éléments imbriqués sur plus de %d niveaux : refusé", HS_MAX_XML_DEPTH);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL && doc->intSubset != NULL && doc->intSubset->entities != NULL &&
        xmlHashSize(doc->intSubset->entities) > 0)
        feed_problem(d, xml_line((const xmlNode *)doc->intSubset), FEED_WARNING,
                     "le document déclare ses propres entités (<!ENTITY>) : elles sont "
                     "ignorées, le texte qui les utilise n’apparaîtra pas ; écrivez les "
                     "caractères eux-mêmes");

done:
    if (ctxt != NULL)
        xmlFreeParserCtxt(ctxt);
    free(fixed);
    free(utf8);
    return doc;
}

/* --- reading the tree ----------------------------------------------------- */

int xml_is(const xmlNode *n, const char *ns, const char *name)
{
    if (n == NULL || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
        return 0;
    if (ns == XML_ANY_NS)
        return 1;
    if (ns == NULL)
        return n->ns == NULL;
    return n->ns != NULL && n->ns->href != NULL && strcmp((const char *)n->ns->href, ns) == 0;
}

xmlNode *xml_child(const xmlNode *n, const char *ns, const char *name)
{
    if (n == NULL)
        return NULL;
    for (xmlNode *c = n->children; c != NULL; c = c->next)
        if (xml_is(c, ns, name))
            return c;
    return NULL;
}

/* Appends the text of the list starting at first (and of the elements'
 * subtrees, iteratively) to o. Entity references are skipped: their
 * content is never expanded. */
static void collect(const xmlNode *first, struct strbuf *o)
{
    const xmlNode *n = first;

    while (n != NULL) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            n->content != NULL)
            strbuf_put(o, (const char *)n->content, strlen((const char *)n->content));
        if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
            n = n->children;
            continue;
        }
        while (n != NULL && n->next == NULL) {
            n = n->parent;
            if (n == NULL || n == first->parent)
                return;
        }
        n = n->next;
    }
}

char *xml_text(const xmlNode *n)
{
    struct strbuf o = STRBUF_INIT(HS_MAX_FEED_BYTES);

    if (n != NULL && n->children != NULL)
        collect(n->children, &o);
    return strbuf_take(&o);
}

char *xml_attr(const xmlNode *n, const char *name)
{
    struct strbuf o = STRBUF_INIT(HS_MAX_FEED_BYTES);

    if (n == NULL || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
        if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
            continue;
        for (const xmlNode *c = a->children; c != NULL; c = c->next)
            if (c->type == XML_TEXT_NODE && c->content != NULL)
                strbuf_put(&o, (const char *)c->content, strlen((const char *)c->content));
        return strbuf_take(&o);
    }
    return NULL;
}

int xml_line(const xmlNode *n)
{
    long line = n != NULL ? xmlGetLineNo((xmlNode *)n) : 0;

    return line > 0 && line < INT32_MAX ? (int)line : 0;
}
