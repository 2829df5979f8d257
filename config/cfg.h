/* The configuration: one INI file, read with libinih, validated in full.
 * Every error names the file and line, says what was expected and gives a
 * hint, on one line. */
#ifndef HS_CFG_H
#define HS_CFG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../content/limits.h"

enum cfg_kind { CFG_KIND_SEMAINIER, CFG_KIND_AGENDA, CFG_KIND_NOTICES, CFG_KIND_TICKER,
                CFG_KIND_URGENT };
enum cfg_theme { CFG_THEME_DEFAULT, CFG_THEME_DARK, CFG_THEME_HIGH_CONTRAST };
enum cfg_orientation { CFG_ORIENT_AUTO, CFG_ORIENT_LANDSCAPE, CFG_ORIENT_PORTRAIT };
enum cfg_renderer { CFG_RENDER_AUTO, CFG_RENDER_GPU, CFG_RENDER_SOFTWARE };
enum cfg_page_kind { CFG_PAGE_SEMAINIER, CFG_PAGE_AGENDA, CFG_PAGE_NOW, CFG_PAGE_NOTICES };

struct cfg_interval {
    int start_min, end_min; /* minutes since midnight, start < end <= 1440 */
};

struct cfg_day_hours {
    int n;                  /* 0: closed that weekday */
    struct cfg_interval iv[HS_MAX_HOURS_PER_DAY];
};

struct cfg_page {
    enum cfg_page_kind kind;
    int seconds;
};

struct cfg_source {
    char name[HS_MAX_NAME_BYTES];
    char *url;              /* http(s)://, file:// or a local path */
    enum cfg_kind kind;
    char *partner;          /* defaults to name */
    int32_t colour;         /* 0xRRGGBB, or -1 when unset */
    int refresh_s;
    int line;               /* line of its [source NAME] header */
};

struct cfg {
    char *path;             /* file read, or NULL for the built-in defaults */
    char *name;             /* place shown in the header */
    char *timezone;         /* IANA zone, or NULL for the system's */
    char *state_dir;        /* absolute directory of the feeds' cache, or NULL for the
                             * default (cache_dir_default) */
    enum cfg_orientation orientation;
    enum cfg_theme theme;
    double text_scale;      /* 0.5 to 3.0 */
    enum cfg_renderer renderer;
    int demo;               /* 1: show the built-in demo content */
    struct cfg_page pages[HS_MAX_PAGES];
    int npages;
    struct cfg_day_hours hours[7]; /* 0 = Monday ... 6 = Sunday */
    struct cfg_source *sources;
    size_t nsources;
};

/* Returns the built-in configuration (demo content, system zone, default
 * theme, Monday-Friday 9:00-18:00 and Saturday 9:00-12:00), or NULL when
 * memory runs out. Free with cfg_free. */
struct cfg *cfg_defaults(void);

/* Parses the INI text buf[0..len); name is the file name used in messages.
 * Returns 0 and sets *out (caller frees), or -1 and writes one line into err
 * ("hallscreen.ini:12: [screen] theme: 'blue' is not a theme; expected
 * default, dark or high-contrast"), without a trailing newline.
 * (*out)->path is a copy of name. Its one look outside buf: a timezone must
 * be a TZif file under $TZDIR or /usr/share/zoneinfo. */
int cfg_parse(const char *buf, size_t len, const char *name, struct cfg **out, char *err,
              size_t errlen);

/* Reads and parses the file at path (at most HS_MAX_CONFIG_BYTES); same
 * contract as cfg_parse, and a missing or unreadable file is an error too. */
int cfg_load(const char *path, struct cfg **out, char *err, size_t errlen);

/* Looks for a config in the usual places: $XDG_CONFIG_HOME/hallscreen/
 * hallscreen.ini (or ~/.config/...), then /etc/hallscreen/hallscreen.ini.
 * Returns 0 and writes the path into buf, or -1 when there is none. */
int cfg_find(char *buf, size_t n);

/* Writes the effective configuration to out as a valid INI file that
 * cfg_parse accepts and that gives the same configuration back. */
void cfg_print(const struct cfg *c, FILE *out);

/* Names used in the file: "semainier", "high-contrast", ... Static strings. */
const char *cfg_kind_name(enum cfg_kind k);
const char *cfg_theme_name(enum cfg_theme t);
const char *cfg_page_name(enum cfg_page_kind p);

/* Returns 1 when a and b say the same thing, field by field (the file they
 * came from aside), else 0: a reload can tell whether anything changed. */
int cfg_equal(const struct cfg *a, const struct cfg *b);

/* Frees c. Accepts NULL. */
void cfg_free(struct cfg *c);

#endif
