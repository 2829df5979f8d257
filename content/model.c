/* The content model: every string is cleaned and capped on the way in, every
 * array is capped (limits.h), and a failed add leaves the content as it was. */
#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "utf8.h"

/* Every string of the model is cleaned and capped the same way. */
static int clean_opt(const char *s, char **out)
{
    return utf8_clean_opt(s, HS_MAX_TEXT_BYTES, out);
}

static int32_t valid_colour(int32_t colour)
{
    return colour >= 0 && colour <= 0xFFFFFF ? colour : MODEL_NO_COLOUR;
}

/* A validity window is open at a 0 end; when both ends are set, it must not
 * be empty. */
static int valid_window(time_t from, time_t until)
{
    return from == 0 || until == 0 || until > from;
}

struct content *content_new(void)
{
    return calloc(1, sizeof(struct content));
}

void content_free(struct content *c)
{
    size_t i;

    if (c == NULL)
        return;
    for (i = 0; i < c->nplaces; i++)
        free(c->places[i]);
    for (i = 0; i < c->nslots; i++) {
        free(c->slots[i].activity);
        free(c->slots[i].partner);
        free(c->slots[i].room);
    }
    free(c->slots);
    for (i = 0; i < c->nevents; i++) {
        free(c->events[i].title);
        free(c->events[i].place);
        free(c->events[i].partner);
        free(c->events[i].registration);
    }
    free(c->events);
    for (i = 0; i < c->nnotices; i++) {
        free(c->notices[i].title);
        free(c->notices[i].body);
        free(c->notices[i].partner);
        free(c->notices[i].image);
        free(c->notices[i].link);
    }
    free(c->notices);
    for (i = 0; i < c->nticker; i++) {
        free(c->ticker[i].text);
        free(c->ticker[i].partner);
    }
    free(c->ticker);
    free(c->urgent.text);
    free(c);
}

int content_add_place(struct content *c, const char *name)
{
    char *clean = NULL;

    if (c == NULL || c->nplaces >= HS_MAX_PLACES)
        return -1;
    if (clean_opt(name, &clean) != 0 || clean == NULL)
        return -1;
    c->places[c->nplaces++] = clean;
    return 0;
}

int content_add_slot(struct content *c, const struct model_slot *s)
{
    struct model_slot n = {0}, *tmp;

    if (c == NULL || s == NULL || c->nslots >= HS_MAX_SLOTS || s->end <= s->start)
        return -1;
    if (s->place < -1 || (s->place >= 0 && (size_t)s->place >= c->nplaces))
        return -1;
    if (clean_opt(s->activity, &n.activity) != 0 || n.activity == NULL)
        goto fail;
    if (clean_opt(s->partner, &n.partner) != 0 || clean_opt(s->room, &n.room) != 0)
        goto fail;
    tmp = array_grow(c->slots, c->nslots, sizeof(*c->slots));
    if (tmp == NULL)
        goto fail;
    c->slots = tmp;
    n.start = s->start;
    n.end = s->end;
    n.place = s->place;
    n.colour = valid_colour(s->colour);
    c->slots[c->nslots++] = n;
    return 0;

fail:
    free(n.activity);
    free(n.partner);
    free(n.room);
    return -1;
}

int content_add_event(struct content *c, const struct model_event *e)
{
    struct model_event n = {0}, *tmp;

    if (c == NULL || e == NULL || c->nevents >= HS_MAX_EVENTS || e->end <= e->start)
        return -1;
    if (clean_opt(e->title, &n.title) != 0 || n.title == NULL)
        goto fail;
    if (clean_opt(e->place, &n.place) != 0 || clean_opt(e->partner, &n.partner) != 0 ||
        clean_opt(e->registration, &n.registration) != 0)
        goto fail;
    tmp = array_grow(c->events, c->nevents, sizeof(*c->events));
    if (tmp == NULL)
        goto fail;
    c->events = tmp;
    n.start = e->start;
    n.end = e->end;
    n.all_day = e->all_day != 0;
    n.colour = valid_colour(e->colour);
    c->events[c->nevents++] = n;
    return 0;

fail:
    free(n.title);
    free(n.place);
    free(n.partner);
    free(n.registration);
    return -1;
}

