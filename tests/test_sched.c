/* Tests of content/sched.c (and the model it reads): what the screen shows
 * when, with "now" pinned, DST changes of Europe/Paris included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testutil.h"

#include "../content/caltime.h"
#include "../content/model.h"
#include "../content/sched.h"

static time_t local(int y, int mon, int d, int h, int mi)
{
    return caltime_make(y, mon, d, h, mi);
}

static void add_slot(struct content *c, time_t start, time_t end, const char *activity)
{
    struct model_slot s = {start, end, (char *)activity, NULL, NULL, -1, MODEL_NO_COLOUR};

    assert_int_equal(content_add_slot(c, &s), 0);
}

static void add_event(struct content *c, time_t start, time_t end, const char *title)
{
    struct model_event e = {start, end, 0, (char *)title, NULL, NULL, NULL, MODEL_NO_COLOUR};

    assert_int_equal(content_add_event(c, &e), 0);
}

static int setup(void **state)
{
    (void)state;
    return caltime_set_zone("Europe/Paris");
}

static void test_daypart_boundaries(void **state)
{
    (void)state;
    assert_int_equal(sched_daypart_of(local(2026, 11, 27, 0, 0)), SCHED_MORNING);
    assert_int_equal(sched_daypart_of(local(2026, 11, 27, 11, 59)), SCHED_MORNING);
    assert_int_equal(sched_daypart_of(local(2026, 11, 27, 12, 0)), SCHED_AFTERNOON);
    assert_int_equal(sched_daypart_of(local(2026, 11, 27, 17, 59)), SCHED_AFTERNOON);
    assert_int_equal(sched_daypart_of(local(2026, 11, 27, 18, 0)), SCHED_EVENING);
    assert_int_equal(sched_daypart_of(local(2026, 11, 27, 23, 59)), SCHED_EVENING);
    /* Local time, not UTC: 11:30 UTC is 13:30 CEST. */
    assert_int_equal(sched_daypart_of(utc(2026, 7, 1, 11, 30, 0)), SCHED_AFTERNOON);
    assert_string_equal(sched_daypart_label(SCHED_MORNING), "Matin");
    assert_string_equal(sched_daypart_label(SCHED_AFTERNOON), "Après-midi");
    assert_string_equal(sched_daypart_label(SCHED_EVENING), "Soir");
    assert_string_equal(sched_daypart_label(SCHED_NDAYPARTS), "");
}

static void test_state_boundaries(void **state)
{
    time_t s = local(2026, 11, 27, 14, 0), e = local(2026, 11, 27, 16, 0);

    (void)state;
    assert_int_equal(sched_state(s, e, s - 1), SCHED_FUTURE);
    assert_int_equal(sched_state(s, e, s), SCHED_NOW);
    assert_int_equal(sched_state(s, e, e - 1), SCHED_NOW);
    assert_int_equal(sched_state(s, e, e), SCHED_PAST);
}

static void test_week_of_a_sunday(void **state)
{
    struct content *c = content_new();
    struct sched_week w;
    time_t now = local(2026, 11, 29, 20, 0);  /* Sunday evening */

    (void)state;
    assert_non_null(c);
    sched_week(c, now, NULL, &w);
    assert_int_equal(w.day[0], local(2026, 11, 23, 0, 0));
    assert_int_equal(w.day[6], local(2026, 11, 29, 0, 0));
    assert_int_equal(w.today, 6);
    assert_int_equal(w.nshown, 5);
    assert_int_equal(w.shown[4], 1);
    assert_int_equal(w.shown[5], 0);
    assert_int_equal(w.shown[6], 0);
    assert_int_equal(w.nparts, 2);
    assert_int_equal(w.parts[SCHED_EVENING], 0);

    /* A Saturday slot of this week shows Saturday; one of next week does not
     * show anything. */
    add_slot(c, local(2026, 11, 28, 9, 30), local(2026, 11, 28, 11, 30), "Découvrir");
    add_slot(c, local(2026, 12, 6, 10, 0), local(2026, 12, 6, 11, 0), "Dimanche prochain");
    sched_week(c, now, NULL, &w);
    assert_int_equal(w.shown[5], 1);
    assert_int_equal(w.shown[6], 0);
    assert_int_equal(w.nshown, 6);

    /* open_days shows Sunday even without a slot. */
    {
        const int open[7] = {1, 1, 1, 1, 1, 0, 1};

        sched_week(c, now, open, &w);
        assert_int_equal(w.shown[6], 1);
        assert_int_equal(w.nshown, 7);
    }
    content_free(c);
}

