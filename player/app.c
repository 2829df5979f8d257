#include "app.h"

#include <SDL_ttf.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../content/caltime.h"
#include "../content/demo.h"
#include "../feeds/cache.h"
#include "../feeds/fetch.h"
#include "../feeds/ical.h"
#include "../feeds/xml.h"
#include "log.h"

int app_load_config(const char *config_path, struct cfg **out, int *defaults)
{
    char err[512], found[PATH_MAX];

    *out = NULL;
    *defaults = 0;
    if (!config_path && cfg_find(found, sizeof(found)) == 0)
        config_path = found;
    if (config_path) {
        if (cfg_load(config_path, out, err, sizeof(err)) != 0) {
            fprintf(stderr, "hallscreen: %s\n", err);
            return 2;
        }
        return 0;
    }
    *out = cfg_defaults();
    if (!*out) {
        fprintf(stderr, "hallscreen: out of memory\n");
        return 1;
    }
    *defaults = 1;
    return 0;
}

int app_init(struct app *a, const char *config_path)
{
    char err[512];
    int defaults, rc;

    memset(a, 0, sizeof(*a));
    rc = app_load_config(config_path, &a->cfg, &defaults);
    if (rc != 0)
        return rc;
    if (defaults)
        log_info("no configuration file found (-c FILE, ~/.config/hallscreen/hallscreen.ini or "
                 "/etc/hallscreen/hallscreen.ini): showing the built-in demo content");
    if (caltime_set_zone(a->cfg->timezone) != 0) {
        /* cfg validated the zone; it can only vanish if tzdata changed. */
        fprintf(stderr, "hallscreen: time zone '%s' not found (hint: apt-get install tzdata)\n",
                a->cfg->timezone);
        return 2;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "hallscreen: cannot initialise SDL_ttf: %s\n", TTF_GetError());
        return 1;
    }
    a->fonts = text_fonts_new(err, sizeof(err));
    if (!a->fonts) {
        fprintf(stderr, "hallscreen: %s\n", err);
        return 1;
    }
    return 0;
}

int app_sources(struct app *a, time_t now)
{
    int shown;

    if (a->cfg->nsources == 0)
        return 0;
    xml_global_init();
    /* Only with sources: libical's zone table costs megabytes the demo
     * does not need. Before the worker starts, as libical wants. */
    ical_global_init();
    if (fetch_global_init() != 0) {
        fprintf(stderr, "hallscreen: cannot initialise libcurl\n");
        return 1;
    }
    atexit(fetch_global_cleanup);
    a->sources = sources_new(a->cfg, NULL);
    if (!a->sources) {
        fprintf(stderr, "hallscreen: out of memory\n");
        return 1;
    }
    shown = sources_load_cache(a->sources, now);
    log_info("%d of %zu source%s shown from the cache", shown, a->cfg->nsources,
             a->cfg->nsources > 1 ? "s" : "");
    return 0;
}

int app_content(struct app *a, time_t now)
{
    struct content *c = a->cfg->demo ? demo_content(now) : content_new();

    if (!c)
        return -1;
    if (a->sources && sources_content(a->sources, now, c) != 0) {
        content_free(c);
        return -1;
    }
    content_sort(c);
    content_free(a->content);
    a->content = c;
    a->content_day = caltime_day_start(now);
    return 0;
}

int app_content_stale(const struct app *a, time_t now)
{
    return (a->cfg->demo || a->sources) && caltime_day_start(now) != a->content_day;
}

int app_reload(struct app *a, time_t now)
{
    char err[512], found[PATH_MAX];
    const char *path = NULL;
    struct cfg *next = NULL;

    /* A copy: a->cfg, which holds the path, is freed below. */
    if (a->cfg->path && strlen(a->cfg->path) < sizeof(found)) {
        memcpy(found, a->cfg->path, strlen(a->cfg->path) + 1);
        path = found;
    } else if (!a->cfg->path && cfg_find(found, sizeof(found)) == 0) {
        path = found;
    }
    if (!path) {
        log_info("reload: still no configuration file; showing the built-in demo");
        return 0;
    }
    if (cfg_load(path, &next, err, sizeof(err)) != 0) {
        log_err("reload refused, the configuration in use is kept: %s", err);
        return 0;
    }
    if (cfg_equal(next, a->cfg)) {
        log_info("reload: %s has not changed", path);
        cfg_free(next);
        return 0;
    }
    if ((next->timezone == NULL) != (a->cfg->timezone == NULL) ||
        (next->timezone && strcmp(next->timezone, a->cfg->timezone) != 0)) {
        /* The worker is stopped below before anything reads the zone. */
        sources_free(a->sources);
        a->sources = NULL;
        if (caltime_set_zone(next->timezone) != 0) {
            log_err("reload refused: time zone '%s' not found", next->timezone);
            cfg_free(next);
            app_sources(a, now);
            return 0;
        }
    }
    if (next->renderer != a->cfg->renderer)
        log_warn("reload: the renderer changes at the next start");
    sources_free(a->sources);
    a->sources = NULL;
    cfg_free(a->cfg);
    a->cfg = next;
    log_info("reloaded %s", path);
    app_sources(a, now);
    return 1;
}

void app_state_dir(const struct app *a, char *buf, size_t n)
{
    const char *dir = getenv("STATE_DIRECTORY");

    buf[0] = '\0';
    if (dir != NULL && dir[0] != '\0') {
        const char *colon = strchr(dir, ':');   /* systemd lists several with ':' */
        size_t k = colon ? (size_t)(colon - dir) : strlen(dir);

        if (k < n) {
            memcpy(buf, dir, k);
            buf[k] = '\0';
        }
        return;
    }
    if (a->cfg->state_dir != NULL) {
        if (strlen(a->cfg->state_dir) < n)
            memcpy(buf, a->cfg->state_dir, strlen(a->cfg->state_dir) + 1);
        return;
    }
    if (cache_dir_default(buf, n) != 0)
        buf[0] = '\0';
}

void app_free(struct app *a)
{
    sources_free(a->sources);
    content_free(a->content);
    text_fonts_free(a->fonts);
    if (TTF_WasInit())
        TTF_Quit();
    cfg_free(a->cfg);
    memset(a, 0, sizeof(*a));
}
