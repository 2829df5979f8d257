/* Tests of feeds/date.c in Europe/Paris (UTC+1 in winter, UTC+2 in
 * summer). Expected instants are written in UTC with timegm, so the tests do
 * not use the code under test to compute what they expect; local midnights
 * come from caltime_make, which has its own tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testutil.h"

#include "../content/caltime.h"
#include "../feeds/date.h"

static int setup(void **state)
{
    (void)state;
    return caltime_set_zone("Europe/Paris");
}

static int teardown(void **state)
{
    (void)state;
    return caltime_set_zone(NULL);
}

/* Asserts that s parses to want with a time of day. */
#define assert_instant(s, want)                                                       \
    do {                                                                              \
        time_t got_ = 0;                                                              \
        int only_ = -1;                                                               \
        if (date_parse((s), &got_, &only_) != 0)                                      \
            fail_msg("not parsed: \"%s\"", (s));                                      \
        if (got_ != (want))                                                           \
            fail_msg("\"%s\": got %lld, want %lld", (s), (long long)got_,             \
                     (long long)(want));                                              \
        assert_int_equal(only_, 0);                                                   \
    } while (0)

/* Asserts that s parses to local midnight of y-mon-d, as a date only. */
#define assert_day(s, y, mon, d)                                                      \
    do {                                                                              \
        time_t got_ = 0;                                                              \
        int only_ = -1;                                                               \
        if (date_parse((s), &got_, &only_) != 0)                                      \
            fail_msg("not parsed: \"%s\"", (s));                                      \
        if (got_ != caltime_make((y), (mon), (d), 0, 0))                              \
            fail_msg("\"%s\": got %lld", (s), (long long)got_);                       \
        assert_int_equal(only_, 1);                                                   \
    } while (0)

#define assert_refused(s)                                                             \
    do {                                                                              \
        time_t got_ = 12345;                                                          \
        if (date_parse((s), &got_, NULL) != -1)                                       \
            fail_msg("accepted: \"%s\" as %lld", (s), (long long)got_);               \
        assert_int_equal(got_, 12345);                                                \
    } while (0)

static void test_rfc822(void **state)
{
    time_t t = utc(2026, 11, 30, 13, 0, 0);

    (void)state;
    assert_instant("Mon, 30 Nov 2026 14:00:00 +0100", t);
    assert_instant("Mon, 30 Nov 2026 13:00:00 GMT", t);
    assert_instant("Mon, 30 Nov 2026 13:00:00 UT", t);
    assert_instant("Mon, 30 Nov 2026 13:00:00 UTC", t);
    assert_instant("Mon, 30 Nov 2026 13:00:00 Z", t);
    assert_instant("Mon, 30 Nov 2026 13:00:00 -0000", t);
    assert_instant("Mon, 30 Nov 2026 08:00:00 -0500", t);
    assert_instant("Mon, 30 Nov 2026 14:00:00 +01:00", t);
    /* Without a day name, without seconds, a one-digit day. */
    assert_instant("30 Nov 2026 14:00 +0100", t);
    assert_instant("Tue, 1 Dec 2026 14:00:00 +0100", utc(2026, 12, 1, 13, 0, 0));
    assert_instant("Tue, 01 Dec 2026 14:00:00 +0100", utc(2026, 12, 1, 13, 0, 0));
    /* Full names, any case, no comma. */
    assert_instant("Monday, 30 November 2026 14:00:00 +0100", t);
    assert_instant("MON 30 NOV 2026 14:00:00 +0100", t);
    assert_instant("mon, 30 nov 2026 14:00:00 +0100", t);
    assert_instant("Tuesday 1 December 2026 13:00 GMT", utc(2026, 12, 1, 13, 0, 0));
    /* The day name is not checked against the date: feeds get it wrong. */
    assert_instant("Fri, 30 Nov 2026 14:00:00 +0100", t);
    /* White space and a trailing comment. */
    assert_instant("  Mon,  30   Nov  2026   14:00:00   +0100  ", t);
    assert_instant("\n\tMon, 30 Nov 2026 14:00:00 +0100\n", t);
    assert_instant("Mon, 30 Nov 2026 14:00:00 +0100 (CET)", t);
    assert_instant("Mon, 30 Nov 2026 14:00:00 (heure de Paris)", t);
    /* RFC 850, as old servers still write it. */
    assert_instant("Monday, 30-Nov-26 13:00:00 GMT", t);
    /* A leap second. */
    assert_instant("Thu, 31 Dec 2026 23:59:60 GMT", utc(2027, 1, 1, 0, 0, 0));
}

