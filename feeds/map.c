/* Mapping parsed feeds into the content model. */
#include "map.h"

#include <string.h>
#include <strings.h>

/* Distinct hues, dark enough for white text and light enough to tell apart
 * on a dark theme; the player adjusts the contrast of the text it puts on
 * them. */
static const int32_t palette[] = {
    0x1A5FB4, 0x26A269, 0xC64600, 0x813D9C, 0xA51D2D, 0x0E7C86, 0x986A44, 0x5E5C64,
};

int32_t feed_auto_colour(const char *partner)
{
    /* FNV-1a: stable across machines and releases, unlike a seeded hash. */
    uint32_t h = 2166136261u;

    if (partner == NULL)
        return palette[0];
    for (const unsigned char *p = (const unsigned char *)partner; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return palette[h % (sizeof(palette) / sizeof(palette[0]))];
}

/* Returns the index of the place named name in c, adding it when there is
 * room; -1 when name is NULL or the places are full. */
static int place_index(struct content *c, const char *name)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < c->nplaces; i++)
        if (strcasecmp(c->places[i], name) == 0)
            return (int)i;
    if (content_add_place(c, name) != 0)
        return -1;
    return (int)c->nplaces - 1;
}

static int expired(time_t until, time_t now)
{
    return until != 0 && until <= now;
}

static enum feed_item_type target(const struct feed_item *it, enum cfg_kind kind)
{
    if (it->type != FEED_ITEM_ENTRY)
        return it->type;
    switch (kind) {
    case CFG_KIND_SEMAINIER: return FEED_ITEM_SLOT;
    case CFG_KIND_AGENDA: return FEED_ITEM_EVENT;
    case CFG_KIND_NOTICES: return FEED_ITEM_NOTICE;
    case CFG_KIND_TICKER: return FEED_ITEM_TICKER;
    case CFG_KIND_URGENT: return FEED_ITEM_URGENT;
    }
    return FEED_ITEM_NOTICE;
}

/* Adds one item; returns 1 when added, 0 when skipped, -1 when the content
 * refused it (a cap, or memory). */
static int add_one(const struct feed_item *it, const struct cfg_source *src, time_t now,
                   struct content *c, const char *partner, int32_t colour, int *urgent_set)
{
    switch (target(it, src->kind)) {
    case FEED_ITEM_SLOT: {
        struct model_slot s = {it->start, it->end, it->title, (char *)partner, it->location,
                               -1, colour};

        if (it->start == 0 || it->all_day || it->end <= now - 7 * 86400)
            return 0;
        s.place = place_index(c, it->site);
        return content_add_slot(c, &s) == 0 ? 1 : -1;
    }
    case FEED_ITEM_EVENT: {
        struct model_event e = {it->start, it->end, it->all_day, it->title, it->location,
                                (char *)partner, it->registration, colour};

        if (it->start == 0 || it->end <= now)
            return 0;
        return content_add_event(c, &e) == 0 ? 1 : -1;
    }
    case FEED_ITEM_NOTICE: {
        struct model_notice n = {it->title, it->summary, (char *)partner, it->image, it->link,
                                 it->valid_from, it->valid_until, it->priority, colour};

        if (expired(it->valid_until, now))
            return 0;
        return content_add_notice(c, &n) == 0 ? 1 : -1;
    }
    case FEED_ITEM_TICKER: {
        struct model_ticker_item t = {it->title, (char *)partner, it->valid_from,
                                      it->valid_until};

        if (expired(it->valid_until, now))
            return 0;
        return content_add_ticker(c, &t) == 0 ? 1 : -1;
    }
    case FEED_ITEM_URGENT: {
        struct model_urgent u = {it->title, it->valid_from, it->valid_until};

        /* One banner: the first that is still to be shown. */
        if (*urgent_set || expired(it->valid_until, now))
            return 0;
        if (content_set_urgent(c, &u) != 0)
            return -1;
        *urgent_set = 1;
        return 1;
    }
    case FEED_ITEM_ENTRY:
        break;
    }
    return 0;
}

int feed_map(const struct feed_doc *doc, const struct cfg_source *src, time_t now,
             struct content *c, int *skipped)
{
    int added = 0, urgent_set = c->urgent.text != NULL, dropped = 0;

    for (size_t i = 0; doc != NULL && i < doc->nitems; i++) {
        const struct feed_item *it = &doc->items[i];
        const char *partner = src->partner ? src->partner : src->name;
        int32_t colour = src->colour;
        int r;

        if (doc->format == FEED_FORMAT_HALLSCREEN && it->partner != NULL)
            partner = it->partner;
        if (it->colour >= 0)
            colour = it->colour;
        else if (colour < 0)
            colour = feed_auto_colour(partner);
        r = add_one(it, src, now, c, partner, colour, &urgent_set);
        if (r > 0)
            added++;
        else if (r == 0)
            dropped++;
        else if (c->nslots < HS_MAX_SLOTS && c->nevents < HS_MAX_EVENTS &&
                 c->nnotices < HS_MAX_NOTICES && c->nticker < HS_MAX_TICKER)
            return -1;     /* not a cap: memory ran out */
        else
            dropped++;
    }
    if (skipped)
        *skipped = dropped;
    return added;
}
