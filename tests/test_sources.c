/* Tests of player/sources.c against tests/httpd.py on 127.0.0.1: whatever a
 * source does wrong, the content it gave last stays what the screen shows,
 * across restarts through the cache; and the worker stops promptly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../content/caltime.h"
#include "../feeds/fetch.h"
#include "../feeds/xml.h"
#include "../player/sources.h"
#include "httpd.h"

struct fixture {
    struct httpd h;
    char dir[64];
    struct cfg *cfg;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if (f == NULL || fetch_global_init() != 0)
        return -1;
    xml_global_init();
    caltime_set_zone("Europe/Paris");
    if (httpd_start(&f->h) != 0)
        return -1;
    snprintf(f->dir, sizeof(f->dir), "/tmp/hs-sources-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    httpd_stop(&f->h);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    cfg_free(f->cfg);
    free(f);
    fetch_global_cleanup();
    return 0;
}

/* A configuration of one ticker source at url. */
static struct cfg *config(const char *url)
{
    char ini[512], err[256];
    struct cfg *c = NULL;

    snprintf(ini, sizeof(ini), "[screen]\nname = Test\n[source news]\nurl = %s\nkind = ticker\n"
             "partner = Centre social\nrefresh = 5m\n", url);
    assert_int_equal(cfg_parse(ini, strlen(ini), "test.ini", &c, err, sizeof(err)), 0);
    return c;
}

/* The ticker texts now, joined with '|'. */
static void shown(struct sources *s, char *buf, size_t n)
{
    struct content *c = content_new();
    size_t k = 0;

    assert_non_null(c);
    assert_int_equal(sources_content(s, time(NULL), c), 0);
    buf[0] = '\0';
    for (size_t i = 0; i < c->nticker; i++)
        k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? "|" : "", c->ticker[i].text);
    content_free(c);
}

static void set_url(struct cfg *c, const char *url)
{
    free(c->sources[0].url);
    c->sources[0].url = strdup(url);
    assert_non_null(c->sources[0].url);
}

static void test_faults_keep_content(void **state)
{
    struct fixture *f = *state;
    static const char *const faults[] = {
        "/notfound", "/error", "/close-mid-body", "/huge", "/redirect-loop", "/redirect-file",
        "/redirect-ftp", "/html-200", "/empty", "/stall", "/file/broken-truncated.xml",
        "/file/broken-garbage.bin",
    };
    char url[256], text[256];
    struct sources *s;
    struct source_info info;

    f->cfg = config(httpd_url(&f->h, "/ok.xml", url, sizeof(url)));
    s = sources_new(f->cfg, f->dir);
    assert_non_null(s);
    sources_set_timeout(s, 2);
    sources_fetch_all(s, time(NULL));
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    assert_int_equal(sources_info(s, 0, &info), 0);
    assert_int_equal(info.failures, 0);
    assert_true(info.last_success > 0);
    for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
        set_url(f->cfg, httpd_url(&f->h, faults[i], url, sizeof(url)));
        sources_fetch_all(s, time(NULL));
        shown(s, text, sizeof(text));
        print_message("%s\n", faults[i]);
        assert_string_equal(text, "Permanence CAF");
        assert_int_equal(sources_info(s, 0, &info), 0);
        assert_int_equal(info.failures, (int)i + 1);
        assert_true(info.error[0] != '\0');
    }
    /* Connection refused: a port nobody listens on. */
    set_url(f->cfg, "http://127.0.0.1:1/feed.xml");
    sources_fetch_all(s, time(NULL));
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    /* A wrong Content-Type does not matter when the body is a feed; and the
     * source is shown as working again at once. */
    set_url(f->cfg, httpd_url(&f->h, "/wrong-type", url, sizeof(url)));
    sources_fetch_all(s, time(NULL));
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    assert_int_equal(sources_info(s, 0, &info), 0);
    assert_int_equal(info.failures, 0);
    assert_string_equal(info.error, "");
    sources_free(s);
}

static void test_restart_offline_shows_cache(void **state)
{
    struct fixture *f = *state;
    char url[256], text[256];
    struct sources *s;
    struct source_info info;

    f->cfg = config(httpd_url(&f->h, "/ok.xml", url, sizeof(url)));
    s = sources_new(f->cfg, f->dir);
    sources_fetch_all(s, time(NULL));
    sources_free(s);
    httpd_stop(&f->h);     /* the network is gone */
    s = sources_new(f->cfg, f->dir);
    assert_int_equal(sources_load_cache(s, time(NULL)), 1);
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    assert_int_equal(sources_info(s, 0, &info), 0);
    assert_true(info.has_content);
    sources_fetch_all(s, time(NULL));   /* fails: still shown */
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    sources_free(s);
    /* A cache of another URL is not this source's. */
    set_url(f->cfg, "http://127.0.0.1:1/other.xml");
    s = sources_new(f->cfg, f->dir);
    assert_int_equal(sources_load_cache(s, time(NULL)), 0);
    sources_free(s);
    assert_int_equal(httpd_start(&f->h), 0);
}

static void test_conditional_get(void **state)
{
    struct fixture *f = *state;
    char url[256], text[256];
    struct sources *s;

    f->cfg = config(httpd_url(&f->h, "/ok.xml", url, sizeof(url)));
    s = sources_new(f->cfg, f->dir);
    sources_fetch_all(s, time(NULL));
    sources_fetch_all(s, time(NULL));   /* 304: kept */
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    sources_free(s);
}

static int notified;

static void on_change(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&notified, 1, __ATOMIC_SEQ_CST);
}

static void test_worker_fetches_and_stops(void **state)
{
    struct fixture *f = *state;
    char url[256], text[256];
    struct sources *s;
    struct timespec t0, t1;

    f->cfg = config(httpd_url(&f->h, "/ok.xml", url, sizeof(url)));
    s = sources_new(f->cfg, f->dir);
    assert_int_equal(sources_start(s, time(NULL), on_change, NULL), 0);
    for (int i = 0; i < 100 && __atomic_load_n(&notified, __ATOMIC_SEQ_CST) == 0; i++)
        usleep(100 * 1000);
    assert_true(__atomic_load_n(&notified, __ATOMIC_SEQ_CST) > 0);
    shown(s, text, sizeof(text));
    assert_string_equal(text, "Permanence CAF");
    sources_free(s);

    /* A transfer in progress does not hold the exit back. */
    set_url(f->cfg, httpd_url(&f->h, "/stall", url, sizeof(url)));
    s = sources_new(f->cfg, f->dir);
    assert_int_equal(sources_start(s, time(NULL), NULL, NULL), 0);
    sleep(6);               /* the first fetch starts within 5 s */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sources_free(s);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_faults_keep_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart_offline_shows_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conditional_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_worker_fetches_and_stops, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