static void test_rfc822_zones(void **state)
{
    time_t w = utc(2026, 11, 30, 14, 0, 0), s = utc(2026, 6, 1, 14, 0, 0);

    (void)state;
    assert_instant("30 Nov 2026 09:00 EST", w);
    assert_instant("1 Jun 2026 10:00 EDT", s);
    assert_instant("30 Nov 2026 08:00 CST", w);
    assert_instant("1 Jun 2026 09:00 CDT", s);
    assert_instant("30 Nov 2026 07:00 MST", w);
    assert_instant("1 Jun 2026 08:00 MDT", s);
    assert_instant("30 Nov 2026 06:00 PST", w);
    assert_instant("1 Jun 2026 07:00 PDT", s);
    assert_instant("30 Nov 2026 15:00 CET", w);
    assert_instant("1 Jun 2026 16:00 CEST", s);
    assert_instant("1 Jun 2026 15:00 BST", s);
    assert_instant("30 Nov 2026 14:00 WET", w);
    assert_instant("1 Jun 2026 15:00 WEST", s);
    assert_instant("30 Nov 2026 16:00 EET", w);
    assert_instant("1 Jun 2026 17:00 EEST", s);
    assert_instant("30 Nov 2026 15:00 cet", w);
    assert_instant("30 Nov 2026 15:00 GMT+0100", w);
    /* Military letters are read as UTC (RFC 2822 section 4.3). */
    assert_instant("30 Nov 2026 14:00 A", w);
    assert_instant("30 Nov 2026 14:00 N", w);
    assert_instant("30 Nov 2026 14:00 Y", w);
    assert_refused("30 Nov 2026 14:00 J");
    /* No zone: the screen's local time. */
    assert_instant("Mon, 30 Nov 2026 15:00:00", w);
    assert_instant("Mon, 1 Jun 2026 16:00", s);
    assert_refused("30 Nov 2026 14:00 XYZ");
    assert_refused("30 Nov 2026 14:00 AEST");
    assert_refused("30 Nov 2026 14:00 +2500");
    assert_refused("30 Nov 2026 14:00 +0160");
    assert_refused("30 Nov 2026 14:00 +100");
}

static void test_two_digit_years(void **state)
{
    (void)state;
    /* RFC 2822 section 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999. */
    assert_instant("Mon, 30 Nov 26 14:00:00 +0100", utc(2026, 11, 30, 13, 0, 0));
    assert_instant("Sat, 1 Jan 00 12:00:00 GMT", utc(2000, 1, 1, 12, 0, 0));
    assert_instant("Fri, 31 Dec 99 23:59:59 GMT", utc(1999, 12, 31, 23, 59, 59));
    assert_instant("1 Jan 70 12:00 GMT", utc(1970, 1, 1, 12, 0, 0));
    if (sizeof(time_t) > 4)
        assert_instant("Fri, 1 Jan 49 12:00:00 GMT", utc(2049, 1, 1, 12, 0, 0));
    assert_refused("1 Jan 50 12:00 GMT");       /* 1950: before 1970 */
    assert_refused("1 Jan 69 12:00 GMT");
    assert_refused("1 Jan 202 12:00 GMT");
    assert_refused("1 Jan 2 12:00 GMT");
}

