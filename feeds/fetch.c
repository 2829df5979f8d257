/* One blocking fetch: http(s) through libcurl, driven by a multi handle so
 * that a cancel flag is seen within CANCEL_POLL_MS; local files read with
 * open/fstat/read. Conditional GET as RFC 9110 sections 13.1.1-13.1.3 and
 * 15.4.5 describe it; file URLs as RFC 8089 (local host only). */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../content/limits.h"

#ifndef HS_VERSION
#define HS_VERSION "dev"
#endif

#define DEFAULT_TIMEOUT_S 30L
#define MAX_CONNECT_TIMEOUT_S 10L
#define LOW_SPEED_BYTES 10L          /* bytes/s under which a transfer is stalled */
#define MAX_LOW_SPEED_TIME_S 20L
#define CANCEL_POLL_MS 100
#define FIRST_BODY_ALLOC 16384
#define FILE_READ_CHUNK 65536

/* State of one HTTP transfer, shared with libcurl's callbacks. The header
 * fields describe the latest response only: each status line resets them,
 * so that a redirect's headers never leak into the final result. */
struct xfer {
    const volatile sig_atomic_t *cancel;
    long status;                 /* of the latest status line; 0 before any */
    char etag[FETCH_MAX_HEADER_BYTES];
    char last_modified[FETCH_MAX_HEADER_BYTES];
    char content_type[FETCH_MAX_HEADER_BYTES];
    char location_scheme[16];    /* scheme of the latest Location; "" when relative */
    char *body;
    size_t len, cap, max;
    int too_big;
    int error_page;              /* a body came with a status other than 200 */
    int no_memory;
};

const char *fetch_user_agent(void)
{
    return "hallscreen/" HS_VERSION;
}

int fetch_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

void fetch_result_free(struct fetch_result *r)
{
    if (!r)
        return;
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    free(r->content_type);
    memset(r, 0, sizeof *r);
}

/* Leaves only the failure in r: status, http_code and the messages. */
static void drop_content(struct fetch_result *r)
{
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    free(r->content_type);
    r->body = r->etag = r->last_modified = r->content_type = NULL;
    r->len = 0;
    r->status = FETCH_FAILED;
}

/* Sets *dst to a copy of src, or NULL when src is NULL or empty. Returns 0, or
 * -1 when memory runs out. */
static int copy_value(char **dst, const char *src)
{
    *dst = NULL;
    if (!src || !src[0])
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}

/* ---- messages ---- */

static void say_en(struct fetch_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say_fr(struct fetch_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say_en(struct fetch_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
}

static void say_fr(struct fetch_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error_fr, sizeof r->error_fr, fmt, ap);
    va_end(ap);
}

/* Writes n as a French reader expects a size: "4 Mo", "512 Ko", "100 octets". */
static void fr_size(size_t n, char *buf, size_t buflen)
{
    if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
        snprintf(buf, buflen, "%zu Mo", n / (1024 * 1024));
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, buflen, "%zu Ko", n / 1024);
    else
        snprintf(buf, buflen, "%zu octets", n);
}

static void fail_too_big(struct fetch_result *r, size_t max)
{
    char size[32];
    fr_size(max, size, sizeof size);
    say_en(r, "body over %zu bytes", max);
    say_fr(r, "le fichier dépasse %s : allégez-le ou découpez-le", size);
}

static void fail_no_memory(struct fetch_result *r)
{
    say_en(r, "out of memory");
    say_fr(r, "mémoire insuffisante sur l'écran : nouvel essai plus tard");
}

static void fail_cancelled(struct fetch_result *r)
{
    say_en(r, "cancelled");
    say_fr(r, "téléchargement interrompu (arrêt de l'écran ou nouvelle configuration)");
}

