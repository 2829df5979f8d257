/* What every subcommand that draws needs: the configuration, the time
 * zone, the fonts and the content, set up once with clear errors. */
#ifndef HS_APP_H
#define HS_APP_H

#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"
#include "sources.h"
#include "text.h"

struct app {
    struct cfg *cfg;
    struct text_fonts *fonts;
    struct content *content;
    struct sources *sources; /* NULL until app_sources */
    time_t content_day;      /* local day the content was built for */
};

/* Loads the config: config_path, else the first file of the usual places,
 * else the built-in defaults (*defaults is then set to 1). Returns 0, or an
 * exit status (2: bad config, 1: no memory) after printing one line. */
int app_load_config(const char *config_path, struct cfg **out, int *defaults);

/* Loads the config (config_path, else the usual places, else the built-in
 * demo, said once on stderr), applies its time zone and initialises
 * SDL_ttf and the fonts. Returns 0, or an exit status (2: bad config,
 * 1: other failures) after printing one line to stderr. */
int app_init(struct app *a, const char *config_path);

/* Sets up the config's sources and shows what their cache holds, never
 * waiting on the network (run starts their worker). Returns 0, or 1 when
 * memory runs out. */
int app_sources(struct app *a, time_t now);

/* Builds the content to show at now: the demo when the config asks for it,
 * and what the sources hold. Returns 0 or -1 when memory runs out. */
int app_content(struct app *a, time_t now);

/* Returns 1 when the content must be rebuilt at now (the demo and the
 * calendars follow the calendar day), 0 otherwise. */
int app_content_stale(const struct app *a, time_t now);

/* Reads the configuration file again (SIGHUP). A file that does not parse is
 * refused with a logged error and the configuration in use is kept. When the
 * new one differs, it replaces a->cfg, applies its zone and sets up its
 * sources from their cache (the caller starts their worker, rebuilds the
 * content and the layout). Returns 1 when replaced, 0 when unchanged or
 * refused. */
int app_reload(struct app *a, time_t now);

/* Returns the directory for screenshots: $STATE_DIRECTORY (systemd's
 * StateDirectory=), else the config's state_dir, else the cache's default;
 * "" when none fits in n. */
void app_state_dir(const struct app *a, char *buf, size_t n);

/* Frees everything app_init and app_content made. */
void app_free(struct app *a);

#endif
