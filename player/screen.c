#include "screen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../content/caltime.h"
#include "../content/frdate.h"
#include "../content/sched.h"
#include "draw.h"

#define AGENDA_DAYS HS_AGENDA_HORIZON_DAYS
#define AGENDA_MAX 64      /* events considered for one frame */
#define CELL_MAX 8         /* slots considered in one semainier cell */

struct screen {
    const struct cfg *cfg;
    struct text_fonts *fonts;
    const struct theme *th;
    int w, h;
    double u;          /* layout unit: 1.0 when the short side is 1080 px */
    double ts;         /* the configured text scale */
    int portrait;
    int pad;
    int header_h, ticker_h;
    enum screen_page page;
    int clock_unknown;  /* the system time is not plausible yet: no clock, no today */
};

/* A length of the layout, in pixels. */
static int U(const struct screen *s, double v)
{
    return (int)lround(v * s->u);
}

/* A font size, in pixels: layout unit times the configured text scale. */
static int T(const struct screen *s, double v)
{
    return (int)lround(v * s->u * s->ts);
}

struct screen *screen_new(const struct cfg *cfg, struct text_fonts *fonts, int w, int h)
{
    struct screen *s = calloc(1, sizeof(*s));

    if (!s)
        return NULL;
    s->cfg = cfg;
    s->fonts = fonts;
    s->th = theme_get(cfg->theme);
    s->w = w;
    s->h = h;
    s->u = (w < h ? w : h) / 1080.0;
    s->ts = cfg->text_scale > 0 ? cfg->text_scale : 1.0;
    if (cfg->orientation == CFG_ORIENT_PORTRAIT)
        s->portrait = 1;
    else if (cfg->orientation == CFG_ORIENT_LANDSCAPE)
        s->portrait = 0;
    else
        s->portrait = h > w;
    s->pad = U(s, 32);
    /* The bands grow with the text they hold. */
    s->header_h = (int)lround((s->portrait ? 190 : 124) * s->u * (s->ts > 1 ? s->ts : 1));
    s->ticker_h = (int)lround(104 * s->u * (s->ts > 1 ? s->ts : 1));
    return s;
}

int screen_page_parse(const char *name, enum screen_page *out)
{
    if (!strcmp(name, "semainier"))
        *out = SCREEN_PAGE_SEMAINIER;
    else if (!strcmp(name, "agenda"))
        *out = SCREEN_PAGE_AGENDA;
    else
        return -1;
    return 0;
}

void screen_set_page(struct screen *s, enum screen_page p)
{
    s->page = p;
}

void screen_set_clock_known(struct screen *s, int known)
{
    s->clock_unknown = !known;
}

void screen_free(struct screen *s)
{
    free(s);
}

const struct theme *screen_theme(const struct screen *s)
{
    return s->th;
}

int screen_ticker_height(const struct screen *s)
{
    return s->ticker_h;
}

SDL_Rect screen_header_rect(const struct screen *s)
{
    return (SDL_Rect){0, 0, s->w, s->header_h};
}

SDL_Rect screen_ticker_rect(const struct screen *s, int has_ticker)
{
    int th = has_ticker ? s->ticker_h : 0;
    return (SDL_Rect){0, s->h - th, s->w, th};
}

SDL_Rect screen_main_rect(const struct screen *s, int has_ticker)
{
    int top = s->header_h;
    int bottom = s->h - (has_ticker ? s->ticker_h : 0);
    return (SDL_Rect){0, top, s->w, bottom - top};
}

/* Copies src into buf with its first letter capitalised. French weekday
 * and relative-day words all start with an ASCII letter. */