/* An HTTP status other than 200 and 304, with a hint for the common ones. */
static void fail_http(struct fetch_result *r, long code)
{
    say_en(r, "HTTP %ld", code);
    switch (code) {
    case 400:
        say_fr(r, "le serveur a refusé la demande (erreur 400) : vérifiez l'adresse");
        break;
    case 401:
        say_fr(r, "le serveur demande un mot de passe (erreur 401) : le flux doit être public");
        break;
    case 403:
        say_fr(r, "le serveur refuse l'accès (erreur 403) : le flux doit être public");
        break;
    case 404:
        say_fr(r, "le serveur a répondu 404 (page introuvable) : vérifiez l'adresse");
        break;
    case 410:
        say_fr(r, "la page a été supprimée (erreur 410) : donnez la nouvelle adresse");
        break;
    case 429:
        say_fr(r, "le serveur limite les demandes (erreur 429) : nouvel essai plus tard");
        break;
    case 500:
        say_fr(r, "le serveur est en panne (erreur 500) : nouvel essai plus tard ; si cela "
               "dure, prévenez l'hébergeur du site");
        break;
    case 502:
    case 503:
    case 504:
        say_fr(r, "le serveur est indisponible (erreur %ld) : nouvel essai plus tard", code);
        break;
    case 304:
        say_en(r, "HTTP 304 to a request without validators");
        say_fr(r, "le serveur a répondu 304 sans raison : prévenez l'hébergeur du site");
        break;
    default:
        if (code >= 300 && code < 400)
            say_fr(r, "le serveur renvoie ailleurs (code %ld) sans dire où : vérifiez "
                   "l'adresse", code);
        else if (code >= 500)
            say_fr(r, "le serveur a un problème (erreur %ld) : nouvel essai plus tard", code);
        else
            say_fr(r, "le serveur a répondu %ld au lieu de la page : vérifiez l'adresse", code);
        break;
    }
}

/* ---- URLs ---- */

static int to_lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int is_alpha(int ch)
{
    ch = to_lower(ch);
    return ch >= 'a' && ch <= 'z';
}

static int hex_value(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = to_lower(ch);
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1;
}

/* Returns 1 when s starts with prefix, ignoring ASCII case. */
static int starts_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (to_lower((unsigned char)*s) != to_lower((unsigned char)*prefix))
            return 0;
    return 1;
}

/* Returns the length of the scheme at the start of s (RFC 3986 section 3.1:
 * ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) then ':'), or 0 when s has none
 * and so is a path. */
