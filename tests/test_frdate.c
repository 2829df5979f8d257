/* Tests of content/frdate.c: French date words and time typography. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../content/caltime.h"
#include "../content/frdate.h"
#include "../content/utf8.h"

static time_t local(int y, int mon, int d, int h, int mi)
{
    return caltime_make(y, mon, d, h, mi);
}

static int setup(void **state)
{
    (void)state;
    return caltime_set_zone("Europe/Paris");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(frdate_weekday(0), "lundi");
    assert_string_equal(frdate_weekday(6), "dimanche");
    assert_string_equal(frdate_weekday(7), "");
    assert_string_equal(frdate_weekday(-1), "");
    assert_string_equal(frdate_weekday_cap(2), "Mercredi");
    assert_string_equal(frdate_weekday_cap(7), "");
    assert_string_equal(frdate_month(1), "janvier");
    assert_string_equal(frdate_month(2), "février");
    assert_string_equal(frdate_month(8), "août");
    assert_string_equal(frdate_month(12), "décembre");
    assert_string_equal(frdate_month(0), "");
    assert_string_equal(frdate_month(13), "");
}

static void test_day(void **state)
{
    time_t now = local(2026, 11, 27, 10, 15);
    char buf[64];

    (void)state;
    assert_int_equal(frdate_day(now, now, buf, sizeof(buf)), strlen("vendredi 27 novembre"));
    assert_string_equal(buf, "vendredi 27 novembre");
    frdate_day(local(2026, 12, 1, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "mardi 1er décembre");
    frdate_day(local(2026, 8, 15, 0, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "samedi 15 août");
    /* Late at night is still the same local day. */
    frdate_day(local(2026, 11, 29, 23, 59), now, buf, sizeof(buf));
    assert_string_equal(buf, "dimanche 29 novembre");
}

static void test_day_year_rule(void **state)
{
    time_t now = local(2026, 11, 27, 10, 15);
    char buf[64];

    (void)state;
    /* Next year but within 180 days: no year. */
    frdate_day(local(2027, 1, 5, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "mardi 5 janvier");
    /* Next year and more than 180 days away. */
    frdate_day(local(2027, 6, 15, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "mardi 15 juin 2027");
    frdate_day(local(2027, 6, 1, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "mardi 1er juin 2027");
    /* Same year, however far: no year. */
    frdate_day(local(2026, 1, 5, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "lundi 5 janvier");
    /* A past year, far away. */
    frdate_day(local(2025, 5, 1, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "jeudi 1er mai 2025");
    /* Exactly 180 days: still no year (2026-11-27 + 180 = 2027-05-26). */
    frdate_day(local(2027, 5, 26, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "mercredi 26 mai");
    frdate_day(local(2027, 5, 27, 9, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "jeudi 27 mai 2027");
}

static void test_relative_day(void **state)
{
    time_t now = local(2026, 11, 27, 10, 15);
    char buf[64];

    (void)state;
    frdate_relative_day(local(2026, 11, 27, 23, 59), now, buf, sizeof(buf));
    assert_string_equal(buf, "aujourd\u2019hui");
    frdate_relative_day(local(2026, 11, 27, 0, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "aujourd\u2019hui");
    frdate_relative_day(local(2026, 11, 28, 0, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "demain");
    frdate_relative_day(local(2026, 11, 29, 10, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "dimanche 29 novembre");
    frdate_relative_day(local(2026, 11, 26, 10, 0), now, buf, sizeof(buf));
    assert_string_equal(buf, "jeudi 26 novembre");
    /* Around the spring change, a day of 23 hours. */
    now = local(2026, 3, 28, 23, 30);
    frdate_relative_day(local(2026, 3, 29, 0, 10), now, buf, sizeof(buf));
    assert_string_equal(buf, "demain");
    frdate_relative_day(local(2026, 3, 30, 0, 10), now, buf, sizeof(buf));
    assert_string_equal(buf, "lundi 30 mars");
}

static void test_clock(void **state)
{
    char buf[16];

    (void)state;
    assert_int_equal(frdate_clock(local(2026, 11, 27, 9, 5), buf, sizeof(buf)), 5);
    assert_string_equal(buf, "09:05");
    frdate_clock(local(2026, 11, 27, 0, 0), buf, sizeof(buf));
    assert_string_equal(buf, "00:00");
    frdate_clock(local(2026, 11, 27, 23, 59), buf, sizeof(buf));
    assert_string_equal(buf, "23:59");
    frdate_clock(local(2026, 3, 29, 2, 30), buf, sizeof(buf)); /* in the gap */
    assert_string_equal(buf, "03:30");
}

static void test_time(void **state)
{
    char buf[16];

    (void)state;
    assert_int_equal(frdate_time(local(2026, 11, 27, 14, 0), buf, sizeof(buf)), 4);
    assert_string_equal(buf, "14 h");
    frdate_time(local(2026, 11, 27, 9, 30), buf, sizeof(buf));
    assert_string_equal(buf, "9 h 30");
    frdate_time(local(2026, 11, 27, 9, 5), buf, sizeof(buf));
    assert_string_equal(buf, "9 h 05");
    frdate_time(local(2026, 11, 27, 0, 0), buf, sizeof(buf));
    assert_string_equal(buf, "0 h");
}

static void test_range(void **state)
{
    char buf[64];

    (void)state;
    assert_int_equal(frdate_range(local(2026, 11, 27, 14, 0), local(2026, 11, 27, 16, 30), buf,
                                  sizeof(buf)),
                     strlen("14 h \u2013 16 h 30"));
    assert_string_equal(buf, "14 h \u2013 16 h 30");
    assert_string_equal(buf, "14 h \xE2\x80\x93 16 h 30"); /* U+2013 EN DASH */
    frdate_range(local(2026, 11, 27, 9, 30), local(2026, 11, 27, 12, 0), buf, sizeof(buf));
    assert_string_equal(buf, "9 h 30 \u2013 12 h");
}

static void test_truncation(void **state)
{
    char buf[16];
    time_t t = local(2026, 11, 27, 14, 0);
    size_t want;

    (void)state;
    /* "14 h – 16 h": the cut falls inside the dash, which must not be left
     * half-written. */
    want = frdate_range(t, local(2026, 11, 27, 16, 0), buf, 7);
    assert_int_equal(want, strlen("14 h \u2013 16 h"));
    assert_string_equal(buf, "14 h ");
    assert_true(utf8_valid(buf, strlen(buf)));
    frdate_range(t, local(2026, 11, 27, 16, 0), buf, 9);
    assert_string_equal(buf, "14 h \u2013");
    /* "février" cut in its "é". */
    frdate_day(local(2026, 2, 3, 9, 0), t, buf, 0);
    assert_int_equal(frdate_day(local(2026, 2, 3, 9, 0), t, NULL, 0), strlen("mardi 3 février"));
    {
        char big[16];

        frdate_day(local(2026, 2, 3, 9, 0), t, big, 11);
        assert_string_equal(big, "mardi 3 f");
        assert_true(utf8_valid(big, strlen(big)));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_day),
        cmocka_unit_test(test_day_year_rule),
        cmocka_unit_test(test_relative_day),
        cmocka_unit_test(test_clock),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_truncation),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