static void test_week_crossing_dst(void **state)
{
    struct sched_week w;
    time_t now = local(2026, 10, 25, 12, 0);

    (void)state;
    sched_week(NULL, now, NULL, &w);
    assert_int_equal(w.day[0], utc(2026, 10, 18, 22, 0, 0));  /* Monday 19, CEST */
    assert_int_equal(w.day[6], utc(2026, 10, 24, 22, 0, 0));  /* Sunday 25, CEST */
    for (int d = 0; d < 7; d++)
        assert_int_equal(caltime_minute_of_day(w.day[d]), 0);
    assert_int_equal(w.today, 6);

    now = local(2026, 3, 30, 9, 0);  /* the Monday after the spring change */
    sched_week(NULL, now, NULL, &w);
    assert_int_equal(w.day[0], utc(2026, 3, 29, 22, 0, 0));
    assert_int_equal(w.day[1] - w.day[0], 86400);
    assert_int_equal(w.today, 0);

    now = local(2026, 3, 29, 12, 0);
    sched_week(NULL, now, NULL, &w);
    assert_int_equal(w.day[0], utc(2026, 3, 22, 23, 0, 0));  /* Monday 23, CET */
    assert_int_equal(w.day[6], utc(2026, 3, 28, 23, 0, 0));  /* Sunday 29, CET */
}

static void test_week_evening_row(void **state)
{
    struct content *c = content_new();
    struct sched_week w;
    time_t now = local(2026, 11, 25, 10, 0);

    (void)state;
    assert_non_null(c);
    add_slot(c, local(2026, 11, 26, 17, 59), local(2026, 11, 26, 19, 0), "Presque soir");
    sched_week(c, now, NULL, &w);
    assert_int_equal(w.parts[SCHED_EVENING], 0);
    assert_int_equal(w.nparts, 2);
    add_slot(c, local(2026, 11, 26, 18, 0), local(2026, 11, 26, 19, 30), "Pronote");
    sched_week(c, now, NULL, &w);
    assert_int_equal(w.parts[SCHED_EVENING], 1);
    assert_int_equal(w.nparts, 3);
    content_free(c);
}

static void test_cells(void **state)
{
    struct content *c = content_new();
    struct sched_week w;
    size_t out[4];
    time_t now = local(2026, 10, 21, 10, 0);  /* week of the autumn change */

    (void)state;
    assert_non_null(c);
    /* Added out of order: sched_cell relies on content_sort. */
    add_slot(c, local(2026, 10, 19, 14, 0), local(2026, 10, 19, 17, 0), "Lundi après-midi");
    add_slot(c, local(2026, 10, 19, 10, 0), local(2026, 10, 19, 12, 0), "Lundi 10 h");
    add_slot(c, local(2026, 10, 19, 9, 0), local(2026, 10, 19, 12, 0), "Lundi 9 h");
    add_slot(c, local(2026, 10, 20, 9, 0), local(2026, 10, 20, 12, 0), "Mardi");
    add_slot(c, local(2026, 10, 26, 9, 0), local(2026, 10, 26, 12, 0), "Lundi suivant");
    add_slot(c, local(2026, 10, 25, 23, 30), local(2026, 10, 26, 0, 30), "Dimanche soir");
    add_slot(c, local(2026, 10, 18, 23, 0), local(2026, 10, 18, 23, 30), "Dimanche avant");
    content_sort(c);
    sched_week(c, now, NULL, &w);

    assert_int_equal(sched_cell(c, &w, 0, SCHED_MORNING, out, 4), 2);
    assert_string_equal(c->slots[out[0]].activity, "Lundi 9 h");
    assert_string_equal(c->slots[out[1]].activity, "Lundi 10 h");
    /* More than max: the count is still the full one. */
    out[1] = 99;
    assert_int_equal(sched_cell(c, &w, 0, SCHED_MORNING, out, 1), 2);
    assert_string_equal(c->slots[out[0]].activity, "Lundi 9 h");
    assert_int_equal(out[1], 99);
    assert_int_equal(sched_cell(c, &w, 0, SCHED_AFTERNOON, out, 4), 1);
    assert_string_equal(c->slots[out[0]].activity, "Lundi après-midi");
    assert_int_equal(sched_cell(c, &w, 0, SCHED_EVENING, out, 4), 0);
    assert_int_equal(sched_cell(c, &w, 1, SCHED_MORNING, out, 4), 1);
    assert_string_equal(c->slots[out[0]].activity, "Mardi");
    /* Sunday 25 lasts 25 hours; its 23:30 belongs to it, next Monday not. */
    assert_int_equal(sched_cell(c, &w, 6, SCHED_EVENING, out, 4), 1);
    assert_string_equal(c->slots[out[0]].activity, "Dimanche soir");
    assert_int_equal(w.shown[6], 1);
    assert_int_equal(sched_cell(c, &w, 6, SCHED_MORNING, out, 4), 0);
    assert_int_equal(sched_cell(c, &w, 7, SCHED_MORNING, out, 4), 0);
    assert_int_equal(sched_cell(c, &w, -1, SCHED_MORNING, out, 4), 0);
    content_free(c);
}

