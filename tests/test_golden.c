/* Golden screenshots, as SDL's test harness does them: a fixed size and
 * pixel format, the software path, the fonts of a pinned Debian package, a
 * pinned time and zone, and a per-test tolerance. On failure the actual
 * image and a diff are written under build/golden/ to be looked at.
 * References are regenerated only by hand: make golden. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../content/caltime.h"
#include "../feeds/fetch.h"
#include "../player/app.h"
#include "../player/snapshot.h"

#define CONFIG "tests/data/golden.ini"
#define OUT_DIR "build/golden"

struct golden {
    const char *name;
    const char *config;  /* NULL: CONFIG (the demo); else its sources are read */
    const char *at;
    int w, h;
    enum screen_page page;
    int channel_tol;     /* a pixel differs when a channel is further off */
    double max_differ;   /* fraction of differing pixels allowed */
};

static const struct golden cases[] = {
    {"demo-1920x1080", NULL, "2026-11-27T10:15", 1920, 1080, SCREEN_PAGE_ALL, 24, 0.002},
    {"demo-1280x720", NULL, "2026-11-27T10:15", 1280, 720, SCREEN_PAGE_ALL, 24, 0.002},
    {"demo-1080x1920", NULL, "2026-11-27T10:15", 1080, 1920, SCREEN_PAGE_ALL, 24, 0.002},
    /* Monday evening after a DST change: the week's grid, a past day. */
    {"demo-dst-monday", NULL, "2026-10-26T18:30", 1920, 1080, SCREEN_PAGE_ALL, 24, 0.002},
    {"agenda-1920x1080", NULL, "2026-11-27T10:15", 1920, 1080, SCREEN_PAGE_AGENDA, 24, 0.002},
    /* Partners' feeds through the sources: iCalendar with exceptions, the
     * hallscreen format, RSS with event dates, each in its colour. */
    {"feeds-1920x1080", "tests/data/feeds.ini", "2026-11-24T10:15", 1920, 1080,
     SCREEN_PAGE_ALL, 24, 0.002},
};

static struct app app;

static int setup(void **state)
{
    (void)state;
    if (fetch_global_init() != 0)
        return -1;
    return app_init(&app, CONFIG) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    app_free(&app);
    fetch_global_cleanup();
    return 0;
}

static SDL_Surface *as_xrgb(SDL_Surface *s)
{
    SDL_Surface *c = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_XRGB8888, 0) : NULL;
    SDL_FreeSurface(s);
    return c;
}

/* Counts the pixels of a and b more than tol apart in a channel, and paints
 * them red on a faded copy of the reference into diff. */
static size_t compare(SDL_Surface *a, SDL_Surface *b, int tol, SDL_Surface *diff)
{
    size_t differ = 0;

    for (int y = 0; y < a->h; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b->pixels + y * b->pitch);
        Uint32 *pd = (Uint32 *)((Uint8 *)diff->pixels + y * diff->pitch);
        for (int x = 0; x < a->w; x++) {
            int worst = 0;
            for (int sh = 0; sh < 24; sh += 8) {
                int d = abs((int)((pa[x] >> sh) & 0xFF) - (int)((pb[x] >> sh) & 0xFF));
                if (d > worst)
                    worst = d;
            }
            if (worst > tol) {
                differ++;
                pd[x] = 0xFF0000;
            } else {
                Uint32 g = ((pb[x] & 0xFF) + ((pb[x] >> 8) & 0xFF) + ((pb[x] >> 16) & 0xFF)) / 3;
                g = 160 + g * 95 / 255;
                pd[x] = g << 16 | g << 8 | g;
            }
        }
    }
    return differ;
}

static void run_case(const struct golden *g)
{
    char ref_path[256], actual_path[256], diff_path[256];
    SDL_Surface *actual, *ref, *diff;
    time_t now;
    size_t differ;

    snprintf(ref_path, sizeof(ref_path), "tests/golden/%s.png", g->name);
    snprintf(actual_path, sizeof(actual_path), OUT_DIR "/%s.actual.png", g->name);
    snprintf(diff_path, sizeof(diff_path), OUT_DIR "/%s.diff.png", g->name);
    assert_int_equal(caltime_parse_iso(g->at, &now), 0);
    if (g->config) {
        /* The same path as 'snapshot --fetch': fetch, parse, map. */
        char err[512];
        struct cfg *cfg = NULL;
        struct sources *src;
        struct content *c = content_new();

        if (cfg_load(g->config, &cfg, err, sizeof(err)) != 0)
            fail_msg("%s", err);
        src = sources_new(cfg, NULL);
        assert_non_null(src);
        sources_fetch_all(src, now);
        for (size_t i = 0; i < cfg->nsources; i++) {
            struct source_info info;

            assert_int_equal(sources_info(src, i, &info), 0);
            if (!info.has_content)
                fail_msg("source %s: %s", info.name, info.error);
        }
        assert_int_equal(sources_content(src, now, c), 0);
        content_sort(c);
        actual = snapshot_render(cfg, app.fonts, c, now, g->w, g->h, g->page);
        sources_free(src);
        content_free(c);
        cfg_free(cfg);
    } else {
        assert_int_equal(app_content(&app, now), 0);
        actual = snapshot_render(app.cfg, app.fonts, app.content, now, g->w, g->h, g->page);
    }
    assert_non_null(actual);
    if (getenv("HS_GOLDEN_UPDATE")) {
        assert_int_equal(snapshot_save(actual, ref_path), 0);
        printf("wrote %s: look at it before you commit it\n", ref_path);
        SDL_FreeSurface(actual);
        return;
    }
    ref = as_xrgb(IMG_Load(ref_path));
    if (!ref) {
        mkdir("build", 0755);
        mkdir(OUT_DIR, 0755);
        snapshot_save(actual, actual_path);
        fail_msg("no reference %s (make golden writes it); the actual image is %s", ref_path,
                 actual_path);
    }
    if (ref->w != actual->w || ref->h != actual->h)
        fail_msg("%s is %dx%d, the frame %dx%d", ref_path, ref->w, ref->h, actual->w, actual->h);
    diff = SDL_CreateRGBSurfaceWithFormat(0, g->w, g->h, 32, SDL_PIXELFORMAT_XRGB8888);
    assert_non_null(diff);
    differ = compare(actual, ref, g->channel_tol, diff);
    if ((double)differ > g->max_differ * g->w * g->h) {
        mkdir("build", 0755);
        mkdir(OUT_DIR, 0755);
        snapshot_save(actual, actual_path);
        snapshot_save(diff, diff_path);
        fail_msg("%s: %zu pixels differ (%.3f %%, %.3f %% allowed); look at %s and %s",
                 g->name, differ, 100.0 * differ / (g->w * g->h), 100.0 * g->max_differ,
                 actual_path, diff_path);
    }
    SDL_FreeSurface(diff);
    SDL_FreeSurface(ref);
    SDL_FreeSurface(actual);
}

static void test_golden(void **state)
{
    run_case((const struct golden *)*state);
}

static int bind_case(void **state)
{
    (void)state;
    return 0;
}

int main(void)
{
    struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0])];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tests[i] = (struct CMUnitTest){cases[i].name, test_golden, bind_case, NULL,
                                       (void *)&cases[i]};
    }
    return cmocka_run_group_tests_name("golden", tests, setup, teardown);
}
