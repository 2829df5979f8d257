/* The content model: what a hall screen can show, whatever its source.
 * Strings are owned by the struct content that holds them; they are cleaned
 * (utf8_clean) and capped on the way in, so readers can trust them. Times are
 * absolute (time_t); the local calendar is applied only when drawing. */
#ifndef HS_MODEL_H
#define HS_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "limits.h"

#define MODEL_NO_COLOUR (-1) /* use the theme's accent colour */

/* A slot of the semainier: one dated occurrence of a permanence. */
struct model_slot {
    time_t start, end;
    char *activity;  /* "Permanence CAF" */
    char *partner;   /* "CAF de Bretagne"; may be NULL */
    char *room;      /* "Bureau 2"; may be NULL */
    int place;       /* index into content.places, or -1 */
    int32_t colour;  /* 0xRRGGBB of the partner, or MODEL_NO_COLOUR */
};

/* A dated event of the agenda (a workshop, a meeting). */
struct model_event {
    time_t start, end;   /* end > start; all-day events span local midnights */
    int all_day;
    char *title;
    char *place;         /* may be NULL */
    char *partner;       /* may be NULL */
    char *registration;  /* "Inscription à l'accueil"; may be NULL */
    int32_t colour;
};

/* A card of service information. valid_from / valid_until are 0 when open. */
struct model_notice {
    char *title;
    char *body;          /* may be NULL */
    char *partner;       /* may be NULL */
    char *image;         /* local path or URL; may be NULL */
    char *link;          /* URL for a QR code; may be NULL */
    time_t valid_from, valid_until;
    int priority;        /* 0 normal, 1 high, 2 urgent */
    int32_t colour;
};

struct model_ticker_item {
    char *text;
    char *partner;       /* may be NULL */
    time_t valid_from, valid_until;
};

struct model_urgent {
    char *text;          /* NULL when there is no urgent message */
    time_t valid_from, valid_until;
};

struct content {
    char *places[HS_MAX_PLACES];
    size_t nplaces;
    struct model_slot *slots;
    size_t nslots;
    struct model_event *events;
    size_t nevents;
    struct model_notice *notices;
    size_t nnotices;
    struct model_ticker_item *ticker;
    size_t nticker;
    struct model_urgent urgent;
    time_t updated;      /* newest successful update of any source; 0 unknown */
};

/* Returns an empty content, or NULL when memory runs out. */
struct content *content_new(void);

/* Frees c and every string it owns. Accepts NULL. */
void content_free(struct content *c);

/* Each add function copies the item and its strings (cleaned with utf8_clean,
 * capped at HS_MAX_TEXT_BYTES) into c. They return 0, or -1 when the item is
 * invalid (no title/text, end not after start, a slot's place not -1 nor an
 * index below nplaces, valid_until not after valid_from when both are set),
 * the cap of its kind in limits.h is reached, or memory runs out; c is
 * unchanged on -1. An optional string that is empty after cleaning is stored
 * as NULL; a colour outside 0..0xFFFFFF becomes MODEL_NO_COLOUR; a notice's
 * priority is clamped to 0..2. content_set_urgent replaces the urgent message;
 * a NULL text, or one empty after cleaning, clears it. */
int content_add_place(struct content *c, const char *name);
int content_add_slot(struct content *c, const struct model_slot *s);
int content_add_event(struct content *c, const struct model_event *e);
int content_add_notice(struct content *c, const struct model_notice *n);
int content_add_ticker(struct content *c, const struct model_ticker_item *t);
int content_set_urgent(struct content *c, const struct model_urgent *u);

/* Sorts slots and events by start time (then title), stable for equal keys. */
void content_sort(struct content *c);

#endif
