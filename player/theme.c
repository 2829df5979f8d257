#include "theme.h"

#include <math.h>

static const struct theme themes[] = {
    [CFG_THEME_DEFAULT] = {
        .bg = 0xF4F1EA, .text = 0x111111, .muted = 0x3A3A3A, .past = 0x595959,
        .header_bg = 0x12355B, .header_text = 0xFFFFFF,
        .panel_bg = 0xFFFFFF, .panel_text = 0x111111, .panel_muted = 0x3A3A3A,
        .grid = 0xC9C2B4,
        .today_bg = 0x12355B, .today_text = 0xFFFFFF, .today_cell = 0xFFF4CC,
        .now_mark = 0x9E2A1F, .now_badge_text = 0xFFFFFF,
        .heading = 0x12355B,
        .ticker_bg = 0xFFD24D, .ticker_text = 0x111111, .ticker_sep = 0x12355B,
        .accent = 0x12355B,
    },
    [CFG_THEME_DARK] = {
        .bg = 0x0D2A4A, .text = 0xFFFFFF, .muted = 0xD5E2F0, .past = 0xB8C7D8,
        .header_bg = 0x071A2F, .header_text = 0xFFFFFF,
        .panel_bg = 0x123A66, .panel_text = 0xFFFFFF, .panel_muted = 0xDCE6F2,
        .grid = 0x2C5A8C,
        .today_bg = 0xFFD24D, .today_text = 0x0D2A4A, .today_cell = 0x1D4F86,
        .now_mark = 0xFFD24D, .now_badge_text = 0x0D2A4A,
        .heading = 0xFFD24D,
        .ticker_bg = 0xFFD24D, .ticker_text = 0x0D2A4A, .ticker_sep = 0x0D2A4A,
        .accent = 0x7FB3E6,
    },
    [CFG_THEME_HIGH_CONTRAST] = {
        .bg = 0x000000, .text = 0xFFFFFF, .muted = 0xFFFFFF, .past = 0xD0D0D0,
        .header_bg = 0x000000, .header_text = 0xFFFF00,
        .panel_bg = 0x000000, .panel_text = 0xFFFFFF, .panel_muted = 0xFFFFFF,
        .grid = 0xFFFFFF,
        .today_bg = 0xFFFF00, .today_text = 0x000000, .today_cell = 0x1A1A1A,
        .now_mark = 0xFFFF00, .now_badge_text = 0x000000,
        .heading = 0xFFFF00,
        .ticker_bg = 0xFFFF00, .ticker_text = 0x000000, .ticker_sep = 0x000000,
        .accent = 0xFFFFFF,
    },
};

const struct theme *theme_get(enum cfg_theme t)
{
    if ((unsigned)t >= sizeof(themes) / sizeof(themes[0]))
        t = CFG_THEME_DEFAULT;
    return &themes[t];
}

/* WCAG 2.x relative luminance of an sRGB channel. */
static double channel(uint32_t c)
{
    double v = (double)(c & 0xFF) / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
}

double theme_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