static size_t scheme_len(const char *s)
{
    size_t i = 0;
    if (!is_alpha((unsigned char)s[0]))
        return 0;
    while (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
           s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i : 0;
}

/* Copies the scheme of s, lowercased and at most n - 1 bytes, into buf. */
static void copy_scheme(const char *s, size_t len, char *buf, size_t n)
{
    size_t i;
    for (i = 0; i < len && i + 1 < n; i++)
        buf[i] = (char)to_lower((unsigned char)s[i]);
    buf[i] = '\0';
}

/* Decodes the percent-escapes of s (RFC 3986 section 2.1) into a new string.
 * Returns NULL when an escape is malformed or decodes to NUL, or when memory
 * runs out (*no_memory set). */
static char *percent_decode(const char *s, int *no_memory)
{
    size_t n = strlen(s), j = 0;
    char *out = malloc(n + 1);
    if (!out) {
        *no_memory = 1;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            out[j++] = s[i];
            continue;
        }
        int hi = hex_value((unsigned char)s[i + 1]);
        int lo = hi < 0 ? -1 : hex_value((unsigned char)s[i + 2]);
        if (lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        out[j++] = (char)(hi * 16 + lo);
        i += 2;
    }
    out[j] = '\0';
    return out;
}

/* ---- local files ---- */

/* FNV-1a, 64 bits: a cheap fingerprint of a file's content. */
static uint64_t fnv1a(const char *buf, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)buf[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static void fail_open(struct fetch_result *r, int err)
{
    switch (err) {
    case ENOENT:
    case ENOTDIR:
        say_en(r, "file not found");
        say_fr(r, "fichier introuvable : vérifiez le chemin");
        break;
    case EACCES:
    case EPERM:
        say_en(r, "permission denied");
        say_fr(r, "l'écran n'a pas le droit de lire ce fichier : vérifiez ses permissions");
        break;
    default:
        say_en(r, "cannot read the file: %s", strerror(err));
        say_fr(r, "impossible de lire le fichier (%s)", strerror(err));
        break;
    }
}

/* Reads the regular file at path, at most max bytes, into r. The validator
 * (returned as last_modified) holds the mtime to the nanosecond and the size,
 * which say most changes without reading, and a hash of the content, since a
 * rewrite of the same size within one tick of the kernel's coarse clock
 * (a few ms) keeps the same mtime. */
static int fetch_file(const char *path, const struct fetch_request *req, size_t max,
                      struct fetch_result *r)
{
    struct stat st;
    char validator[FETCH_MAX_HEADER_BYTES];
    char *buf = NULL;
    size_t len = 0;
    int rc = -1;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat refuses it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        fail_open(r, errno);
        goto cleanup;
    }
    if (fstat(fd, &st) != 0) {
        fail_open(r, errno);
        goto cleanup;
    }
    if (S_ISDIR(st.st_mode)) {
        say_en(r, "is a directory, not a file");
        say_fr(r, "ce chemin mène à un dossier, pas à un fichier : vérifiez le chemin");
        goto cleanup;
    }
    if (!S_ISREG(st.st_mode)) {
        say_en(r, "not a regular file");
        say_fr(r, "ce chemin ne mène pas à un fichier ordinaire : vérifiez le chemin");
        goto cleanup;
    }
    if (st.st_size < 0 || (uintmax_t)st.st_size > max) {
        fail_too_big(r, max);
        goto cleanup;
    }
    /* Room for one byte more than fstat said, to see a file that grows while
     * it is read (a writer that does not replace it atomically), and the NUL. */
    buf = malloc((size_t)st.st_size + 2);
    if (!buf) {
        fail_no_memory(r);
        goto cleanup;
    }
    for (;;) {
        size_t room = (size_t)st.st_size + 1 - len;
        if (room == 0) {
            say_en(r, "the file changed while being read");
            say_fr(r, "le fichier était en cours d'écriture : nouvel essai plus tard");
            goto cleanup;
        }
        ssize_t got = read(fd, buf + len, room < FILE_READ_CHUNK ? room : FILE_READ_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            fail_open(r, errno);
            goto cleanup;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    buf[len] = '\0';
    snprintf(validator, sizeof validator, "mtime %lld.%09ld size %zu fnv %016llx",
             (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec, len,
             (unsigned long long)fnv1a(buf, len));
    r->last_modified = strdup(validator);
    if (!r->last_modified) {
        fail_no_memory(r);
        goto cleanup;
    }
    if (req->last_modified && strcmp(req->last_modified, validator) == 0) {
        r->status = FETCH_NOT_MODIFIED;
    } else {
        r->status = FETCH_OK;
        r->body = buf;
        r->len = len;
        buf = NULL;
    }
    rc = 0;
cleanup:
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

/* Turns a file URL into a path: "file:///p" or "file://localhost/p" (RFC 8089
 * section 2; other hosts are remote and refused), percent-decoded. Returns
 * the path (caller frees) or NULL with the failure in r. */
static char *file_url_path(const char *url, struct fetch_result *r)
{
    const char *p = url + strlen("file:");
    int no_memory = 0;
    char *path;
    if (p[0] != '/' || p[1] != '/') {
        say_en(r, "file URL must be file:///absolute/path");
        say_fr(r, "adresse de fichier mal écrite : il faut file:///chemin/complet");
        return NULL;
    }
    p += 2;
    if (starts_nocase(p, "localhost/"))
        p += strlen("localhost");
    if (p[0] != '/') {
        say_en(r, "file URL on another host refused (only file:///path)");
        say_fr(r, "un fichier sur une autre machine ne peut pas être lu : donnez une adresse "
               "http:// ou https://");
        return NULL;
    }
    path = percent_decode(p, &no_memory);
    if (!path && no_memory) {
        fail_no_memory(r);
        return NULL;
    }
    if (!path || strlen(path) >= PATH_MAX) {
        free(path);
        say_en(r, "malformed file URL (bad %%-escape or too long)");
        say_fr(r, "adresse de fichier mal écrite (caractère %% mal codé ou chemin trop long)");
        return NULL;
    }
    return path;
}

/* ---- HTTP ---- */

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct xfer *x = userdata;
    size_t n = size * nmemb;     /* libcurl guarantees no overflow */
    /* Only a 200 has a body worth reading: an error page stops the transfer,
     * whatever its size or speed (libcurl skips the bodies of the redirects
     * it follows). */
    if (x->status != 200) {
        x->error_page = 1;
        return 0;
    }
    if (n > x->max - x->len) {
        x->too_big = 1;
        return 0;
    }
    if (x->len + n + 1 > x->cap) {
        size_t cap = x->cap ? x->cap : FIRST_BODY_ALLOC;
        while (cap < x->len + n + 1)
            cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
        if (cap > x->max + 1)
            cap = x->max + 1;    /* x->len + n <= x->max, so it still fits */
        char *grown = realloc(x->body, cap);
        if (!grown) {
            x->no_memory = 1;
            return 0;
        }
        x->body = grown;
        x->cap = cap;
    }
    memcpy(x->body + x->len, ptr, n);
    x->len += n;
    return n;
}

/* Copies the value of header line h[0..n) into dst when its name is name,
 * trimmed of blanks and the CR LF; an empty value, an overlong one or one
 * with control characters leaves dst empty. Returns 1 when the name
 * matched. */
static int take_header(const char *h, size_t n, const char *name, char *dst, size_t dstlen)
{
    size_t nl = strlen(name);
    if (n <= nl || h[nl] != ':' || !starts_nocase(h, name))
        return 0;
    const char *v = h + nl + 1, *end = h + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
                       end[-1] == '\n'))
        end--;
    dst[0] = '\0';
    if ((size_t)(end - v) >= dstlen)
        return 1;
    for (const char *c = v; c < end; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return 1;
    memcpy(dst, v, (size_t)(end - v));
    dst[end - v] = '\0';
    return 1;
}

static size_t on_header(char *h, size_t size, size_t nitems, void *userdata)
{
    struct xfer *x = userdata;
    size_t n = size * nitems;
    char location[HS_MAX_URL_BYTES];
    if (n > 5 && memcmp(h, "HTTP/", 5) == 0) {
        /* A new response: "HTTP/1.1 302 Found", "HTTP/2 200". */
        size_t i = 5;
        while (i < n && h[i] != ' ')
            i++;
        long code = 0;
        for (int d = 0; d < 3 && ++i < n && h[i] >= '0' && h[i] <= '9'; d++)
            code = code * 10 + (h[i] - '0');
        x->status = code;
        x->etag[0] = x->last_modified[0] = x->content_type[0] = '\0';
        x->location_scheme[0] = '\0';
        return n;
    }
    if (take_header(h, n, "ETag", x->etag, sizeof x->etag) ||
        take_header(h, n, "Last-Modified", x->last_modified, sizeof x->last_modified) ||
        take_header(h, n, "Content-Type", x->content_type, sizeof x->content_type))
        return n;
    if (take_header(h, n, "Location", location, sizeof location)) {
        size_t sl = scheme_len(location);
        copy_scheme(location, sl, x->location_scheme, sizeof x->location_scheme);
    }
    return n;
}

static int on_progress(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    const struct xfer *x = clientp;
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    return x->cancel && *x->cancel ? 1 : 0;
}

/* A validator goes into a request header only when it cannot break the
 * header: bounded, no control characters. */
static int header_value_ok(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n >= FETCH_MAX_HEADER_BYTES)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return 0;
    return 1;
}

/* Appends "name: value" to *list. Returns 0 or -1 when memory runs out. */
static int add_header(struct curl_slist **list, const char *name, const char *value)
{
    char line[FETCH_MAX_HEADER_BYTES + 32];
    struct curl_slist *grown;
    snprintf(line, sizeof line, "%s: %s", name, value);
    grown = curl_slist_append(*list, line);
    if (!grown)
        return -1;
    *list = grown;
    return 0;
}

/* Runs the transfer on a multi handle, polling at most CANCEL_POLL_MS at a
 * time so that the cancel flag is seen even when no byte arrives (libcurl's
 * own progress callback may then wait a second). Sets *cancelled when the
 * flag stopped it. Returns the transfer's result. */
static CURLcode run_transfer(CURL *h, const volatile sig_atomic_t *cancel, int *cancelled)
{
    CURLM *m = curl_multi_init();
    CURLcode res = CURLE_FAILED_INIT;
    int running = 1, added = 0;
    if (!m)
        return CURLE_OUT_OF_MEMORY;
    if (curl_multi_add_handle(m, h) != CURLM_OK)
        goto cleanup;
    added = 1;
    for (;;) {
        if (curl_multi_perform(m, &running) != CURLM_OK)
            goto cleanup;
        if (!running)
            break;
        if (cancel && *cancel) {
            *cancelled = 1;
            res = CURLE_ABORTED_BY_CALLBACK;
            goto cleanup;
        }
        if (curl_multi_poll(m, NULL, 0, CANCEL_POLL_MS, NULL) != CURLM_OK)
            goto cleanup;
    }
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(m, &left)) != NULL)
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == h)
            res = msg->data.result;
