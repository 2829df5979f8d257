/* Tests of feeds/fetch.c against tests/httpd.py, a real local HTTP server
 * that misbehaves on purpose (stalls, truncates, floods, loops, redirects to
 * other schemes), and against local files. Run from the repository root. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "../content/limits.h"
#include "../feeds/fetch.h"
#include "httpd.h"

/* The bodies tests/httpd.py serves, byte for byte. */
#define RSS                                                                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                         \
    "<rss version=\"2.0\"><channel><title>Centre social</title>\n"                         \
    "<item><title>Permanence CAF</title></item>\n"                                         \
    "</channel></rss>\n"
#define HTML_ERROR                                                                         \
    "<!DOCTYPE html>\n<html><head><title>Erreur</title></head>"                            \
    "<body><h1>Service indisponible</h1></body></html>\n"
#define LATIN1                                                                             \
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Caf\xE9 \xE9t\xE9"      \
    "</title></channel></rss>\n"
#define OK_LAST_MODIFIED "Mon, 01 Jan 2024 10:00:00 GMT"

static struct httpd server;
static char tmpdir[64];

/* ---- helpers ---- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *url_of(const char *path)
{
    static char buf[256];
    return httpd_url(&server, path, buf, sizeof buf);
}

/* Fetches url with the given validators, timeout and cap. */
static int fetch(const char *url, const char *etag, const char *lm, long timeout_s,
                 size_t max, struct fetch_result *r)
{
    struct fetch_request req = {
        .url = url, .etag = etag, .last_modified = lm, .timeout_s = timeout_s,
        .max_bytes = max,
    };
    return fetch_url(&req, r);
}

/* Asserts a FETCH_FAILED result: rc -1, no content, and messages in both
 * languages holding en and fr. The French one must be French: it holds at
 * least one word of the list below. */
static void expect_failed(int rc, const struct fetch_result *r, const char *en, const char *fr)
{
    static const char *const french[] = {"le ", "la ", "l'", "les ", "pas ", "vérifiez",
                                         "essai", "adresse", "fichier", "serveur"};
    int is_french = 0;
    if (rc != -1 || r->status != FETCH_FAILED)
        fail_msg("expected a failure, got rc %d status %d", rc, (int)r->status);
    assert_null(r->body);
    assert_int_equal(r->len, 0);
    assert_null(r->etag);
    assert_null(r->last_modified);
    assert_null(r->content_type);
    if (!strstr(r->error, en))
        fail_msg("error '%s' does not say '%s'", r->error, en);
    if (!strstr(r->error_fr, fr))
        fail_msg("error_fr '%s' does not say '%s'", r->error_fr, fr);
    for (size_t i = 0; i < sizeof french / sizeof french[0]; i++)
        if (strstr(r->error_fr, french[i]))
            is_french = 1;
    if (!is_french)
        fail_msg("error_fr '%s' does not look French", r->error_fr);
    assert_null(strchr(r->error, '\n'));
    assert_null(strchr(r->error_fr, '\n'));
}

static void expect_body(const struct fetch_result *r, const char *want, size_t len)
{
    if (r->status != FETCH_OK)
        fail_msg("expected FETCH_OK, got %d: %s", (int)r->status, r->error);
    assert_non_null(r->body);
    assert_int_equal(r->len, len);
    assert_memory_equal(r->body, want, len);
    assert_int_equal(r->body[len], '\0');
    assert_string_equal(r->error, "");
    assert_string_equal(r->error_fr, "");
}

/* Returns the server's /stats as a JSON object (caller decrefs). */
static json_t *stats(void)
{
    struct fetch_result r;
    json_error_t err;
    assert_int_equal(fetch(url_of("/stats"), NULL, NULL, 5, 0, &r), 0);
    json_t *j = json_loadb(r.body, r.len, 0, &err);
    fetch_result_free(&r);
    if (!j)
        fail_msg("bad /stats JSON: %s", err.text);
    return j;
}

