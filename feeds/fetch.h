/* One blocking fetch of a source: http(s) with libcurl, or a local file read
 * directly. Called from a worker thread; never prints: every outcome is in
 * the result, in English for the log and in plain French for the partner. */
#ifndef HS_FETCH_H
#define HS_FETCH_H

#include <signal.h>
#include <stddef.h>

/* Longest ETag, Last-Modified or Content-Type kept from a response; a longer
 * value is dropped rather than cut, since a cut validator never matches. */
#define FETCH_MAX_HEADER_BYTES 256

struct fetch_request {
    const char *url;            /* http://, https://, file:///path, file://localhost/path,
                                 * or a local path (absolute or relative to the working
                                 * directory); at most HS_MAX_URL_BYTES */
    const char *etag;           /* from the last 200, or NULL: sent as If-None-Match */
    const char *last_modified;  /* from the last 200, or NULL: sent as If-Modified-Since;
                                 * for a file, compared with the file's own validator */
    long timeout_s;             /* whole transfer; <= 0 means 30. The connection must be
                                 * made within min(10, timeout_s), and a transfer under
                                 * 10 bytes/s for timeout_s / 2 (1 to 20 s) is dropped */
    size_t max_bytes;           /* body cap, enforced while receiving (after decompression);
                                 * 0 means HS_MAX_FEED_BYTES */
    const volatile sig_atomic_t *cancel; /* may be NULL; once *cancel is nonzero the
                                 * transfer stops within about 100 ms (name resolution
                                 * excepted: libcurl waits for its resolver thread) */
};

enum fetch_status { FETCH_OK, FETCH_NOT_MODIFIED, FETCH_FAILED };

struct fetch_result {
    enum fetch_status status;
    char *body;                 /* FETCH_OK: the body, NUL-terminated (also when len is 0);
                                 * NULL otherwise */
    size_t len;                 /* bytes of body, without the NUL */
    char *etag;                 /* OK, NOT_MODIFIED: the validators to send next time (the
                                 * response's, or on NOT_MODIFIED the request's when the
                                 * 304 gave none); may be NULL. NULL on FAILED */
    char *last_modified;        /* likewise; for a file, built from its mtime, size and a
                                 * hash of its content */
    char *content_type;         /* OK: the response's Content-Type, or NULL (files) */
    long http_code;             /* last HTTP status received; 0 for files or no response */
    char error[256];            /* FAILED: one English line for the log ("HTTP 404",
                                 * "timed out after 30 s"); empty otherwise */
    char error_fr[256];         /* FAILED: the same in plain French for the partner, with
                                 * what to do when there is something to do */
};

/* Initialises libcurl (curl_global_init). Call once from the main thread
 * before any thread starts. Returns 0, or -1 when libcurl cannot start. */
int fetch_global_init(void);

/* Releases what fetch_global_init took. Call once, after the last fetch. */
void fetch_global_cleanup(void);

/* Fetches req->url and fills *out (always, also on failure; zeroed first).
 * http(s): follows at most HS_MAX_REDIRECTS redirects, to http(s) only; sends
 * the validators; 200 is FETCH_OK, 304 is FETCH_NOT_MODIFIED (when a
 * validator was sent), anything else is FETCH_FAILED. Files: FETCH_OK, or
 * FETCH_NOT_MODIFIED when req->last_modified equals the file's validator.
 * Any other scheme is refused before any I/O. The content is not judged: an
 * empty or HTML body is FETCH_OK. Returns 0 for OK and NOT_MODIFIED, -1 for
 * FAILED. Thread-safe after fetch_global_init. The caller frees *out with
 * fetch_result_free. */
int fetch_url(const struct fetch_request *req, struct fetch_result *out);

/* Frees what r holds and zeroes it. Accepts NULL and a zeroed result. */
void fetch_result_free(struct fetch_result *r);

/* Returns "hallscreen/VERSION", the User-Agent sent; static storage. */
const char *fetch_user_agent(void);

#endif