static void test_agenda_grouping(void **state)
{
    struct content *c = content_new();
    struct sched_agenda_day days[8];
    size_t idx[16], nidx = 99, nd;
    time_t now = local(2026, 11, 27, 10, 15);

    (void)state;
    assert_non_null(c);
    add_event(c, local(2026, 11, 26, 10, 0), local(2026, 11, 28, 10, 0), "Exposition");
    add_event(c, local(2026, 11, 27, 8, 0), local(2026, 11, 27, 9, 0), "Passé");
    add_event(c, local(2026, 11, 27, 9, 30), local(2026, 11, 27, 11, 0), "En cours");
    add_event(c, local(2026, 11, 27, 10, 0), local(2026, 11, 27, 10, 15), "Fini à l'instant");
    add_event(c, local(2026, 11, 27, 16, 0), local(2026, 11, 27, 17, 30), "Boîte mail");
    add_event(c, local(2026, 11, 28, 10, 0), local(2026, 11, 28, 11, 30), "Smartphone");
    add_event(c, local(2026, 11, 30, 14, 0), local(2026, 11, 30, 16, 0), "Remise");
    add_event(c, local(2026, 12, 3, 23, 0), local(2026, 12, 3, 23, 30), "Dernier jour");
    add_event(c, local(2026, 12, 4, 0, 0), local(2026, 12, 4, 1, 0), "Hors horizon");
    content_sort(c);

    nd = sched_agenda(c, now, 7, idx, 16, &nidx, days, 8);
    assert_int_equal(nd, 4);
    assert_int_equal(nidx, 6);
    /* Today: the exhibition in progress since yesterday, then by start. */
    assert_int_equal(days[0].day, local(2026, 11, 27, 0, 0));
    assert_int_equal(days[0].first, 0);
    assert_int_equal(days[0].count, 3);
    assert_string_equal(c->events[idx[0]].title, "Exposition");
    assert_string_equal(c->events[idx[1]].title, "En cours");
    assert_string_equal(c->events[idx[2]].title, "Boîte mail");
    assert_int_equal(days[1].day, local(2026, 11, 28, 0, 0));
    assert_int_equal(days[1].first, 3);
    assert_int_equal(days[1].count, 1);
    assert_string_equal(c->events[idx[3]].title, "Smartphone");
    assert_int_equal(days[2].day, local(2026, 11, 30, 0, 0));
    assert_string_equal(c->events[idx[4]].title, "Remise");
    /* The last day of the horizon is in; the next one is out. */
    assert_int_equal(days[3].day, local(2026, 12, 3, 0, 0));
    assert_string_equal(c->events[idx[5]].title, "Dernier jour");

    /* Horizon 1: today only. */
    nd = sched_agenda(c, now, 1, idx, 16, &nidx, days, 8);
    assert_int_equal(nd, 1);
    assert_int_equal(nidx, 3);
    nd = sched_agenda(c, now, 0, idx, 16, &nidx, days, 8);
    assert_int_equal(nd, 0);
    assert_int_equal(nidx, 0);

    /* Caps: stop at the first event that does not fit. */
    nd = sched_agenda(c, now, 7, idx, 4, &nidx, days, 8);
    assert_int_equal(nd, 2);
    assert_int_equal(nidx, 4);
    nd = sched_agenda(c, now, 7, idx, 16, &nidx, days, 2);
    assert_int_equal(nd, 2);
    assert_int_equal(nidx, 4);
    assert_int_equal(days[1].count, 1);
    content_free(c);
}

