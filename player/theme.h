/* Colour themes. Every text colour is chosen against its background for a
 * contrast ratio of at least 7:1 (WCAG AAA), which the tests check. */
#ifndef HS_THEME_H
#define HS_THEME_H

#include <stdint.h>

#include "../config/cfg.h"

struct theme {
    uint32_t bg;          /* 0xRRGGBB of the main zone */
    uint32_t text;        /* body text on bg */
    uint32_t muted;       /* secondary text on bg (times, rooms) */
    uint32_t past;        /* text of what is over, on bg */
    uint32_t header_bg, header_text;
    uint32_t panel_bg;    /* semainier cells and agenda panel */
    uint32_t panel_text, panel_muted;
    uint32_t grid;        /* lines between cells */
    uint32_t today_bg, today_text; /* today's column header */
    uint32_t today_cell;  /* today's cells */
    uint32_t now_mark;    /* frame of the slot in progress */
    uint32_t now_badge_text;
    uint32_t heading;     /* section titles and day labels */
    uint32_t ticker_bg, ticker_text, ticker_sep;
    uint32_t accent;      /* partner colour when none is given */
};

/* Returns the theme, a static struct. */
const struct theme *theme_get(enum cfg_theme t);

/* Returns the WCAG 2 contrast ratio of two 0xRRGGBB colours (1 to 21). */
double theme_contrast(uint32_t a, uint32_t b);

#endif