cleanup:
    if (added && curl_multi_remove_handle(m, h) != CURLM_OK && res == CURLE_OK)
        res = CURLE_FAILED_INIT;
    curl_multi_cleanup(m);
    return res;
}

/* Says why libcurl failed, in both languages. */
static void fail_curl(struct fetch_result *r, CURL *h, CURLcode code, const struct xfer *x,
                      const char *errbuf, long timeout_s)
{
    long os_errno = 0;
    curl_off_t connect_us = 0;
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        say_en(r, "cannot resolve the host name");
        say_fr(r, "nom de serveur inconnu : vérifiez l'adresse, ou la connexion de l'écran");
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        say_en(r, "cannot resolve the proxy's host name");
        say_fr(r, "le proxy de l'écran est introuvable : vérifiez sa configuration réseau");
        break;
    case CURLE_COULDNT_CONNECT:
        if (curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno) != CURLE_OK)
            os_errno = 0;
        if (os_errno == ECONNREFUSED) {
            say_en(r, "connection refused");
            say_fr(r, "le serveur refuse la connexion : il est arrêté, ou l'adresse est "
                   "fausse");
        } else if (os_errno == ENETUNREACH || os_errno == EHOSTUNREACH) {
            say_en(r, "network unreachable (%s)", strerror((int)os_errno));
            say_fr(r, "le serveur est injoignable : vérifiez la connexion de l'écran");
        } else {
            say_en(r, "cannot connect to the server");
            say_fr(r, "impossible de joindre le serveur : vérifiez l'adresse et la "
                   "connexion de l'écran");
        }
        break;
    case CURLE_OPERATION_TIMEDOUT:
        if (curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect_us) != CURLE_OK)
            connect_us = 0;
        if (strncmp(errbuf, "Operation too slow", 18) == 0) {
            long t = timeout_s / 2;
            t = t < 1 ? 1 : t > MAX_LOW_SPEED_TIME_S ? MAX_LOW_SPEED_TIME_S : t;
            say_en(r, "stalled: under %ld bytes/s for %ld s", LOW_SPEED_BYTES, t);
            say_fr(r, "le serveur a cessé d'envoyer (presque rien reçu en %ld s) : nouvel "
                   "essai plus tard", t);
        } else if (connect_us == 0) {
            long t = timeout_s < MAX_CONNECT_TIMEOUT_S ? timeout_s : MAX_CONNECT_TIMEOUT_S;
            say_en(r, "no connection after %ld s", t);
            say_fr(r, "pas de réponse du serveur en %ld s : vérifiez l'adresse et la "
                   "connexion de l'écran", t);
        } else {
            say_en(r, "timed out after %ld s", timeout_s);
            say_fr(r, "le serveur n'a pas tout envoyé en %ld s : nouvel essai plus tard",
                   timeout_s);
        }
        break;
    case CURLE_TOO_MANY_REDIRECTS:
        say_en(r, "too many redirects (more than %d)", HS_MAX_REDIRECTS);
        say_fr(r, "l'adresse renvoie vers d'autres adresses sans fin : vérifiez-la auprès "
               "de l'hébergeur du site");
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        /* The first URL's scheme was checked before: this is a redirect. */
        if (x->location_scheme[0]) {
            say_en(r, "redirect to a non-HTTP URL refused (%s:)", x->location_scheme);
        } else {
            say_en(r, "redirect to a non-HTTP URL refused");
        }
        say_fr(r, "le serveur renvoie vers une adresse qui n'est pas une page web : "
               "refusé ; donnez directement l'adresse http:// ou https:// du flux");
        break;
    case CURLE_FILESIZE_EXCEEDED:
        fail_too_big(r, x->max);
        break;
    case CURLE_PARTIAL_FILE:
        say_en(r, "connection closed before the end of the body");
        say_fr(r, "le serveur a coupé avant la fin du fichier : nouvel essai plus tard");
        break;
    case CURLE_GOT_NOTHING:
        say_en(r, "the server closed the connection without replying");
        say_fr(r, "le serveur a coupé sans répondre : nouvel essai plus tard");
        break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        say_en(r, "connection broken (%s)", errbuf[0] ? errbuf : curl_easy_strerror(code));
        say_fr(r, "la connexion a été coupée : nouvel essai plus tard");
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        say_en(r, "TLS certificate not trusted (%s)", errbuf[0] ? errbuf : "verify failed");
        say_fr(r, "le certificat de sécurité du site n'est pas valable (périmé ou pour un "
               "autre nom) : prévenez l'hébergeur du site, ou vérifiez l'heure de l'écran");
        break;
    case CURLE_SSL_CONNECT_ERROR:
        say_en(r, "TLS handshake failed (%s)", errbuf[0] ? errbuf : "no detail");
        say_fr(r, "la connexion sécurisée au site a échoué : prévenez l'hébergeur du site");
        break;
    case CURLE_BAD_CONTENT_ENCODING:
        say_en(r, "cannot decompress the body");
        say_fr(r, "le serveur a envoyé un fichier compressé illisible : prévenez "
               "l'hébergeur du site");
        break;
    case CURLE_WEIRD_SERVER_REPLY:
        say_en(r, "not an HTTP reply");
        say_fr(r, "le serveur ne répond pas comme un site web : vérifiez l'adresse");
        break;
    case CURLE_URL_MALFORMAT:
        say_en(r, "malformed URL");
        say_fr(r, "l'adresse est mal écrite : vérifiez-la");
        break;
    case CURLE_OUT_OF_MEMORY:
        fail_no_memory(r);
        break;
    default:
        say_en(r, "curl error %d: %s", (int)code, errbuf[0] ? errbuf : curl_easy_strerror(code));
        say_fr(r, "le téléchargement a échoué (erreur technique %d) : nouvel essai plus tard",
               (int)code);
        break;
    }
}

