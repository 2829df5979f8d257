/* What is shown when: pure functions of the content and "now"; the local
 * calendar comes from caltime, so every day boundary is DST-safe. */
#include "sched.h"

#include "caltime.h"

#define NOON_MIN (12 * 60)
#define EVENING_MIN (18 * 60)

const char *sched_daypart_label(enum sched_daypart p)
{
    switch (p) {
    case SCHED_MORNING:
        return "Matin";
    case SCHED_AFTERNOON:
        return "Après-midi";
    case SCHED_EVENING:
        return "Soir";
    default:
        return "";
    }
}

enum sched_daypart sched_daypart_of(time_t t)
{
    int m = caltime_minute_of_day(t);

    if (m < NOON_MIN)
        return SCHED_MORNING;
    return m < EVENING_MIN ? SCHED_AFTERNOON : SCHED_EVENING;
}

enum sched_state sched_state(time_t start, time_t end, time_t now)
{
    if (now < start)
        return SCHED_FUTURE;
    return now < end ? SCHED_NOW : SCHED_PAST;
}

/* Local midnight that ends day d (0..6) of w. */
static time_t day_end(const struct sched_week *w, int d)
{
    return d < 6 ? w->day[d + 1] : caltime_add_days(w->day[6], 1);
}

void sched_week(const struct content *c, time_t now, const int open_days[7],
                struct sched_week *w)
{
    time_t week_end;
    size_t i;
    int d;

    w->day[0] = caltime_week_start(now);
    for (d = 1; d < 7; d++)
        w->day[d] = caltime_add_days(w->day[0], d);
    week_end = day_end(w, 6);
    w->today = caltime_weekday(now);
    for (d = 0; d < 7; d++)
        w->shown[d] = d < 5 || (open_days != NULL && open_days[d]);
    w->parts[SCHED_MORNING] = 1;
    w->parts[SCHED_AFTERNOON] = 1;
    w->parts[SCHED_EVENING] = 0;
    for (i = 0; c != NULL && i < c->nslots; i++) {
        time_t s = c->slots[i].start;

        if (s < w->day[0] || s >= week_end)
            continue;
        if (s >= w->day[5])
            w->shown[s >= w->day[6] ? 6 : 5] = 1;
        if (sched_daypart_of(s) == SCHED_EVENING)
            w->parts[SCHED_EVENING] = 1;
    }
    w->nshown = 0;
    for (d = 0; d < 7; d++)
        w->nshown += w->shown[d];
    w->nparts = 0;
    for (d = 0; d < SCHED_NDAYPARTS; d++)
        w->nparts += w->parts[d];
}

size_t sched_cell(const struct content *c, const struct sched_week *w, int d,
                  enum sched_daypart p, size_t *out, size_t max)
{
    time_t from, to;
    size_t i, count = 0;

    if (c == NULL || w == NULL || d < 0 || d > 6)
        return 0;
    from = w->day[d];
    to = day_end(w, d);
    for (i = 0; i < c->nslots; i++) {
        time_t s = c->slots[i].start;

        if (s >= to)
            break;      /* sorted by start */
        if (s < from || sched_daypart_of(s) != p)
            continue;
        if (count < max)
            out[count] = i;
        count++;
    }
    return count;
}

size_t sched_agenda(const struct content *c, time_t now, int horizon_days,
                    size_t *idx, size_t max_events, size_t *nidx,
                    struct sched_agenda_day *days, size_t max_days)
{
    time_t today, limit;
    size_t i, ni = 0, nd = 0;

    if (nidx != NULL)
        *nidx = 0;
    if (c == NULL || horizon_days < 1 || idx == NULL || days == NULL)
        return 0;
    today = caltime_day_start(now);
    limit = caltime_add_days(now, horizon_days);
    for (i = 0; i < c->nevents && ni < max_events; i++) {
        const struct model_event *e = &c->events[i];
        time_t day;

        if (e->start >= limit)
            break;      /* sorted by start */
        if (e->end <= now)
            continue;
        /* An event in progress since an earlier day is listed under today. */
        day = e->start < today ? today : caltime_day_start(e->start);
        if (nd == 0 || days[nd - 1].day != day) {
            if (nd == max_days)
                break;
            days[nd].day = day;
            days[nd].first = ni;
            days[nd].count = 0;
            nd++;
        }
        idx[ni++] = i;
        days[nd - 1].count++;
    }
    if (nidx != NULL)
        *nidx = ni;
    return nd;
}

/* Also right for the open bound 0 of a validity window: 0 is never after now
 * (even a board without a real-time clock boots in 1970, not before). */
static void consider(time_t x, time_t now, time_t *best)
{
    if (x > now && x < *best)
        *best = x;
}

time_t sched_next_change(const struct content *c, time_t now)
{
    time_t best = caltime_add_days(now, 1);
    size_t i;

    if (c == NULL)
        return best;
    for (i = 0; i < c->nslots; i++) {
        consider(c->slots[i].start, now, &best);
        consider(c->slots[i].end, now, &best);
    }
    for (i = 0; i < c->nevents; i++) {
        consider(c->events[i].start, now, &best);
        consider(c->events[i].end, now, &best);
    }
    for (i = 0; i < c->nnotices; i++) {
        consider(c->notices[i].valid_from, now, &best);
        consider(c->notices[i].valid_until, now, &best);
    }
    for (i = 0; i < c->nticker; i++) {
        consider(c->ticker[i].valid_from, now, &best);
        consider(c->ticker[i].valid_until, now, &best);
    }
    if (c->urgent.text != NULL) {
        consider(c->urgent.valid_from, now, &best);
        consider(c->urgent.valid_until, now, &best);
    }
    return best;
}