int content_add_notice(struct content *c, const struct model_notice *s)
{
    struct model_notice n = {0}, *tmp;

    if (c == NULL || s == NULL || c->nnotices >= HS_MAX_NOTICES ||
        !valid_window(s->valid_from, s->valid_until))
        return -1;
    if (clean_opt(s->title, &n.title) != 0 || n.title == NULL)
        goto fail;
    if (clean_opt(s->body, &n.body) != 0 || clean_opt(s->partner, &n.partner) != 0 ||
        clean_opt(s->image, &n.image) != 0 || clean_opt(s->link, &n.link) != 0)
        goto fail;
    tmp = array_grow(c->notices, c->nnotices, sizeof(*c->notices));
    if (tmp == NULL)
        goto fail;
    c->notices = tmp;
    n.valid_from = s->valid_from;
    n.valid_until = s->valid_until;
    n.priority = s->priority < 0 ? 0 : s->priority > 2 ? 2 : s->priority;
    n.colour = valid_colour(s->colour);
    c->notices[c->nnotices++] = n;
    return 0;

fail:
    free(n.title);
    free(n.body);
    free(n.partner);
    free(n.image);
    free(n.link);
    return -1;
}

int content_add_ticker(struct content *c, const struct model_ticker_item *t)
{
    struct model_ticker_item n = {0}, *tmp;

    if (c == NULL || t == NULL || c->nticker >= HS_MAX_TICKER ||
        !valid_window(t->valid_from, t->valid_until))
        return -1;
    if (clean_opt(t->text, &n.text) != 0 || n.text == NULL)
        goto fail;
    if (clean_opt(t->partner, &n.partner) != 0)
        goto fail;
    tmp = array_grow(c->ticker, c->nticker, sizeof(*c->ticker));
    if (tmp == NULL)
        goto fail;
    c->ticker = tmp;
    n.valid_from = t->valid_from;
    n.valid_until = t->valid_until;
    c->ticker[c->nticker++] = n;
    return 0;

fail:
    free(n.text);
    free(n.partner);
    return -1;
}

int content_set_urgent(struct content *c, const struct model_urgent *u)
{
    char *text = NULL;

    if (c == NULL || u == NULL || !valid_window(u->valid_from, u->valid_until))
        return -1;
    if (clean_opt(u->text, &text) != 0)
        return -1;
    free(c->urgent.text);
    c->urgent.text = text;
    c->urgent.valid_from = text != NULL ? u->valid_from : 0;
    c->urgent.valid_until = text != NULL ? u->valid_until : 0;
    return 0;
}

static int cmp_time(time_t a, time_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_slot(const void *a, const void *b)
{
    const struct model_slot *x = a, *y = b;
    int r = cmp_time(x->start, y->start);

    return r != 0 ? r : strcmp(x->activity, y->activity);
}

static int cmp_event(const void *a, const void *b)
{
    const struct model_event *x = a, *y = b;
    int r = cmp_time(x->start, y->start);

    return r != 0 ? r : strcmp(x->title, y->title);
}

/* In-place and stable, but quadratic: only when the merge buffer cannot be
 * allocated, since content_sort cannot fail. */
static void insertion_sort(unsigned char *a, size_t n, size_t sz,
                           int (*cmp)(const void *, const void *))
{
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && cmp(a + (j - 1) * sz, a + j * sz) > 0; j--) {
            unsigned char *x = a + (j - 1) * sz, *y = a + j * sz;

            for (size_t k = 0; k < sz; k++) {
                unsigned char t = x[k];

                x[k] = y[k];
                y[k] = t;
            }
        }
    }
}

/* Bottom-up merge sort: stable (qsort is not), n log n on a reversed feed.
 * On a tie the left run wins, which keeps equal keys in input order. */
static void stable_sort(void *base, size_t n, size_t sz, int (*cmp)(const void *, const void *))
{
    unsigned char *a = base, *tmp;

    if (n < 2)
        return;
    tmp = malloc(n * sz);   /* n * sz is the size of an allocated array */
    if (tmp == NULL) {
        insertion_sort(a, n, sz, cmp);
        return;
    }
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;

            while (i < mid && j < hi) {
                if (cmp(a + j * sz, a + i * sz) < 0)
                    memcpy(tmp + k++ * sz, a + j++ * sz, sz);
                else
                    memcpy(tmp + k++ * sz, a + i++ * sz, sz);
            }
            memcpy(tmp + k * sz, a + i * sz, (mid - i) * sz);
            k += mid - i;
            memcpy(tmp + k * sz, a + j * sz, (hi - j) * sz);
        }
        memcpy(a, tmp, n * sz);
    }
    free(tmp);
}

void content_sort(struct content *c)
{
    if (c == NULL)
        return;
    stable_sort(c->slots, c->nslots, sizeof(*c->slots), cmp_slot);
    stable_sort(c->events, c->nevents, sizeof(*c->events), cmp_event);
}