/* Returns how many requests the server counted under key. */
static long stat_count(const char *key)
{
    json_t *j = stats();
    json_t *n = json_object_get(json_object_get(j, "counts"), key);
    long v = n ? (long)json_integer_value(n) : 0;
    json_decref(j);
    return v;
}

/* Copies the header (lowercase name) of the last request counted under key
 * into buf; "" when absent. */
static void stat_header(const char *key, const char *name, char *buf, size_t n)
{
    json_t *j = stats();
    json_t *v = json_object_get(json_object_get(json_object_get(j, "headers"), key), name);
    snprintf(buf, n, "%s", v ? json_string_value(v) : "");
    json_decref(j);
}

/* Returns a TCP port on 127.0.0.1 where nobody listens (a moment ago). */
static int dead_port(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static long max_rss_kib(void)
{
    struct rusage ru;
    assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
    return ru.ru_maxrss;
}

/* ---- setup ---- */

/* Removes path and, for a directory, everything under it. Returns 0 or -1. */
static int remove_tree(const char *path)
{
    struct stat st;
    char child[512];
    int rc = 0;
    if (lstat(path, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *ent;
        if (!d)
            return -1;
        while ((ent = readdir(d)) != NULL) {
            if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
                continue;
            snprintf(child, sizeof child, "%s/%s", path, ent->d_name);
            if (remove_tree(child) != 0)
                rc = -1;
        }
        closedir(d);
        return rmdir(path) == 0 ? rc : -1;
    }
    return unlink(path) == 0 ? rc : -1;
}

static int setup(void **state)
{
    (void)state;
    /* The server is local whatever proxy the machine uses. */
    if (setenv("no_proxy", "127.0.0.1,localhost", 1) != 0 ||
        setenv("NO_PROXY", "127.0.0.1,localhost", 1) != 0 || fetch_global_init() != 0)
        return -1;
    if (httpd_start(&server) != 0)
        return -1;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hs-fetch-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    httpd_stop(&server);
    fetch_global_cleanup();
    return remove_tree(tmpdir);
}

/* ---- HTTP ---- */

static void test_ok(void **state)
{
    struct fetch_result r;
    char ua[64];
    (void)state;
    assert_int_equal(fetch(url_of("/ok.xml"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    assert_string_equal(r.etag, "\"v1\"");
    assert_string_equal(r.last_modified, OK_LAST_MODIFIED);
    assert_string_equal(r.content_type, "application/rss+xml");
    assert_int_equal(r.http_code, 200);
    fetch_result_free(&r);
    stat_header("ok.xml", "user-agent", ua, sizeof ua);
    assert_string_equal(ua, "hallscreen/" HS_VERSION);
    assert_string_equal(fetch_user_agent(), "hallscreen/" HS_VERSION);
}

static void test_not_modified(void **state)
{
    struct fetch_result r;
    char h[64];
    (void)state;
    long before = stat_count("ok.xml#304");
    assert_int_equal(fetch(url_of("/ok.xml"), "\"v1\"", OK_LAST_MODIFIED, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_NOT_MODIFIED);
    assert_null(r.body);
    assert_int_equal(r.len, 0);
    assert_int_equal(r.http_code, 304);
    assert_string_equal(r.etag, "\"v1\"");    /* the 304's own */
    fetch_result_free(&r);
    assert_int_equal(stat_count("ok.xml#304"), before + 1);
    stat_header("ok.xml#304", "if-none-match", h, sizeof h);
    assert_string_equal(h, "\"v1\"");
    stat_header("ok.xml#304", "if-modified-since", h, sizeof h);
    assert_string_equal(h, OK_LAST_MODIFIED);

    /* A stale ETag gets the body again. */
    assert_int_equal(fetch(url_of("/ok.xml"), "\"v0\"", NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    fetch_result_free(&r);
}

static void test_if_modified_since(void **state)
{
    struct fetch_result r;
    char h[64];
    (void)state;
    assert_int_equal(fetch(url_of("/lm-only.xml"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    assert_null(r.etag);
    assert_string_equal(r.last_modified, OK_LAST_MODIFIED);
    fetch_result_free(&r);
    stat_header("lm-only.xml", "if-modified-since", h, sizeof h);
    assert_string_equal(h, "");

    assert_int_equal(fetch(url_of("/lm-only.xml"), NULL, OK_LAST_MODIFIED, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_NOT_MODIFIED);
    assert_null(r.body);
    /* The 304 gave no validator: the request's stay valid. */
    assert_null(r.etag);
    assert_string_equal(r.last_modified, OK_LAST_MODIFIED);
    fetch_result_free(&r);
    stat_header("lm-only.xml", "if-modified-since", h, sizeof h);
    assert_string_equal(h, OK_LAST_MODIFIED);
}

static void test_not_modified_new_validator(void **state)
{
    struct fetch_result r;
    (void)state;
    assert_int_equal(fetch(url_of("/new-etag.xml"), "\"old\"", NULL, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_NOT_MODIFIED);
    assert_string_equal(r.etag, "\"new\"");
    fetch_result_free(&r);
}

static void test_bad_validators_not_sent(void **state)
{
    struct fetch_result r;
    char h[64];
    (void)state;
    /* A validator with a line break would inject a header: never sent. */
    assert_int_equal(fetch(url_of("/ok.xml"), "\"v1\"\r\nX-Evil: 1", NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    fetch_result_free(&r);
    stat_header("ok.xml", "if-none-match", h, sizeof h);
    assert_string_equal(h, "");
    stat_header("ok.xml", "x-evil", h, sizeof h);
    assert_string_equal(h, "");
}

static void test_long_etag_dropped(void **state)
{
    struct fetch_result r;
    (void)state;
    assert_int_equal(fetch(url_of("/long-etag.xml"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    assert_null(r.etag);
    fetch_result_free(&r);
}

static void test_http_errors(void **state)
{
    struct fetch_result r;
    int rc;
    (void)state;
    rc = fetch(url_of("/notfound"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "HTTP 404", "404");
    assert_non_null(strstr(r.error_fr, "introuvable"));
    assert_int_equal(r.http_code, 404);
    fetch_result_free(&r);

    rc = fetch(url_of("/error"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "HTTP 500", "500");
    assert_int_equal(r.http_code, 500);
    fetch_result_free(&r);

    rc = fetch(url_of("/forbidden"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "HTTP 403", "public");
    fetch_result_free(&r);

    rc = fetch(url_of("/no-such-path"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "HTTP 404", "404");
    fetch_result_free(&r);

    /* An error page is not waited for. */
    double t0 = now_s();
    rc = fetch(url_of("/error-slow"), NULL, NULL, 3, 0, &r);
    expect_failed(rc, &r, "HTTP 500", "500");
    assert_true(now_s() - t0 < 1.0);
    fetch_result_free(&r);

    /* An error page declaring 100 MB: the status is the news, not the size. */
    rc = fetch(url_of("/error-huge"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "HTTP 503", "503");
    fetch_result_free(&r);
}

static void test_stall(void **state)
{
    struct fetch_result r;
    (void)state;
    double t0 = now_s();
    int rc = fetch(url_of("/stall"), NULL, NULL, 2, 0, &r);
    double took = now_s() - t0;
    expect_failed(rc, &r, "stalled", "cessé d'envoyer");
    if (took < 0.5 || took > 2.5)
        fail_msg("a stall with timeout 2 s failed after %.2f s", took);
    fetch_result_free(&r);
}

static void test_total_timeout(void **state)
{
    struct fetch_result r;
    (void)state;
    double t0 = now_s();
    int rc = fetch(url_of("/slow-body"), NULL, NULL, 2, 0, &r);
    double took = now_s() - t0;
    expect_failed(rc, &r, "timed out after 2 s", "en 2 s");
    if (took < 1.5 || took > 3.0)
        fail_msg("timeout 2 s hit after %.2f s", took);
    fetch_result_free(&r);
}

static void test_slow_drip(void **state)
{
    struct fetch_result r;
    (void)state;
    /* 1 byte/s: under 10 bytes/s for timeout / 2 = 2 s, well before 4 s. */
    double t0 = now_s();
    int rc = fetch(url_of("/slow-drip"), NULL, NULL, 4, 0, &r);
    double took = now_s() - t0;
    expect_failed(rc, &r, "stalled: under 10 bytes/s for 2 s", "en 2 s");
    if (took < 1.5 || took > 3.5)
        fail_msg("low-speed limit hit after %.2f s", took);
    fetch_result_free(&r);
}

static void test_close_mid_body(void **state)
{
    struct fetch_result r;
    (void)state;
    int rc = fetch(url_of("/close-mid-body"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "closed before the end", "coupé avant la fin");
    fetch_result_free(&r);
}

static void test_huge(void **state)
{
    struct fetch_result r;
    (void)state;
    long rss0 = max_rss_kib();
    double t0 = now_s();
    int rc = fetch(url_of("/huge"), NULL, NULL, 30, HS_MAX_FEED_BYTES, &r);
    double took = now_s() - t0;
    expect_failed(rc, &r, "body over 4194304 bytes", "dépasse 4 Mo");
    assert_int_equal(r.http_code, 200);
    if (took > 3.0)
        fail_msg("the cap took %.2f s to hit", took);
    /* 100 MB were on offer: the peak grew by far less. */
    long grown = max_rss_kib() - rss0;
    if (grown > 40 * 1024)
        fail_msg("peak memory grew by %ld KiB", grown);
    fetch_result_free(&r);

    rc = fetch(url_of("/huge"), NULL, NULL, 30, 1000, &r);
    expect_failed(rc, &r, "body over 1000 bytes", "1000 octets");
    fetch_result_free(&r);
}

static void test_huge_declared(void **state)
{
    struct fetch_result r;
    (void)state;
    double t0 = now_s();
    int rc = fetch(url_of("/huge-declared"), NULL, NULL, 30, HS_MAX_FEED_BYTES, &r);
    expect_failed(rc, &r, "body over 4194304 bytes", "4 Mo");
    assert_true(now_s() - t0 < 3.0);
    fetch_result_free(&r);
}

static void test_gzip(void **state)
{
    struct fetch_result r;
    (void)state;
    /* The cap holds for the decompressed bytes: 16 MiB of zeros in 16 KiB. */
    int rc = fetch(url_of("/gzip-bomb"), NULL, NULL, 10, 1024 * 1024, &r);
    expect_failed(rc, &r, "body over 1048576 bytes", "1 Mo");
    fetch_result_free(&r);

    assert_int_equal(fetch(url_of("/gzip-ok"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    fetch_result_free(&r);
}

static void test_redirects(void **state)
{
    struct fetch_result r;
    int rc;
    (void)state;
    long before = stat_count("redirect-loop");
    rc = fetch(url_of("/redirect-loop"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "too many redirects (more than 5)", "sans fin");
    fetch_result_free(&r);
    assert_int_equal(stat_count("redirect-loop"), before + 1 + HS_MAX_REDIRECTS);

    rc = fetch(url_of("/redirect-file"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "redirect to a non-HTTP URL refused (file:)", "refusé");
    fetch_result_free(&r);

    rc = fetch(url_of("/redirect-ftp"), NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "redirect to a non-HTTP URL refused (ftp:)", "refusé");
    fetch_result_free(&r);

    assert_int_equal(fetch(url_of("/redirect-ok"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    /* The final response's headers, not the redirect's. */
    assert_string_equal(r.etag, "\"v1\"");
    assert_string_equal(r.content_type, "application/rss+xml");
    fetch_result_free(&r);

    /* The validators of a redirect are not the page's. */
    assert_int_equal(fetch(url_of("/redirect-plain"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, "", 0);
    assert_null(r.etag);
    assert_null(r.last_modified);
    assert_string_equal(r.content_type, "application/rss+xml");
    fetch_result_free(&r);
}

static void test_content_not_judged(void **state)
{
    struct fetch_result r;
    (void)state;
    assert_int_equal(fetch(url_of("/html-200"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, HTML_ERROR, strlen(HTML_ERROR));
    assert_string_equal(r.content_type, "text/html");
    fetch_result_free(&r);

    assert_int_equal(fetch(url_of("/wrong-type"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    assert_string_equal(r.content_type, "image/png");
    fetch_result_free(&r);

    assert_int_equal(fetch(url_of("/latin1"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, LATIN1, strlen(LATIN1));
    assert_string_equal(r.content_type, "text/xml; charset=utf-8");
    fetch_result_free(&r);

    assert_int_equal(fetch(url_of("/empty"), NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, "", 0);
    fetch_result_free(&r);
}

static void test_connection_refused(void **state)
{
    struct fetch_result r;
    char url[64];
    (void)state;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/ok.xml", dead_port());
    int rc = fetch(url, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "connection refused", "refuse la connexion");
    assert_int_equal(r.http_code, 0);
    fetch_result_free(&r);
}

static void test_connect_timeout(void **state)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    struct fetch_result r;
    int fds[4];
    char url[64];
    (void)state;
    /* A listener whose queue is full: Linux drops further SYNs, so the
     * connection never completes (a host that does not answer). */
    fds[0] = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fds[0] >= 0);
    assert_int_equal(bind(fds[0], (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fds[0], 0), 0);
    assert_int_equal(getsockname(fds[0], (struct sockaddr *)&a, &alen), 0);
    for (int i = 1; i < 4; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        assert_true(fds[i] >= 0);
        connect(fds[i], (struct sockaddr *)&a, sizeof a);
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d/ok.xml", ntohs(a.sin_port));
    double t0 = now_s();
    int rc = fetch(url, NULL, NULL, 2, 0, &r);
    double took = now_s() - t0;
    expect_failed(rc, &r, "no connection after 2 s", "pas de réponse du serveur en 2 s");
    if (took < 1.5 || took > 3.0)
        fail_msg("connect timeout 2 s hit after %.2f s", took);
    fetch_result_free(&r);
    for (int i = 0; i < 4; i++)
        close(fds[i]);
}

static void test_schemes_refused_without_io(void **state)
{
    /* Each is followed by "127.0.0.1:PORT/x". */
    static const char *const refused[] = {
        "ftp://", "FTP://", "gopher://", "scp://", "dict://", "telnet://", "ldap://",
        "http:", "https:/", "data:text/plain,", "javascript:", "file://",
    };
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    struct fetch_result r;
    char url[128];
    (void)state;
    /* A listener of our own: any connection attempt would queue on it. */
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 8), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        snprintf(url, sizeof url, "%s127.0.0.1:%d/x", refused[i], ntohs(a.sin_port));
        int rc = fetch(url, NULL, NULL, 2, 0, &r);
        if (strncmp(url, "file:", 5) == 0)
            expect_failed(rc, &r, "another host", "autre machine");
        else
            expect_failed(rc, &r, "refused", "refusée");
        fetch_result_free(&r);
    }
    assert_int_equal(accept(fd, NULL, NULL), -1);
    assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
    close(fd);

    /* Scheme names are case-insensitive: HTTP:// is http://. */
    snprintf(url, sizeof url, "HTTP://127.0.0.1:%d/ok.xml", server.port);
    assert_int_equal(fetch(url, NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    fetch_result_free(&r);

    int rc = fetch("", NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "no URL", "adresse");
    fetch_result_free(&r);
}

static void test_url_too_long(void **state)
{
    struct fetch_result r;
    char *url = malloc(HS_MAX_URL_BYTES + 16);
    (void)state;
    assert_non_null(url);
    memset(url, 'a', HS_MAX_URL_BYTES + 15);
    memcpy(url, "http://h/", 9);
    url[HS_MAX_URL_BYTES + 15] = '\0';
    int rc = fetch(url, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "URL over 2048 bytes", "trop longue");
    fetch_result_free(&r);
    free(url);
}

/* ---- cancel ---- */

static volatile sig_atomic_t cancel_flag;
static double cancel_time;

static void *cancel_later(void *arg)
{
    struct timespec d = {0, 300 * 1000 * 1000};
    (void)arg;
    nanosleep(&d, NULL);
    cancel_time = now_s();
    cancel_flag = 1;
    return NULL;
}

static void test_cancel(void **state)
{
    struct fetch_request req = {.url = url_of("/stall"), .timeout_s = 30, .cancel = &cancel_flag};
    struct fetch_result r;
    pthread_t t;
    (void)state;
    cancel_flag = 0;
    double t0 = now_s();
    assert_int_equal(pthread_create(&t, NULL, cancel_later, NULL), 0);
    int rc = fetch_url(&req, &r);
    double done = now_s();
    assert_int_equal(pthread_join(t, NULL), 0);
    expect_failed(rc, &r, "cancelled", "interrompu");
    if (done - cancel_time > 0.5 || done - t0 < 0.25)
        fail_msg("returned %.3f s after the cancel (%.3f s after the start)",
                 done - cancel_time, done - t0);
    fetch_result_free(&r);

    /* Already set: nothing is fetched. */
    long before = stat_count("count/cancelled");
    req.url = url_of("/count/cancelled");
    rc = fetch_url(&req, &r);
    expect_failed(rc, &r, "cancelled", "interrompu");
    fetch_result_free(&r);
    assert_int_equal(stat_count("count/cancelled"), before);
    cancel_flag = 0;
}

/* ---- local files ---- */

static void test_file(void **state)
{
    struct fetch_result r;
    char path[128], url[192], lm[FETCH_MAX_HEADER_BYTES];
    struct stat st;
    (void)state;
    snprintf(path, sizeof path, "%s/feed.xml", tmpdir);
    write_file(path, RSS, strlen(RSS));

    assert_int_equal(fetch(path, NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, RSS, strlen(RSS));
    assert_non_null(r.last_modified);
    assert_null(r.etag);
    assert_null(r.content_type);
    assert_int_equal(r.http_code, 0);
    snprintf(lm, sizeof lm, "%s", r.last_modified);
    fetch_result_free(&r);

    /* Unchanged: not modified, through the path and the file URL. */
    assert_int_equal(fetch(path, NULL, lm, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_NOT_MODIFIED);
    assert_null(r.body);
    assert_string_equal(r.last_modified, lm);
    fetch_result_free(&r);
    snprintf(url, sizeof url, "file://%s", path);
    assert_int_equal(fetch(url, NULL, lm, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_NOT_MODIFIED);
    fetch_result_free(&r);
    snprintf(url, sizeof url, "FILE://LocalHost%s", path);
    assert_int_equal(fetch(url, NULL, lm, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_NOT_MODIFIED);
    fetch_result_free(&r);

    /* Changed size: fetched again. */
    write_file(path, RSS "<!-- -->", strlen(RSS) + 8);
    assert_int_equal(fetch(path, NULL, lm, 5, 0, &r), 0);
    expect_body(&r, RSS "<!-- -->", strlen(RSS) + 8);
    assert_string_not_equal(r.last_modified, lm);
    snprintf(lm, sizeof lm, "%s", r.last_modified);
    fetch_result_free(&r);

    /* Same size, same mtime, other bytes: still seen. */
    assert_int_equal(stat(path, &st), 0);
    write_file(path, RSS "<!-- x-->", strlen(RSS) + 8);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    assert_int_equal(fetch(path, NULL, lm, 5, 0, &r), 0);
    expect_body(&r, RSS "<!-- x-->", strlen(RSS) + 8);
    fetch_result_free(&r);
}

static void test_file_relative_and_escaped(void **state)
{
    struct fetch_result r;
    char path[128], url[192];
    (void)state;
    /* A relative path, from the repository root. */
    assert_int_equal(fetch("tests/httpd.py", NULL, NULL, 5, 0, &r), 0);
    assert_int_equal(r.status, FETCH_OK);
    assert_non_null(strstr(r.body, "ThreadingHTTPServer"));
    fetch_result_free(&r);

    snprintf(path, sizeof path, "%s/a feed%%.xml", tmpdir);
    write_file(path, "x", 1);
    snprintf(url, sizeof url, "file://%s/a%%20feed%%25.xml", tmpdir);
    assert_int_equal(fetch(url, NULL, NULL, 5, 0, &r), 0);
    expect_body(&r, "x", 1);
    fetch_result_free(&r);

    snprintf(url, sizeof url, "file://%s/a%%2", tmpdir);
    int rc = fetch(url, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "malformed file URL", "mal écrite");
    fetch_result_free(&r);
    snprintf(url, sizeof url, "file://%s/a%%00b", tmpdir);
    rc = fetch(url, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "malformed file URL", "mal écrite");
    fetch_result_free(&r);
    rc = fetch("file:relative.xml", NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "file:///", "file:///");
    fetch_result_free(&r);
    rc = fetch("file://server/share/feed.xml", NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "another host", "autre machine");
    fetch_result_free(&r);
}

static void test_file_refused(void **state)
{
    struct fetch_result r;
    char path[128];
    int rc;
    (void)state;
    rc = fetch(tmpdir, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "directory", "dossier");
    fetch_result_free(&r);

    rc = fetch("/dev/null", NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "not a regular file", "fichier ordinaire");
    fetch_result_free(&r);

    snprintf(path, sizeof path, "%s/missing.xml", tmpdir);
    rc = fetch(path, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "file not found", "introuvable");
    fetch_result_free(&r);

    snprintf(path, sizeof path, "%s/big.xml", tmpdir);
    write_file(path, "0123456789", 10);
    rc = fetch(path, NULL, NULL, 5, 9, &r);
    expect_failed(rc, &r, "body over 9 bytes", "9 octets");
    fetch_result_free(&r);
    assert_int_equal(fetch(path, NULL, NULL, 5, 10, &r), 0);
    expect_body(&r, "0123456789", 10);
    fetch_result_free(&r);

    /* A FIFO would block a plain open(): refused at once. */
    snprintf(path, sizeof path, "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    double t0 = now_s();
    rc = fetch(path, NULL, NULL, 5, 0, &r);
    expect_failed(rc, &r, "not a regular file", "fichier ordinaire");
    assert_true(now_s() - t0 < 1.0);
    fetch_result_free(&r);
}

static void test_free_accepts_empty(void **state)
{
    struct fetch_result r;
    (void)state;
    memset(&r, 0, sizeof r);
    fetch_result_free(&r);
    fetch_result_free(NULL);
    assert_int_equal(fetch_url(NULL, &r), -1);
    assert_int_equal(r.status, FETCH_FAILED);
    assert_string_not_equal(r.error, "");
    fetch_result_free(&r);
    assert_int_equal(fetch_url(NULL, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok),
        cmocka_unit_test(test_not_modified),
        cmocka_unit_test(test_if_modified_since),
        cmocka_unit_test(test_not_modified_new_validator),
        cmocka_unit_test(test_bad_validators_not_sent),
        cmocka_unit_test(test_long_etag_dropped),
        cmocka_unit_test(test_http_errors),
        cmocka_unit_test(test_stall),
        cmocka_unit_test(test_total_timeout),
        cmocka_unit_test(test_slow_drip),
        cmocka_unit_test(test_close_mid_body),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_huge_declared),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_redirects),
        cmocka_unit_test(test_content_not_judged),
        cmocka_unit_test(test_connection_refused),
        cmocka_unit_test(test_connect_timeout),
        cmocka_unit_test(test_schemes_refused_without_io),
        cmocka_unit_test(test_url_too_long),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_file_relative_and_escaped),
        cmocka_unit_test(test_file_refused),
        cmocka_unit_test(test_free_accepts_empty),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