static int fetch_http(const struct fetch_request *req, size_t max, struct fetch_result *r)
{
    CURL *h = NULL;
    struct curl_slist *headers = NULL;
    struct xfer *x = NULL;
    char errbuf[CURL_ERROR_SIZE] = "";
    long timeout_s = req->timeout_s > 0 ? req->timeout_s : DEFAULT_TIMEOUT_S;
    long connect_s = timeout_s < MAX_CONNECT_TIMEOUT_S ? timeout_s : MAX_CONNECT_TIMEOUT_S;
    long low_speed_s = timeout_s / 2;
    int conditional = 0, cancelled = 0, rc = -1;
    CURLcode res;

    if (low_speed_s < 1)
        low_speed_s = 1;
    if (low_speed_s > MAX_LOW_SPEED_TIME_S)
        low_speed_s = MAX_LOW_SPEED_TIME_S;
    x = calloc(1, sizeof *x);
    h = curl_easy_init();
    if (!x || !h) {
        fail_no_memory(r);
        goto cleanup;
    }
    x->cancel = req->cancel;
    x->max = max;
    if (req->etag && header_value_ok(req->etag)) {
        if (add_header(&headers, "If-None-Match", req->etag) != 0)
            goto no_memory;
        conditional = 1;
    }
    if (req->last_modified && header_value_ok(req->last_modified)) {
        /* Sent back as received (RFC 9110 section 13.1.3), not reformatted. */
        if (add_header(&headers, "If-Modified-Since", req->last_modified) != 0)
            goto no_memory;
        conditional = 1;
    }
    /* Every option matters (protocols and caps are the security of the
     * fetch): one that does not take fails the fetch. */
    if (curl_easy_setopt(h, CURLOPT_URL, req->url) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)HS_MAX_REDIRECTS) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, connect_s) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout_s) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_BYTES) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, low_speed_s) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_USERAGENT, fetch_user_agent()) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_WRITEDATA, x) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_HEADERDATA, x) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, x) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) != CURLE_OK) {
        say_en(r, "libcurl refused an option (%s)", errbuf[0] ? errbuf : "too old?");
        say_fr(r, "erreur interne de l'écran (bibliothèque curl) : prévenez la technique");
        goto cleanup;
    }

    res = run_transfer(h, req->cancel, &cancelled);
    if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->http_code) != CURLE_OK)
        r->http_code = 0;
    if (cancelled || res == CURLE_ABORTED_BY_CALLBACK) {
        fail_cancelled(r);
        goto cleanup;
    }
    if (x->no_memory) {
        fail_no_memory(r);
        goto cleanup;
    }
    if (x->too_big) {
        fail_too_big(r, max);
        goto cleanup;
    }
    if (x->error_page) {
        fail_http(r, x->status);
        goto cleanup;
    }
    if (res != CURLE_OK) {
        /* A declared size over the cap on an error page: the status says more. */
        if (res == CURLE_FILESIZE_EXCEEDED && x->status != 200 && x->status >= 300)
            fail_http(r, x->status);
        else
            fail_curl(r, h, res, x, errbuf, timeout_s);
        goto cleanup;
    }
    if (r->http_code == 304 && conditional) {
        r->status = FETCH_NOT_MODIFIED;
        /* A 304 may update the validators (RFC 9110 section 15.4.5). */
        const char *etag = x->etag[0] || x->last_modified[0] ? x->etag : req->etag;
        const char *lm = x->etag[0] || x->last_modified[0] ? x->last_modified
                                                           : req->last_modified;
        if (copy_value(&r->etag, etag) != 0 || copy_value(&r->last_modified, lm) != 0)
            goto no_memory;
        rc = 0;
        goto cleanup;
    }
    if (r->http_code != 200) {
        fail_http(r, r->http_code);
        goto cleanup;
    }
    if (!x->body) {
        x->body = malloc(1);
        if (!x->body)
            goto no_memory;
    }
    x->body[x->len] = '\0';
    if (copy_value(&r->etag, x->etag) != 0 ||
        copy_value(&r->last_modified, x->last_modified) != 0 ||
        copy_value(&r->content_type, x->content_type) != 0)
        goto no_memory;
    r->status = FETCH_OK;
    r->body = x->body;
    r->len = x->len;
    x->body = NULL;
    rc = 0;
    goto cleanup;
