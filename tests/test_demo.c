/* Tests of content/demo.c: the built-in week must be current, stable, clean
 * and plausible whatever "now" is, DST weeks included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../content/caltime.h"
#include "../content/demo.h"
#include "../content/limits.h"
#include "../content/utf8.h"

#define DARK_BLUE 0x13294B /* the dark theme's background the colours were chosen for */

static time_t local(int y, int mon, int d, int h, int mi)
{
    return caltime_make(y, mon, d, h, mi);
}

static int setup(void **state)
{
    (void)state;
    return caltime_set_zone("Europe/Paris");
}

static int same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Valid, printable, and what utf8_clean would leave unchanged. */
static void check_text(const char *s)
{
    char *clean;

    if (s == NULL)
        return;
    assert_true(utf8_valid(s, strlen(s)));
    clean = utf8_clean(s, strlen(s), HS_MAX_TEXT_BYTES);
    assert_non_null(clean);
    assert_string_equal(clean, s);
    free(clean);
    /* French typography here uses U+202F, which no layout breaks at. */
    assert_null(strstr(s, "\xC2\xA0"));
    assert_null(strstr(s, " :"));
    assert_null(strstr(s, " ?"));
}

static void test_deterministic(void **state)
{
    time_t now = local(2026, 11, 27, 10, 15);
    struct content *a = demo_content(now), *b = demo_content(now);

    (void)state;
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->updated, now);
    assert_int_equal(a->nplaces, b->nplaces);
    for (size_t i = 0; i < a->nplaces; i++)
        assert_string_equal(a->places[i], b->places[i]);
    assert_int_equal(a->nslots, b->nslots);
    for (size_t i = 0; i < a->nslots; i++) {
        const struct model_slot *x = &a->slots[i], *y = &b->slots[i];

        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_true(same_str(x->activity, y->activity));
        assert_true(same_str(x->partner, y->partner));
        assert_true(same_str(x->room, y->room));
        assert_int_equal(x->place, y->place);
        assert_int_equal(x->colour, y->colour);
    }
    assert_int_equal(a->nevents, b->nevents);
    for (size_t i = 0; i < a->nevents; i++) {
        const struct model_event *x = &a->events[i], *y = &b->events[i];

        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_true(same_str(x->title, y->title));
        assert_true(same_str(x->place, y->place));
        assert_true(same_str(x->partner, y->partner));
        assert_true(same_str(x->registration, y->registration));
        assert_int_equal(x->colour, y->colour);
    }
    assert_int_equal(a->nnotices, b->nnotices);
    for (size_t i = 0; i < a->nnotices; i++) {
        assert_true(same_str(a->notices[i].title, b->notices[i].title));
        assert_true(same_str(a->notices[i].body, b->notices[i].body));
    }
    assert_int_equal(a->nticker, b->nticker);
    for (size_t i = 0; i < a->nticker; i++)
        assert_true(same_str(a->ticker[i].text, b->ticker[i].text));
    content_free(a);
    content_free(b);
}

static void check_slots_in_weeks(time_t now)
{
    struct content *c = demo_content(now);
    time_t from = caltime_week_start(now), to = caltime_add_days(from, 14);
    int first_week = 0, second_week = 0;

    assert_non_null(c);
    assert_true(c->nslots > 0);
    for (size_t i = 0; i < c->nslots; i++) {
        const struct model_slot *s = &c->slots[i];

        assert_true(s->start >= from && s->end <= to);
        assert_true(s->end > s->start);
        if (s->start < caltime_add_days(from, 7))
            first_week++;
        else
            second_week++;
        assert_true(s->place >= 0 && (size_t)s->place < c->nplaces);
        assert_string_equal(s->room, c->places[s->place]);
        if (i > 0)
            assert_true(c->slots[i - 1].start <= s->start);  /* sorted */
    }
    assert_int_equal(first_week, second_week);
    content_free(c);
}

static void test_slots_in_this_week_and_next(void **state)
{
    (void)state;
    check_slots_in_weeks(local(2026, 11, 27, 10, 15));
    check_slots_in_weeks(local(2026, 11, 23, 0, 0));    /* Monday midnight */
    check_slots_in_weeks(local(2026, 11, 29, 23, 59));  /* Sunday night */
    check_slots_in_weeks(local(2026, 3, 29, 12, 0));    /* DST days */
    check_slots_in_weeks(local(2026, 10, 25, 12, 0));
    check_slots_in_weeks(local(2026, 12, 31, 18, 0));   /* across the year */
}