static void test_agenda_across_dst(void **state)
{
    struct content *c = content_new();
    struct sched_agenda_day days[4];
    size_t idx[4], nidx;
    time_t now = local(2026, 10, 24, 10, 0);

    (void)state;
    assert_non_null(c);
    /* The 25-hour Sunday: 23:30 is still Sunday, and horizon 2 ends at
     * Monday 00:00 CET, not 24 h after Sunday 00:00 CEST. */
    add_event(c, local(2026, 10, 25, 23, 30), local(2026, 10, 25, 23, 45), "Dimanche tard");
    add_event(c, local(2026, 10, 26, 0, 0), local(2026, 10, 26, 0, 30), "Lundi minuit");
    content_sort(c);
    assert_int_equal(sched_agenda(c, now, 2, idx, 4, &nidx, days, 4), 1);
    assert_int_equal(nidx, 1);
    assert_int_equal(days[0].day, utc(2026, 10, 24, 22, 0, 0));
    assert_int_equal(sched_agenda(c, now, 3, idx, 4, &nidx, days, 4), 2);
    assert_int_equal(days[1].day, utc(2026, 10, 25, 23, 0, 0));
    content_free(c);
}

static void test_next_change(void **state)
{
    struct content *c = content_new();
    time_t now = local(2026, 11, 27, 10, 15);
    struct model_notice n = {0};
    struct model_ticker_item t = {0};
    struct model_urgent u = {0};

    (void)state;
    assert_non_null(c);
    /* Nothing: the next local midnight, also on a 25-hour day. */
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 28, 0, 0));
    assert_int_equal(sched_next_change(c, local(2026, 10, 25, 10, 0)),
                                       utc(2026, 10, 25, 23, 0, 0));
    assert_int_equal(sched_next_change(NULL, now), local(2026, 11, 28, 0, 0));

    /* A slot starting at now is not "after now"; its end is. */
    add_slot(c, now, local(2026, 11, 27, 12, 0), "Réparation");
    add_slot(c, local(2026, 11, 27, 14, 0), local(2026, 11, 27, 17, 30), "PC");
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 27, 12, 0));
    assert_int_equal(sched_next_change(c, local(2026, 11, 27, 12, 0)),
                     local(2026, 11, 27, 14, 0));
    assert_int_equal(sched_next_change(c, local(2026, 11, 27, 17, 30)),
                     local(2026, 11, 28, 0, 0));

    add_event(c, local(2026, 11, 27, 11, 0), local(2026, 11, 27, 11, 30), "Atelier");
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 27, 11, 0));
    assert_int_equal(sched_next_change(c, local(2026, 11, 27, 11, 0)),
                     local(2026, 11, 27, 11, 30));

    /* An open bound (0) is no change; a set one is. */
    n.title = (char *)"Wi-Fi";
    n.valid_until = local(2026, 11, 27, 10, 45);
    assert_int_equal(content_add_notice(c, &n), 0);
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 27, 10, 45));
    t.text = (char *)"Bientôt";
    t.valid_from = local(2026, 11, 27, 10, 30);
    assert_int_equal(content_add_ticker(c, &t), 0);
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 27, 10, 30));
    u.text = (char *)"Fermeture exceptionnelle à 16 h";
    u.valid_from = local(2026, 11, 27, 10, 20);
    assert_int_equal(content_set_urgent(c, &u), 0);
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 27, 10, 20));
    /* Clearing the urgent message drops its bounds too. */
    u.text = NULL;
    assert_int_equal(content_set_urgent(c, &u), 0);
    assert_null(c->urgent.text);
    assert_int_equal(c->urgent.valid_from, 0);
    assert_int_equal(sched_next_change(c, now), local(2026, 11, 27, 10, 30));
    content_free(c);
}