no_memory:
    fail_no_memory(r);
cleanup:
    if (x)
        free(x->body);
    free(x);
    curl_easy_cleanup(h);
    curl_slist_free_all(headers);
    return rc;
}

/* ---- entry point ---- */

int fetch_url(const struct fetch_request *req, struct fetch_result *out)
{
    char scheme[16];
    size_t sl, max;
    char *path = NULL;
    int rc = -1;
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    out->status = FETCH_FAILED;
    if (!req || !req->url || !req->url[0]) {
        say_en(out, "no URL");
        say_fr(out, "aucune adresse n'est donnée pour ce flux");
        goto cleanup;
    }
    if (strlen(req->url) > HS_MAX_URL_BYTES) {
        say_en(out, "URL over %d bytes", HS_MAX_URL_BYTES);
        say_fr(out, "l'adresse est trop longue (plus de %d caractères)", HS_MAX_URL_BYTES);
        goto cleanup;
    }
    if (req->cancel && *req->cancel) {
        fail_cancelled(out);
        goto cleanup;
    }
    max = req->max_bytes ? req->max_bytes : HS_MAX_FEED_BYTES;
    if (max > SIZE_MAX / 4)
        max = SIZE_MAX / 4;    /* so that max + 2 and the doubling never overflow */
    sl = scheme_len(req->url);
    copy_scheme(req->url, sl, scheme, sizeof scheme);
    if (sl == 0) {
        rc = fetch_file(req->url, req, max, out);
    } else if (strcmp(scheme, "file") == 0) {
        path = file_url_path(req->url, out);
        if (path)
            rc = fetch_file(path, req, max, out);
    } else if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) {
        if (strncmp(req->url + sl, "://", 3) == 0) {
            rc = fetch_http(req, max, out);
        } else {
            say_en(out, "URL refused: expected %s://host/path", scheme);
            say_fr(out, "adresse refusée : elle doit commencer par %s://", scheme);
        }
    } else {
        say_en(out, "URL scheme '%s:' refused (only http, https, file or a path)", scheme);
        say_fr(out, "adresse refusée : elle doit commencer par http:// ou https:// (ou être "
               "un fichier de l'écran)");
    }
cleanup:
    free(path);
    if (rc != 0) {
        drop_content(out);
        if (!out->error[0]) {
            say_en(out, "fetch failed");
            say_fr(out, "le téléchargement a échoué : nouvel essai plus tard");
        }
    }
    return rc;
}
