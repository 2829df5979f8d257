/* What is shown when: pure functions of the content and "now". */
#ifndef HS_SCHED_H
#define HS_SCHED_H

#include <stddef.h>
#include <time.h>

#include "model.h"

enum sched_daypart { SCHED_MORNING, SCHED_AFTERNOON, SCHED_EVENING, SCHED_NDAYPARTS };

/* French labels "Matin", "Après-midi", "Soir". Static. */
const char *sched_daypart_label(enum sched_daypart p);

/* Returns the part of the day a slot starting at t belongs to: morning
 * before 12:00, afternoon before 18:00, evening after (local time). */
enum sched_daypart sched_daypart_of(time_t t);

enum sched_state { SCHED_PAST, SCHED_NOW, SCHED_FUTURE };

/* Returns where now stands against [start, end). */
enum sched_state sched_state(time_t start, time_t end, time_t now);

/* The grid of the semainier for the week that holds now. */
struct sched_week {
    time_t day[7];       /* local midnight of Monday ... Sunday */
    int today;           /* 0..6, index of now's day */
    int shown[7];        /* 1 when the column is drawn */
    int nshown;
    int parts[SCHED_NDAYPARTS]; /* 1 when the row is drawn */
    int nparts;
};

/* Fills w for the week of now. Monday to Friday are always shown; Saturday
 * and Sunday when the content has a slot on them that week or open_days[d]
 * is set (open_days may be NULL). Morning and afternoon rows are always
 * shown, evening when a slot of the week starts in the evening. */
void sched_week(const struct content *c, time_t now, const int open_days[7],
                struct sched_week *w);

/* Writes into out (up to max) the indexes in c->slots of the week's slots
 * that start on day d (0..6) in daypart p, in start order; returns how many
 * there are (possibly more than max). content_sort must have run. */
size_t sched_cell(const struct content *c, const struct sched_week *w, int d,
                  enum sched_daypart p, size_t *out, size_t max);

/* One day of the agenda: the events that start that local day. */
struct sched_agenda_day {
    time_t day;          /* local midnight */
    size_t first;        /* index into the output index array */
    size_t count;
};

/* Collects the events still to come or in progress at now (end > now) that
 * start before local midnight horizon_days days after now's day (1: today
 * only), in start order, grouped by local day; an event in progress since an
 * earlier day is grouped under today. Writes up to max_events indexes into
 * c->events in idx and up to max_days groups into days, stopping at the first
 * event that does not fit; returns the number of groups written and sets
 * *nidx. Returns 0 when horizon_days < 1. content_sort must have run. */
size_t sched_agenda(const struct content *c, time_t now, int horizon_days,
                    size_t *idx, size_t max_events, size_t *nidx,
                    struct sched_agenda_day *days, size_t max_days);

/* Returns the next instant after now at which what the schedule shows
 * changes (a slot or an event starting or ending, a notice, ticker item or
 * urgent message becoming valid or expiring, the next local midnight), for
 * the main loop's sleep. The clock's minute is not included: the loop keeps
 * its own deadline for it. */
time_t sched_next_change(const struct content *c, time_t now);

#endif