static void test_french(void **state)
{
    (void)state;
    assert_instant("mar. 1 déc. 2026 14:00:00 +0100", utc(2026, 12, 1, 13, 0, 0));
    assert_instant("mardi 1er décembre 2026 14h30", utc(2026, 12, 1, 13, 30, 0));
    assert_instant("Mardi 1er Décembre 2026 14h30", utc(2026, 12, 1, 13, 30, 0));
    assert_instant("MARDI 1ER DÉCEMBRE 2026 14H30", utc(2026, 12, 1, 13, 30, 0));
    assert_instant("lun., 30 nov. 2026 14h", utc(2026, 11, 30, 13, 0, 0));
    assert_instant("Lundi, 30 novembre 2026 14:00", utc(2026, 11, 30, 13, 0, 0));
    assert_instant("30 novembre 2026 à 14 h 30", utc(2026, 11, 30, 13, 30, 0));
    assert_instant("30 novembre 2026, 9h05", utc(2026, 11, 30, 8, 5, 0));
    assert_instant("dim. 2 août 2026 10h00", utc(2026, 8, 2, 8, 0, 0));
    assert_day("1 janv. 2026", 2026, 1, 1);
    assert_day("1 janvier 2026", 2026, 1, 1);
    assert_day("1 févr. 2026", 2026, 2, 1);
    assert_day("1 fevrier 2026", 2026, 2, 1);
    assert_day("1 FÉVRIER 2026", 2026, 2, 1);
    assert_day("1 mars 2026", 2026, 3, 1);
    assert_day("1 avr. 2026", 2026, 4, 1);
    assert_day("1 avril 2026", 2026, 4, 1);
    assert_day("1 mai 2026", 2026, 5, 1);
    assert_day("1 juin 2026", 2026, 6, 1);
    assert_day("1 juil. 2026", 2026, 7, 1);
    assert_day("1 juillet 2026", 2026, 7, 1);
    assert_day("1 août 2026", 2026, 8, 1);
    assert_day("1 aout 2026", 2026, 8, 1);
    assert_day("1 AOÛT 2026", 2026, 8, 1);
    assert_day("1 sept. 2026", 2026, 9, 1);
    assert_day("1 septembre 2026", 2026, 9, 1);
    assert_day("1 oct. 2026", 2026, 10, 1);
    assert_day("1 nov. 2026", 2026, 11, 1);
    assert_day("1 déc. 2026", 2026, 12, 1);
    assert_day("1 dec 2026", 2026, 12, 1);
    assert_day("1 décembre 2026", 2026, 12, 1);
    assert_day("jeudi 3 décembre 2026", 2026, 12, 3);
    assert_day("Mon, 30 Nov 2026", 2026, 11, 30);
    assert_day("1 September 2026", 2026, 9, 1);
    assert_refused("1 brumaire 2026");
    assert_refused("Someday, 30 Nov 2026 14:00 GMT");
    assert_refused("le 3 décembre");
    assert_refused("30 novembre 2026 14 heures");
    assert_refused("30 novembre 2026 à");
}

static void test_iso(void **state)
{
    time_t t = utc(2026, 11, 30, 13, 0, 0);

    (void)state;
    assert_instant("2026-11-30T14:00:00+01:00", t);
    assert_instant("2026-11-30T13:00:00Z", t);
    assert_instant("2026-11-30T13:00:00.123Z", t);
    assert_instant("2026-11-30T13:00:00,5Z", t);
    assert_instant("2026-11-30t13:00:00z", t);
    assert_instant("2026-11-30T14:00:00+0100", t);
    assert_instant("2026-11-30T08:00:00-05", t);
    assert_instant("2026-11-30T14:00:00 +01:00", t);
    assert_instant("2026-11-30T13:00Z", t);
    assert_instant(" 2026-11-30T14:00:00+01:00 ", t);
    /* Without a zone: local time. */
    assert_instant("2026-11-30 14:00", t);
    assert_instant("2026-11-30T14:00", t);
    assert_instant("2026-11-30T14:00:00", t);
    assert_instant("2026-07-14 09:00", utc(2026, 7, 14, 7, 0, 0));
    /* 02:30 does not exist on 29 March: caltime moves it by the gap. */
    assert_instant("2026-03-29T02:30", utc(2026, 3, 29, 1, 30, 0));
    /* Basic format (xCal, iCalendar). */
    assert_instant("20261130T130000Z", t);
    assert_instant("20261130T140000", t);
    assert_instant("20261130T1400", t);
    assert_instant("20261130T140000+0100", t);
    assert_day("2026-11-30", 2026, 11, 30);
    assert_day("20261130", 2026, 11, 30);
    assert_day("2026-11-30 ", 2026, 11, 30);
    assert_day("2026-07-14", 2026, 7, 14);
    assert_refused("2026-11-30T");
    assert_refused("2026-11-30T14");
    assert_refused("2026-11-30T14:0");
    assert_refused("2026-11-30T14:00:00+01:00x");
    assert_refused("2026-11-30T14:00:00.Z");
    assert_refused("2026-11");
    assert_refused("2026");
    assert_refused("2026-1-30");
    assert_refused("20261130T14000");
    assert_refused("202611301");
    assert_refused("2026/11/30");
}