/* The Monday 9:00 CAF permanence of both demo weeks is at 9:00 local time. */
static void check_caf_at_nine(time_t now, time_t monday1, time_t monday2)
{
    struct content *c = demo_content(now);
    int found = 0;

    assert_non_null(c);
    for (size_t i = 0; i < c->nslots; i++) {
        const struct model_slot *s = &c->slots[i];

        if (strcmp(s->activity, "Permanence CAF") != 0)
            continue;
        assert_int_equal(caltime_minute_of_day(s->start), 9 * 60);
        assert_int_equal(caltime_minute_of_day(s->end), 12 * 60);
        assert_true(caltime_day_start(s->start) == monday1 ||
                    caltime_day_start(s->start) == monday2);
        found++;
    }
    assert_int_equal(found, 2);
    content_free(c);
}

static void test_caf_stays_at_nine_across_dst(void **state)
{
    (void)state;
    /* Week of 23 March holds the spring change on Sunday 29. */
    check_caf_at_nine(local(2026, 3, 25, 10, 0), local(2026, 3, 23, 0, 0),
                      local(2026, 3, 30, 0, 0));
    check_caf_at_nine(local(2026, 3, 29, 3, 30), local(2026, 3, 23, 0, 0),
                      local(2026, 3, 30, 0, 0));
    /* Week of 19 October holds the autumn change on Sunday 25. */
    check_caf_at_nine(local(2026, 10, 21, 10, 0), local(2026, 10, 19, 0, 0),
                      local(2026, 10, 26, 0, 0));
    check_caf_at_nine(local(2026, 10, 25, 2, 30), local(2026, 10, 19, 0, 0),
                      local(2026, 10, 26, 0, 0));
}

static void test_dst_at_midnight(void **state)
{
    struct content *c;
    size_t fridays = 0;

    (void)state;
    /* Cairo moves from 00:00 to 01:00 on Friday 24 April 2026: that day
     * starts at 01:00, and "midnight + 9 h" would be 10:00. */
    assert_int_equal(caltime_set_zone("Africa/Cairo"), 0);
    c = demo_content(caltime_make(2026, 4, 22, 10, 0));
    assert_non_null(c);
    for (size_t i = 0; i < c->nslots; i++) {
        int m = caltime_minute_of_day(c->slots[i].start);

        assert_true(m == 9 * 60 || m == 9 * 60 + 30 || m == 14 * 60 || m == 18 * 60);
        if (caltime_weekday(c->slots[i].start) == 4 && m == 9 * 60)
            fridays++;
    }
    assert_int_equal(fridays, 2);
    for (size_t i = 0; i < c->nevents; i++) {
        int m = caltime_minute_of_day(c->events[i].start);

        assert_true(m == 10 * 60 || m == 14 * 60 || m == 16 * 60);
    }
    content_free(c);
    assert_int_equal(caltime_set_zone("Europe/Paris"), 0);
}

static void test_future_events(void **state)
{
    time_t now = local(2026, 11, 27, 10, 15);  /* a Friday */
    struct content *c = demo_content(now);
    size_t future = 0, today = 0;

    (void)state;
    assert_non_null(c);
    assert_true(c->nevents >= 6 && c->nevents <= 9);
    for (size_t i = 0; i < c->nevents; i++) {
        const struct model_event *e = &c->events[i];

        future += e->start > now;
        today += caltime_days_between(now, e->start) == 0;
        assert_true(caltime_days_between(now, e->start) <= 10);
        assert_int_not_equal(caltime_weekday(e->start), 6);  /* closed on Sunday */
        assert_non_null(e->place);
        assert_non_null(e->registration);
    }
    assert_true(future >= 6);
    assert_int_equal(today, 1);
    content_free(c);
}