static void test_model_rejects(void **state)
{
    struct content *c = content_new();
    struct model_slot s = {0};
    struct model_event e = {0};
    struct model_notice n = {0};
    struct model_ticker_item t = {0};
    time_t a = local(2026, 11, 27, 9, 0), b = local(2026, 11, 27, 12, 0);

    (void)state;
    assert_non_null(c);
    assert_int_equal(content_add_place(c, "  Salle\t1 "), 0);
    assert_string_equal(c->places[0], "Salle 1");
    assert_int_equal(content_add_place(c, " \n "), -1);
    assert_int_equal(content_add_place(c, NULL), -1);
    assert_int_equal(c->nplaces, 1);

    s.start = a;
    s.end = b;
    s.activity = (char *)"Permanence\x01 CAF ";
    s.partner = (char *)"  ";
    s.room = (char *)"Bureau 2";
    s.place = 0;
    s.colour = 0x1000000;
    assert_int_equal(content_add_slot(c, &s), 0);
    assert_string_equal(c->slots[0].activity, "Permanence CAF");
    assert_null(c->slots[0].partner);                 /* empty optional: NULL */
    assert_int_equal(c->slots[0].colour, MODEL_NO_COLOUR);
    s.place = 1;                                      /* no such place */
    assert_int_equal(content_add_slot(c, &s), -1);
    s.place = -2;
    assert_int_equal(content_add_slot(c, &s), -1);
    s.place = -1;
    s.end = a;                                        /* end not after start */
    assert_int_equal(content_add_slot(c, &s), -1);
    s.end = b;
    s.activity = (char *)"\t";
    assert_int_equal(content_add_slot(c, &s), -1);
    assert_int_equal(c->nslots, 1);

    e.start = b;
    e.end = a;
    e.title = (char *)"Atelier";
    assert_int_equal(content_add_event(c, &e), -1);
    e.end = b;
    assert_int_equal(content_add_event(c, &e), -1);
    e.end = b + 60;
    e.title = NULL;
    assert_int_equal(content_add_event(c, &e), -1);
    assert_int_equal(c->nevents, 0);

    n.title = (char *)"Wi-Fi";
    n.valid_from = b;
    n.valid_until = a;
    assert_int_equal(content_add_notice(c, &n), -1);
    n.valid_until = 0;
    n.priority = 7;
    assert_int_equal(content_add_notice(c, &n), 0);
    assert_int_equal(c->notices[0].priority, 2);

    t.text = (char *)"";
    assert_int_equal(content_add_ticker(c, &t), -1);
    assert_int_equal(c->nticker, 0);
    content_free(c);
}

static void test_model_caps(void **state)
{
    struct content *c = content_new();
    struct model_slot s = {0};
    time_t a = local(2026, 11, 27, 9, 0);
    char big[HS_MAX_TEXT_BYTES * 2];

    (void)state;
    assert_non_null(c);
    for (int i = 0; i < HS_MAX_PLACES; i++)
        assert_int_equal(content_add_place(c, "Salle"), 0);
    assert_int_equal(content_add_place(c, "Une de trop"), -1);

    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    s.activity = big;
    s.place = -1;
    for (int i = 0; i < HS_MAX_SLOTS; i++) {
        s.start = a + i * 60;
        s.end = s.start + 60;
        assert_int_equal(content_add_slot(c, &s), 0);
    }
    assert_int_equal(content_add_slot(c, &s), -1);
    assert_int_equal(c->nslots, HS_MAX_SLOTS);
    assert_int_equal(strlen(c->slots[0].activity), HS_MAX_TEXT_BYTES);
    content_free(c);
}

static void test_sort_stable(void **state)
{
    struct content *c = content_new();
    time_t a = local(2026, 11, 27, 9, 0);
    struct model_slot s = {0};

    (void)state;
    assert_non_null(c);
    /* Reversed starts, and equal keys told apart by their partner. */
    for (int i = 40; i >= 0; i--)
        add_event(c, a + i * 600, a + i * 600 + 60, i % 2 ? "Impair" : "Pair");
    s.start = a;
    s.end = a + 60;
    s.activity = (char *)"Même";
    s.place = -1;
    s.partner = (char *)"premier";
    assert_int_equal(content_add_slot(c, &s), 0);
    s.partner = (char *)"second";
    assert_int_equal(content_add_slot(c, &s), 0);
    s.partner = (char *)"troisième";
    assert_int_equal(content_add_slot(c, &s), 0);
    add_slot(c, a - 60, a, "Avant");
    add_slot(c, a, a + 60, "Autre");  /* same start, title sorts first */
    content_sort(c);
    for (size_t i = 1; i < c->nevents; i++)
        assert_true(c->events[i - 1].start < c->events[i].start);
    assert_string_equal(c->slots[0].activity, "Avant");
    assert_string_equal(c->slots[1].activity, "Autre");
    assert_string_equal(c->slots[2].partner, "premier");
    assert_string_equal(c->slots[3].partner, "second");
    assert_string_equal(c->slots[4].partner, "troisième");
    content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daypart_boundaries),
        cmocka_unit_test(test_state_boundaries),
        cmocka_unit_test(test_week_of_a_sunday),
        cmocka_unit_test(test_week_crossing_dst),
        cmocka_unit_test(test_week_evening_row),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_agenda_grouping),
        cmocka_unit_test(test_agenda_across_dst),
        cmocka_unit_test(test_next_change),
        cmocka_unit_test(test_model_rejects),
        cmocka_unit_test(test_model_caps),
        cmocka_unit_test(test_sort_stable),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