static void test_french_numeric(void **state)
{
    (void)state;
    assert_day("30/11/2026", 2026, 11, 30);
    assert_day("1/2/2026", 2026, 2, 1);
    assert_day("01/02/2026", 2026, 2, 1);
    assert_day("30/11/26", 2026, 11, 30);
    assert_instant("30/11/2026 14:00", utc(2026, 11, 30, 13, 0, 0));
    assert_instant("30/11/2026 14h30", utc(2026, 11, 30, 13, 30, 0));
    assert_instant("30/11/2026 à 14h30", utc(2026, 11, 30, 13, 30, 0));
    assert_instant("30/11/2026 14:00:05", utc(2026, 11, 30, 13, 0, 5));
    assert_refused("30/11");
    assert_refused("30/11/");
    assert_refused("30/11/2026 14");
    assert_refused("0/11/2026");
    assert_refused("30/0/2026");
    assert_refused("30/13/2026");
    assert_refused("11/30/2026");             /* month first: no month 30 */
}

static void test_ranges(void **state)
{
    time_t t;
    int only = 7;

    (void)state;
    assert_refused("31/11/2026");
    assert_refused("2026-02-30");
    assert_refused("2026-02-29");
    assert_refused("29/02/2026");
    assert_refused("2100-02-29");
    assert_day("2028-02-29", 2028, 2, 29);
    assert_day("29/02/2000", 2000, 2, 29);
    assert_refused("2026-04-31");
    assert_refused("2026-13-01");
    assert_refused("2026-00-10");
    assert_refused("2026-11-00");
    assert_refused("Mon, 32 Nov 2026");
    assert_refused("Mon, 31 Nov 2026 10:00 GMT");
    assert_refused("Mon, 30 Nov 2026 24:00");
    assert_refused("Mon, 30 Nov 2026 24:00:00 GMT");
    assert_refused("2026-11-30T24:00:00Z");
    assert_refused("2026-11-30T14:60");
    assert_refused("2026-11-30T14:00:61");
    assert_refused("30/11/2026 14h60");
    assert_refused("30/11/2026 25h");
    assert_refused("1969-12-31");
    assert_refused("1969-12-31T23:00:00Z");
    assert_refused("1970-01-01T00:00:00Z");   /* 0 means "absent" in the model */
    assert_instant("1970-01-01T00:00:01Z", 1);
    assert_refused("10000-01-01");
    assert_refused("Mon, 30 Nov 2026 GMT");   /* a zone without a time */
    assert_refused("Mon, 30 Nov 2026 14:00:00 +0100 garbage");
    assert_refused("Mon, 30 Nov 2026 14:00:00 +0100 (CET");
    assert_refused("30 Nov 2026 14:00:00.5 GMT");
    assert_refused("30 Foo 2026");
    assert_refused("Nov 30 2026");
    assert_refused("30 Nov");
    assert_refused("");
    assert_refused("   ");
    assert_refused("\xff\xfe");
    assert_refused("demain");
    assert_int_equal(date_parse(NULL, &t, &only), -1);
    assert_int_equal(date_parse("2026-11-30", NULL, &only), -1);
    assert_int_equal(only, 7);
    /* date_only may be NULL. */
    assert_int_equal(date_parse("2026-11-30", &t, NULL), 0);
    assert_int_equal(t, caltime_make(2026, 11, 30, 0, 0));
}

static void test_hint(void **state)
{
    (void)state;
    assert_non_null(strstr(date_hint(), "Mon, 30 Nov 2026 14:00:00 +0100"));
    assert_non_null(strstr(date_hint(), "2026-11-30T14:00:00+01:00"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc822),
        cmocka_unit_test(test_rfc822_zones),
        cmocka_unit_test(test_two_digit_years),
        cmocka_unit_test(test_french),
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_french_numeric),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_hint),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