static void test_events_every_day_of_week(void **state)
{
    (void)state;
    /* Whatever the day, the agenda has something ahead, Saturday events end
     * by noon (the centre closes then), and an event never shares a room
     * with a permanence at the same time. */
    for (int d = 0; d < 7; d++) {
        time_t now = local(2026, 10, 19 + d, 10, 15);
        struct content *c = demo_content(now);
        size_t future = 0;

        assert_non_null(c);
        for (size_t i = 0; i < c->nevents; i++) {
            const struct model_event *e = &c->events[i];

            future += e->start > now;
            if (caltime_weekday(e->start) == 5)
                assert_true(caltime_minute_of_day(e->end) <= 12 * 60);
            for (size_t j = 0; j < c->nslots; j++) {
                const struct model_slot *s = &c->slots[j];

                if (strcmp(s->room, e->place) == 0)
                    assert_false(s->start < e->end && e->start < s->end);
            }
        }
        assert_true(future >= 6);
        content_free(c);
    }
}

static void test_strings_clean(void **state)
{
    struct content *c = demo_content(local(2026, 11, 27, 10, 15));

    (void)state;
    assert_non_null(c);
    assert_int_equal(c->nplaces, 4);
    for (size_t i = 0; i < c->nplaces; i++)
        check_text(c->places[i]);
    for (size_t i = 0; i < c->nslots; i++) {
        check_text(c->slots[i].activity);
        check_text(c->slots[i].partner);
        check_text(c->slots[i].room);
    }
    for (size_t i = 0; i < c->nevents; i++) {
        check_text(c->events[i].title);
        check_text(c->events[i].place);
        check_text(c->events[i].partner);
        check_text(c->events[i].registration);
    }
    assert_int_equal(c->nnotices, 3);
    for (size_t i = 0; i < c->nnotices; i++) {
        check_text(c->notices[i].title);
        assert_non_null(c->notices[i].body);
        check_text(c->notices[i].body);
        check_text(c->notices[i].partner);
    }
    assert_int_equal(c->nticker, 5);
    for (size_t i = 0; i < c->nticker; i++)
        check_text(c->ticker[i].text);
    assert_null(c->urgent.text);
    content_free(c);
}

/* x^(1/5) by Newton's method, for 0 < x <= 1: the test needs no libm. */
static double fifth_root(double x)
{
    double y = 1.0;

    for (int i = 0; i < 60; i++)
        y -= (y * y * y * y * y - x) / (5 * y * y * y * y);
    return y;
}

/* Relative luminance, WCAG 2.1 definition; c^2.4 = c^2 * (c^2)^(1/5). */
static double luminance(int32_t rgb)
{
    double l[3];

    for (int i = 0; i < 3; i++) {
        double c = ((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;

        if (c <= 0.03928) {
            l[i] = c / 12.92;
        } else {
            c = (c + 0.055) / 1.055;
            l[i] = c * c * fifth_root(c * c);
        }
    }
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double contrast(int32_t a, int32_t b)
{
    double la = luminance(a), lb = luminance(b);

    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void test_partner_colours(void **state)
{
    struct content *c = demo_content(local(2026, 11, 27, 10, 15));
    const char *names[16];
    int32_t colours[16];
    size_t n = 0;

    (void)state;
    assert_non_null(c);
    assert_true(contrast(0xFFFFFF, 0x000000) > 20.9);  /* the formula itself */
    for (size_t i = 0; i < c->nslots; i++) {
        const struct model_slot *s = &c->slots[i];
        size_t k;

        if (s->partner == NULL) {
            assert_int_equal(s->colour, MODEL_NO_COLOUR);
            continue;
        }
        for (k = 0; k < n && strcmp(names[k], s->partner) != 0; k++)
            ;
        if (k < n) {
            assert_int_equal(colours[k], s->colour);  /* one colour a partner */
            continue;
        }
        assert_true(n < 16);
        for (size_t j = 0; j < n; j++)
            assert_int_not_equal(colours[j], s->colour);  /* distinct */
        assert_true(s->colour >= 0 && s->colour <= 0xFFFFFF);
        /* Readable as a mark on white and on dark blue (WCAG 1.4.11: 3:1). */
        assert_true(contrast(s->colour, 0xFFFFFF) >= 3.0);
        assert_true(contrast(s->colour, DARK_BLUE) >= 3.0);
        names[n] = s->partner;
        colours[n++] = s->colour;
    }
    assert_true(n >= 5);
    content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_slots_in_this_week_and_next),
        cmocka_unit_test(test_caf_stays_at_nine_across_dst),
        cmocka_unit_test(test_dst_at_midnight),
        cmocka_unit_test(test_future_events),
        cmocka_unit_test(test_events_every_day_of_week),
        cmocka_unit_test(test_strings_clean),
        cmocka_unit_test(test_partner_colours),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