static void capitalise(char *buf, size_t n, const char *src)
{
    snprintf(buf, n, "%s", src);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

static int font_height(const struct screen *s, enum text_weight w, int px)
{
    TTF_Font *f = text_font(s->fonts, w, px);
    return f ? TTF_FontHeight(f) : px;
}

/* Fits text in r and draws it; returns the height used. */
static int fit_draw(struct screen *s, SDL_Surface *dst, const char *text,
                    const struct text_style *st, SDL_Rect r, enum text_align align,
                    uint32_t rgb)
{
    struct text_block b;
    int h = 0;

    if (text_fit(s->fonts, text, st, r.w, r.h, &b) == 0) {
        text_draw(s->fonts, dst, &b, r.x, r.y, r.w, align, rgb);
        h = b.h;
    }
    text_block_free(&b);
    return h;
}

/* Draws one line of text vertically centred in r. */
static void line_centred(struct screen *s, SDL_Surface *dst, const char *text,
                         enum text_weight w, int max_px, int min_px, SDL_Rect r,
                         enum text_align align, uint32_t rgb)
{
    int fh = font_height(s, w, max_px);
    text_draw_fitted_line(s->fonts, dst, text, w, max_px, min_px, r.x, r.y + (r.h - fh) / 2, r.w,
                          align, rgb);
}

void screen_draw_header(struct screen *s, SDL_Surface *dst, time_t now)
{
    SDL_Rect r = screen_header_rect(s);
    char clock[16], day[64], date[64];
    int clock_px = T(s, s->portrait ? 84 : 76);
    int clock_w, right;
    const struct theme *th = s->th;

    draw_fill(dst, &r, th->header_bg);
    if (s->clock_unknown) {
        /* No time to tell yet: the place's name alone, not a date from 1970. */
        line_centred(s, dst, s->cfg->name, TEXT_BOLD, T(s, 52), T(s, 30),
                     (SDL_Rect){s->pad, r.y, s->w - 2 * s->pad, r.h}, TEXT_LEFT,
                     th->header_text);
        return;
    }
    frdate_clock(now, clock, sizeof(clock));
    frdate_day(now, now, day, sizeof(day));
    capitalise(date, sizeof(date), day);
    /* The clock's width is taken for "00:00", so the layout does not shift
     * from one minute to the next. */
    clock_w = text_width(s->fonts, TEXT_BOLD, clock_px, "00:00");
    right = s->w - s->pad - clock_w;
    line_centred(s, dst, clock, TEXT_BOLD, clock_px, clock_px, (SDL_Rect){right, r.y, clock_w, r.h},
                 TEXT_RIGHT, th->header_text);
    right -= U(s, 40);
    if (s->portrait) {
        /* Two rows on the left: the place, then the date. */
        int row = r.h / 2;
        SDL_Rect name = {s->pad, r.y + U(s, 14), right - s->pad, row - U(s, 8)};
        SDL_Rect when = {s->pad, r.y + row, right - s->pad, row - U(s, 14)};
        line_centred(s, dst, s->cfg->name, TEXT_BOLD, T(s, 50), T(s, 30), name, TEXT_LEFT,
                     th->header_text);
        line_centred(s, dst, date, TEXT_REGULAR, T(s, 46), T(s, 28), when, TEXT_LEFT,
                     th->header_text);
    } else {
        int date_w = text_width(s->fonts, TEXT_REGULAR, T(s, 46), date);
        int max_date = (right - s->pad) * 2 / 5;
        if (date_w > max_date)
            date_w = max_date;
        line_centred(s, dst, date, TEXT_REGULAR, T(s, 46), T(s, 28),
                     (SDL_Rect){right - date_w, r.y, date_w, r.h}, TEXT_RIGHT, th->header_text);
        right -= date_w + U(s, 48);
        line_centred(s, dst, s->cfg->name, TEXT_BOLD, T(s, 52), T(s, 30),
                     (SDL_Rect){s->pad, r.y, right - s->pad, r.h}, TEXT_LEFT, th->header_text);
    }
}

/* Draws a section title at the top of r; returns the height it takes. */
static int section_title(struct screen *s, SDL_Surface *dst, SDL_Rect r, const char *title,
                         const char *aside)
{
    int px = T(s, 40), h = font_height(s, TEXT_BOLD, px);
    int title_w = text_width(s->fonts, TEXT_BOLD, px, title);

    if (title_w > r.w)
        title_w = r.w;
    text_draw_fitted_line(s->fonts, dst, title, TEXT_BOLD, px, T(s, 26), r.x, r.y, title_w,
                          TEXT_LEFT, s->th->heading);
    if (aside && title_w + U(s, 32) < r.w) {
        int apx = T(s, 28);
        int ay = r.y + (h - font_height(s, TEXT_REGULAR, apx)) * 2 / 3;
        text_draw_fitted_line(s->fonts, dst, aside, TEXT_REGULAR, apx, T(s, 20),
                              r.x + title_w + U(s, 32), ay, r.w - title_w - U(s, 32), TEXT_RIGHT,
                              s->th->muted);
    }
    return h + U(s, 12);
}

/* ------------------------------------------------------------------------
 * Semainier */

struct cell_ctx {
    struct screen *s;
    SDL_Surface *dst;
    const struct content *c;
    time_t now;
    int act_px;          /* the activity size of the whole grid */
};

static uint32_t partner_colour(const struct screen *s, int32_t colour)
{
    return colour == MODEL_NO_COLOUR ? s->th->accent : (uint32_t)colour;
}

/* 1 when text fits on one line of width w at min_px or more, unshortened:
 * it does at some size of the range exactly when it does at the smallest. */
static int fits_line(struct screen *s, const char *text, enum text_weight wt, int min_px, int w)
{
    return *text && text_width(s->fonts, wt, min_px, text) <= w;
}

/* 1 when text fits in w x h at min_px or more without losing words. */
static int fits_whole(struct screen *s, const char *text, const struct text_style *st, int w,
                      int h)
{
    struct text_block b;
    int ok = text_fit(s->fonts, text, st, w, h, &b) == 0 && b.nlines > 0 && !b.shortened;
    text_block_free(&b);
    return ok;
}

/* Draws one slot as a card in r: the activity, then as many of "En cours",
 * the time and the room as the card holds, in that order of importance,
 * and only while the activity keeps all its words. A line that would lose
 * words itself is left out rather than shown as "Salle…". */
static void draw_slot(struct cell_ctx *x, const struct model_slot *sl, SDL_Rect r)
{
    struct screen *s = x->s;
    const struct theme *th = s->th;
    enum sched_state st = sched_state(sl->start, sl->end, x->now);
    int bar = U(s, 8), inset = U(s, 8);
    uint32_t bg = st == SCHED_NOW ? th->now_mark : th->panel_bg;
    uint32_t fg = st == SCHED_NOW ? th->now_badge_text
                  : st == SCHED_PAST ? th->past : th->panel_text;
    uint32_t meta_fg = st == SCHED_NOW ? th->now_badge_text
                       : st == SCHED_PAST ? th->past : th->panel_muted;
    char range[48];
    const char *meta[3];
    enum text_weight meta_w[3];
    int nmeta = 0, keep[3] = {0, 0, 0};
    /* The time and room never outgrow the activity they qualify. */
    int meta_px = SDL_min(T(s, 22), x->act_px), meta_min = SDL_min(T(s, 18), meta_px);
    int meta_h = font_height(s, TEXT_REGULAR, meta_px);
    int tx = r.x + bar + inset, tw = r.w - bar - 2 * inset, y = r.y + U(s, 6);
    int avail = r.h - U(s, 12);
    /* Meta lines may take room only while the activity stays near the
     * grid's size; below that, they give way. */
    struct text_style act = {TEXT_BOLD, x->act_px, x->act_px * 17 / 20, 3};
    struct text_style act_last = {TEXT_BOLD, x->act_px, T(s, 16), 4};
    draw_round(x->dst, &r, U(s, 8), bg);
    draw_fill(x->dst, &(SDL_Rect){r.x, r.y + U(s, 6), bar, r.h - U(s, 12)},
              st == SCHED_PAST ? th->grid : partner_colour(s, sl->colour));
    frdate_range(sl->start, sl->end, range, sizeof(range));
    if (st == SCHED_NOW) {
        meta_w[nmeta] = TEXT_BOLD;
        meta[nmeta++] = "En cours";
    }
    meta_w[nmeta] = TEXT_REGULAR;
    meta[nmeta++] = range;
    if (sl->room) {
        meta_w[nmeta] = TEXT_REGULAR;
        meta[nmeta++] = sl->room;
    }
    for (int i = 0; i < nmeta; i++) {
        if (avail - meta_h <= 0 || !fits_line(s, meta[i], meta_w[i], meta_min, tw) ||
            !fits_whole(s, sl->activity, &act, tw, avail - meta_h))
            continue;
        keep[i] = 1;
        avail -= meta_h;
    }
    if (act_last.min_px > act.min_px)
        act_last.min_px = act.min_px;
    y += fit_draw(s, x->dst, sl->activity, &act_last, (SDL_Rect){tx, y, tw, avail}, TEXT_LEFT,
                  fg);
    for (int i = 0; i < nmeta; i++) {
        if (!keep[i])
            continue;
        y += text_draw_fitted_line(s->fonts, x->dst, meta[i], meta_w[i], meta_px, meta_min, tx,
                                   y, tw, TEXT_LEFT, meta_fg);
    }
}

/* Draws the slots of one cell: stacked, or side by side in a wide cell; a
 * "+ N" line when they do not all fit. */
static void draw_cell(struct cell_ctx *x, const size_t *idx, size_t count, SDL_Rect r)
{
    struct screen *s = x->s;
    int gap = U(s, 6), want_w = U(s, 200), want_h = U(s, 84);
    size_t shown = count > CELL_MAX ? CELL_MAX : count;
    int more_h = 0, across = 0;
    char more[32];

    /* Stacked or side by side, whichever gives cards closest to the size a
     * slot wants; fewer cards and a "+ N" line when neither does. */
    for (;;) {
        int n = (int)shown;
        double down = SDL_min((double)r.w / want_w, (double)(r.h - (n - 1) * gap) / n / want_h);
        double side = SDL_min((double)(r.w - (n - 1) * gap) / n / want_w, (double)r.h / want_h);
        across = side > down;
        if (shown == 1 || SDL_max(down, side) >= 0.8)
            break;
        shown--;
    }
    if (shown < count) {
        more_h = font_height(s, TEXT_BOLD, T(s, 20));
        snprintf(more, sizeof(more), "+ %zu autre%s", count - shown, count - shown > 1 ? "s" : "");
        r.h -= more_h;
    }
    int room = across ? r.w : r.h;
    int card = (room - (int)(shown - 1) * gap) / (int)(shown ? shown : 1);
    for (size_t i = 0; i < shown; i++) {
        SDL_Rect c = across ? (SDL_Rect){r.x + (int)i * (card + gap), r.y, card, r.h}
                            : (SDL_Rect){r.x, r.y + (int)i * (card + gap), r.w, card};
        draw_slot(x, &x->c->slots[idx[i]], c);
    }
    if (more_h)
        text_draw_fitted_line(s->fonts, x->dst, more, TEXT_BOLD, T(s, 20), T(s, 14), r.x,
                              r.y + r.h, r.w, TEXT_CENTER, s->th->muted);
}

/* The grid of the semainier. In landscape the days are columns and the
 * parts of the day rows; on a portrait screen it is transposed, so that
 * each cell keeps a readable width instead of seven thin columns. */
struct grid {
    int transposed;
    int day[7], nday;
    int part[SCHED_NDAYPARTS], npart;
    SDL_Rect area;       /* the cells, without the heads */
    int head_w, head_h;  /* row heads' width, column heads' height */
    int row_y[8], row_h[8];
    int col_w;
};

static int grid_rows(const struct grid *g)
{
    return g->transposed ? g->nday : g->npart;
}

static int grid_cols(const struct grid *g)
{
    return g->transposed ? g->npart : g->nday;
}

static SDL_Rect grid_cell(const struct grid *g, int row, int col)
{
    return (SDL_Rect){g->area.x + col * g->col_w, g->row_y[row], g->col_w, g->row_h[row]};
}

static void grid_layout(struct screen *s, const struct content *c, const struct sched_week *wk,
                        SDL_Rect r, struct grid *g)
{
    size_t idx[CELL_MAX];
    int weight[8], total = 0, rows, cols, y;

    g->transposed = s->portrait;
    g->head_w = g->transposed ? U(s, 200) : U(s, 150);
    g->head_h = font_height(s, TEXT_BOLD, T(s, 28)) + U(s, 16);
    rows = grid_rows(g);
    cols = grid_cols(g);
    g->area = (SDL_Rect){r.x + g->head_w, r.y + g->head_h, r.w - g->head_w, r.h - g->head_h};
    g->col_w = g->area.w / cols;
    /* A row is as tall as its fullest cell needs, in proportion. */
    for (int i = 0; i < rows; i++) {
        weight[i] = 2;
        for (int j = 0; j < cols; j++) {
            int d = g->transposed ? g->day[i] : g->day[j];
            int p = g->transposed ? g->part[j] : g->part[i];
            int n = (int)sched_cell(c, wk, d, (enum sched_daypart)p, idx, CELL_MAX);
            if (n * 2 > weight[i])
                weight[i] = n > 3 ? 6 : n * 2;
        }
        /* Transposed, wide cells can put cards side by side: less height. */
        if (g->transposed && weight[i] > 3)
            weight[i] = 3;
        total += weight[i];
    }
    y = g->area.y;
    for (int i = 0; i < rows; i++) {
        g->row_y[i] = y;
        g->row_h[i] = i == rows - 1 ? g->area.y + g->area.h - y : g->area.h * weight[i] / total;
        y += g->row_h[i];
    }
}

/* The activity size of the whole grid: the largest at which every word of
 * every activity of the week fits its card, so that cells look alike and
 * no word is cut. */
static int grid_act_px(struct screen *s, const struct content *c, const struct sched_week *wk,
                       const struct grid *g)
{
    int px = T(s, 26), floor_px = T(s, 18);
    int card_w = g->col_w - U(s, 10) - U(s, 8) - 2 * U(s, 8);
    time_t week_end = caltime_add_days(wk->day[0], 7);

    for (size_t i = 0; i < c->nslots; i++) {
        if (c->slots[i].start < wk->day[0] || c->slots[i].start >= week_end)
            continue;
        px = text_max_px_words(s->fonts, TEXT_BOLD, c->slots[i].activity, px, floor_px, card_w);
    }
    return px;
}

/* "Lundi 23": the head of day d of the week. */
static void day_label(const struct sched_week *wk, int d, char *buf, size_t n)
{
    struct tm tm;

    caltime_local(wk->day[d], &tm);
    snprintf(buf, n, "%s %d", frdate_weekday_cap(d), tm.tm_mday);
}

static void draw_semainier(struct screen *s, SDL_Surface *dst, const struct content *c,
                           time_t now, SDL_Rect r)
{
    const struct theme *th = s->th;
    struct sched_week wk;
    struct grid g;
    int open_days[7], line = U(s, 2) > 0 ? U(s, 2) : 1;
    char aside[96], first[48], last[48];
    struct cell_ctx x = {s, dst, c, now, 0};
    size_t idx[CELL_MAX];

    memset(&g, 0, sizeof(g));
    for (int d = 0; d < 7; d++)
        open_days[d] = s->cfg->hours[d].n > 0;
    sched_week(c, now, open_days, &wk);
    if (s->clock_unknown) {
        wk.today = -1;   /* no today, nothing past, nothing "en cours" */
        x.now = 0;
    }
    for (int d = 0; d < 7; d++)
        if (wk.shown[d])
            g.day[g.nday++] = d;
    for (int p = 0; p < SCHED_NDAYPARTS; p++)
        if (wk.parts[p])
            g.part[g.npart++] = p;
    if (g.nday == 0 || g.npart == 0)
        return;
    frdate_day(wk.day[g.day[0]], now, first, sizeof(first));
    frdate_day(wk.day[g.day[g.nday - 1]], now, last, sizeof(last));
    /* "du lundi 23 au samedi 28 novembre": the first month is said only
     * when the week spans two. */
    {
        const char *sp = strrchr(first, ' ');
        const char *lsp = strrchr(last, ' ');
        int same_month = sp && lsp && strcmp(sp, lsp) == 0;
        int used;
        snprintf(aside, sizeof(aside), "du %.*s au %s",
                 same_month ? (int)(sp - first) : (int)strlen(first), first, last);
        used = section_title(s, dst, r, "Cette semaine", aside);
        r.y += used;
        r.h -= used;
    }
    draw_round(dst, &r, U(s, 12), th->panel_bg);
    grid_layout(s, c, &wk, r, &g);
    x.act_px = grid_act_px(s, c, &wk, &g);

    /* One size for all day heads, and one for the parts of the day: the
     * largest at which every one of them fits. */
    int day_px = T(s, 28), part_px = T(s, 26);
    for (int i = 0; i < g.nday; i++) {
        char label[48];
        int w = g.transposed ? g.head_w - U(s, 28) : g.col_w - U(s, 16);
        day_label(&wk, g.day[i], label, sizeof(label));
        day_px = text_max_px_line(s->fonts, TEXT_BOLD, label, day_px, T(s, 16), w);
    }
    for (int j = 0; j < g.npart; j++) {
        int w = g.transposed ? g.col_w - U(s, 16) : g.head_w - U(s, 18);
        part_px = text_max_px_line(s->fonts, TEXT_BOLD,
                                   sched_daypart_label((enum sched_daypart)g.part[j]), part_px,
                                   T(s, 14), w);
    }
    /* Day heads, today's highlighted and its cells tinted. */
    for (int i = 0; i < g.nday; i++) {
        int d = g.day[i];
        SDL_Rect head, band;
        char label[48];
        uint32_t fg = d < wk.today ? th->past : th->panel_text;
        day_label(&wk, d, label, sizeof(label));
        if (g.transposed) {
            head = (SDL_Rect){r.x + U(s, 6), g.row_y[i] + U(s, 4), g.head_w - U(s, 12),
                              g.row_h[i] - U(s, 8)};
            band = (SDL_Rect){head.x + head.w / 2, head.y, r.x + r.w - head.x - head.w / 2,
                              head.h};
        } else {
            head = (SDL_Rect){g.area.x + i * g.col_w, r.y, g.col_w, g.head_h};
            band = (SDL_Rect){head.x, head.y + head.h / 2, head.w, r.h - head.h / 2};
        }
        if (d == wk.today) {
            draw_fill(dst, &band, th->today_cell);
            draw_round(dst, &head, U(s, 10), th->today_bg);
            fg = th->today_text;
        }
        line_centred(s, dst, label, TEXT_BOLD, day_px, day_px,
                     (SDL_Rect){head.x + U(s, 8), head.y, head.w - U(s, 16), head.h},
                     g.transposed ? TEXT_LEFT : TEXT_CENTER, fg);
    }
    /* Heads of the parts of the day. */
    for (int j = 0; j < g.npart; j++) {
        const char *label = sched_daypart_label((enum sched_daypart)g.part[j]);
        SDL_Rect head = g.transposed
                            ? (SDL_Rect){g.area.x + j * g.col_w + U(s, 8), r.y,
                                         g.col_w - U(s, 16), g.head_h}
                            : (SDL_Rect){r.x + U(s, 12), g.row_y[j], g.head_w - U(s, 18),
                                         g.row_h[j]};
        line_centred(s, dst, label, TEXT_BOLD, part_px, part_px, head, TEXT_LEFT, th->heading);
    }
    /* Lines between rows, then the cells. */
    for (int i = 0; i < grid_rows(&g); i++)
        draw_fill(dst, &(SDL_Rect){r.x + U(s, 10), g.row_y[i], r.w - U(s, 20), line}, th->grid);
    for (int i = 0; i < grid_rows(&g); i++) {
        for (int j = 0; j < grid_cols(&g); j++) {
            int d = g.transposed ? g.day[i] : g.day[j];
            int p = g.transposed ? g.part[j] : g.part[i];
            SDL_Rect cell = grid_cell(&g, i, j);
            size_t n = sched_cell(c, &wk, d, (enum sched_daypart)p, idx, CELL_MAX);
            cell = (SDL_Rect){cell.x + U(s, 5), cell.y + U(s, 6), cell.w - U(s, 10),
                              cell.h - U(s, 12)};
            if (n == 0 && !open_days[d]) {
                /* A closed day says so once, in its first cell. */
                if ((g.transposed ? j : i) == 0)
                    line_centred(s, dst, "Fermé", TEXT_BOLD, T(s, 26), T(s, 16), cell,
                                 g.transposed ? TEXT_LEFT : TEXT_CENTER, th->past);
                continue;
            }
            draw_cell(&x, idx, n, cell);
        }
    }
}

/* ------------------------------------------------------------------------
 * Agenda */

/* The parts of one event card, fitted to a width: the time in a narrow
 * left column, the title and its details on the right. */
struct event_card {
    char when[48];       /* "10 h", "En cours", "Toute la journée" */
    char until[48];      /* "– 11 h 30" */
    int when_bold_mark;  /* 1: "when" in the colour of what is on now */
    int left_w;
    struct text_block title;
    char meta[2 * HS_MAX_TEXT_BYTES + 8];
    const char *registration;
    int h;
};

static void event_card_layout(struct screen *s, const struct model_event *e, time_t now, int w,
                              struct event_card *card)
{
    int title_px = T(s, 30);
    struct text_style title = {TEXT_BOLD, title_px, T(s, 24), 2};
    int meta_h = font_height(s, TEXT_REGULAR, T(s, 24)), pad = U(s, 12), right_w, left_h;
    char end[24];

    memset(card, 0, sizeof(*card));
    card->left_w = text_width(s->fonts, TEXT_BOLD, T(s, 28), "00 h 00") + U(s, 18);
    frdate_time(e->end, end, sizeof(end));
    if (e->all_day) {
        snprintf(card->when, sizeof(card->when), "Journée");
    } else if (sched_state(e->start, e->end, now) == SCHED_NOW) {
        snprintf(card->when, sizeof(card->when), "En cours");
        snprintf(card->until, sizeof(card->until), "\xE2\x80\x93 %s", end);
        card->when_bold_mark = 1;
    } else {
        frdate_time(e->start, card->when, sizeof(card->when));
        snprintf(card->until, sizeof(card->until), "\xE2\x80\x93 %s", end);
    }
    right_w = w - U(s, 8) - U(s, 14) - card->left_w - pad;
    text_fit(s->fonts, e->title, &title, right_w, 2 * font_height(s, TEXT_BOLD, title_px),
             &card->title);
    if (e->place && e->partner)
        snprintf(card->meta, sizeof(card->meta), "%s \xC2\xB7 %s", e->place, e->partner);
    else
        snprintf(card->meta, sizeof(card->meta), "%s",
                 e->place ? e->place : e->partner ? e->partner : "");
    card->registration = e->registration;
    left_h = font_height(s, TEXT_BOLD, T(s, 28)) +
             (card->until[0] ? font_height(s, TEXT_REGULAR, T(s, 24)) : 0);
    card->h = card->title.h + (card->meta[0] ? meta_h : 0) + (card->registration ? meta_h : 0);
    if (card->h < left_h)
        card->h = left_h;
    card->h += 2 * pad;
}

static void event_card_draw(struct screen *s, SDL_Surface *dst, const struct model_event *e,
                            struct event_card *card, SDL_Rect r)
{
    const struct theme *th = s->th;
    int bar = U(s, 8), pad = U(s, 12);
    int lx = r.x + bar + U(s, 14), tx = lx + card->left_w;
    int tw = r.x + r.w - pad - tx, y = r.y + pad, ly = r.y + pad;

    draw_round(dst, &r, U(s, 10), th->panel_bg);
    draw_fill(dst, &(SDL_Rect){r.x, r.y + U(s, 8), bar, r.h - U(s, 16)},
              partner_colour(s, e->colour));
    ly += text_draw_fitted_line(s->fonts, dst, card->when, TEXT_BOLD, T(s, 28), T(s, 18), lx, ly,
                                card->left_w - U(s, 10), TEXT_LEFT,
                                card->when_bold_mark ? th->now_mark : th->heading);
    if (card->until[0])
        text_draw_fitted_line(s->fonts, dst, card->until, TEXT_REGULAR, T(s, 24), T(s, 16), lx,
                              ly, card->left_w - U(s, 10), TEXT_LEFT, th->panel_muted);
    text_draw(s->fonts, dst, &card->title, tx, y, tw, TEXT_LEFT, th->panel_text);
    y += card->title.h;
    if (card->meta[0])
        y += text_draw_fitted_line(s->fonts, dst, card->meta, TEXT_REGULAR, T(s, 24), T(s, 19),
                                   tx, y, tw, TEXT_LEFT, th->panel_muted);
    if (card->registration)
        text_draw_fitted_line(s->fonts, dst, card->registration, TEXT_REGULAR, T(s, 24),
                              T(s, 19), tx, y, tw, TEXT_LEFT, th->panel_muted);
}

static void draw_agenda(struct screen *s, SDL_Surface *dst, const struct content *c, time_t now,
                        SDL_Rect r)
{
    const struct theme *th = s->th;
    size_t idx[AGENDA_MAX], nidx = 0, ndays, drawn = 0;
    struct sched_agenda_day days[AGENDA_DAYS + 1];
    int top, y, bottom = r.y + r.h, gap = U(s, 12);
    int day_h = font_height(s, TEXT_BOLD, T(s, 30)) + U(s, 4);
    int more_h = font_height(s, TEXT_BOLD, T(s, 26)) + U(s, 6);
    /* A wide zone (the agenda page alone) flows into two columns, so cards
     * keep a readable line length and twice as many fit. */
    int ncols = r.w > U(s, 1300) ? 2 : 1, col = 0;
    int col_w = (r.w - (ncols - 1) * s->pad) / ncols;
    SDL_Rect area;

    top = r.y + section_title(s, dst, r, "Ateliers et rendez-vous", NULL);
    y = top;
    ndays = sched_agenda(c, now, AGENDA_DAYS, idx, AGENDA_MAX, &nidx, days,
                         sizeof(days) / sizeof(days[0]));
    if (nidx == 0) {
        struct text_style st = {TEXT_REGULAR, T(s, 30), T(s, 22), 3};
        fit_draw(s, dst, "Pas d\xE2\x80\x99" "atelier prévu dans les deux prochaines semaines.",
                 &st, (SDL_Rect){r.x, y, r.w, bottom - y}, TEXT_LEFT, th->muted);
        return;
    }
    area = (SDL_Rect){r.x, top, col_w, bottom - top};
    for (size_t d = 0; d < ndays; d++) {
        char rel[64], label[64];
        for (size_t k = 0; k < days[d].count; k++) {
            const struct model_event *e = &c->events[idx[days[d].first + k]];
            struct event_card card;
            int head = k == 0 || y == top ? day_h : 0;
            /* Room for "et N autres" is kept unless this is the last one. */
            int reserve = drawn + 1 < nidx && col == ncols - 1 ? more_h : 0;
            event_card_layout(s, e, s->clock_unknown ? 0 : now, col_w, &card);
            if (y + head + card.h > bottom - reserve && col + 1 < ncols && y > top) {
                col++;
                area.x += col_w + s->pad;
                y = top;
                head = day_h;
                reserve = drawn + 1 < nidx && col == ncols - 1 ? more_h : 0;
            }
            if (y + head + card.h > bottom - reserve) {
                text_block_free(&card.title);
                goto more;
            }
            if (head) {
                if (s->clock_unknown)
                    frdate_day(days[d].day, now, rel, sizeof(rel));
                else
                    frdate_relative_day(days[d].day, now, rel, sizeof(rel));
                capitalise(label, sizeof(label), rel);
                text_draw_fitted_line(s->fonts, dst, label, TEXT_BOLD, T(s, 30), T(s, 22),
                                      area.x, y, col_w, TEXT_LEFT, th->heading);
                y += head;
            }
            event_card_draw(s, dst, e, &card, (SDL_Rect){area.x, y, col_w, card.h});
            text_block_free(&card.title);
            y += card.h + gap;
            drawn++;
        }
        y += U(s, 6);
    }
more:
    if (drawn < nidx) {
        char more[64];
        size_t left = nidx - drawn;
        snprintf(more, sizeof(more), "et %zu autre%s rendez-vous à venir", left,
                 left > 1 ? "s" : "");
        text_draw_fitted_line(s->fonts, dst, more, TEXT_BOLD, T(s, 26), T(s, 20), area.x,
                              bottom - more_h + U(s, 6), col_w, TEXT_LEFT, th->muted);
    }
}

void screen_draw_main(struct screen *s, SDL_Surface *dst, const struct content *c, time_t now,
                      int has_ticker)
{
    SDL_Rect m = screen_main_rect(s, has_ticker);
    SDL_Rect sem, agenda;
    int inner_w = m.w - 2 * s->pad, inner_h = m.h - 2 * s->pad;

    draw_fill(dst, &m, s->th->bg);
    if (s->page != SCREEN_PAGE_ALL) {
        SDL_Rect whole = {s->pad, m.y + s->pad, inner_w, inner_h};
        if (s->page == SCREEN_PAGE_SEMAINIER)
            draw_semainier(s, dst, c, now, whole);
        else
            draw_agenda(s, dst, c, now, whole);
        return;
    }
    if (s->portrait) {
        int sem_h = (inner_h - s->pad) * 3 / 5;
        sem = (SDL_Rect){s->pad, m.y + s->pad, inner_w, sem_h};
        agenda = (SDL_Rect){s->pad, sem.y + sem_h + s->pad, inner_w, inner_h - sem_h - s->pad};
    } else {
        int sem_w = (inner_w - s->pad) * 66 / 100;
        sem = (SDL_Rect){s->pad, m.y + s->pad, sem_w, inner_h};
        agenda = (SDL_Rect){sem.x + sem_w + s->pad, m.y + s->pad, inner_w - sem_w - s->pad,
                            inner_h};
    }
    draw_semainier(s, dst, c, now, sem);
    draw_agenda(s, dst, c, now, agenda);
}
