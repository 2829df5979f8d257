/* Tests of content/caltime.c around the DST changes of Europe/Paris in 2026:
 * Sunday 29 March (02:00 CET -> 03:00 CEST, 01:00 UTC) and Sunday 25 October
 * (03:00 CEST -> 02:00 CET, 01:00 UTC). Expected instants are written in UTC,
 * so the tests do not use the code under test to compute what they expect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "../content/caltime.h"

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

static void test_zone_names(void **state)
{
    (void)state;
    assert_int_equal(caltime_zone_exists("Europe/Paris"), 1);
    assert_int_equal(caltime_zone_exists("UTC"), 1);
    assert_int_equal(caltime_zone_exists("Europe/Atlantis"), 0);
    assert_int_equal(caltime_zone_exists("Europe"), 0);           /* a directory */
    assert_int_equal(caltime_zone_exists("zone.tab"), 0);         /* not TZif */
    assert_int_equal(caltime_zone_exists("/usr/share/zoneinfo/Europe/Paris"), 0);
    assert_int_equal(caltime_zone_exists("../zoneinfo/Europe/Paris"), 0);
    assert_int_equal(caltime_zone_exists("Europe/../Europe/Paris"), 0);
    assert_int_equal(caltime_zone_exists("Europe/Paris\n"), 0);
    assert_int_equal(caltime_zone_exists("Europe/Paris Europe/Rome"), 0);
    assert_int_equal(caltime_zone_exists(""), 0);
    assert_int_equal(caltime_zone_exists(NULL), 0);
}

/* Copies the file at from to to; returns 0 or -1. */
static int copy_file(const char *from, const char *to)
{
    char buf[4096];
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    size_t n;
    int rc = -1;

    if (in == NULL || out == NULL)
        goto done;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
        if (fwrite(buf, 1, n, out) != n)
            goto done;
    }
    rc = ferror(in) ? -1 : 0;
done:
    if (in != NULL)
        fclose(in);
    if (out != NULL && fclose(out) != 0)
        rc = -1;
    return rc;
}

static void test_zone_under_tzdir(void **state)
{
    char dir[] = "/tmp/test_caltime_XXXXXX", path[256];
    FILE *f;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/Real.Zone", dir);
    assert_int_equal(copy_file("/usr/share/zoneinfo/Europe/Paris", path), 0);
    snprintf(path, sizeof(path), "%s/Not.Zone", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("Europe/Paris\n", f);
    assert_int_equal(fclose(f), 0);

    assert_int_equal(setenv("TZDIR", dir, 1), 0);
    assert_int_equal(caltime_zone_exists("Real.Zone"), 1);
    assert_int_equal(caltime_zone_exists("Not.Zone"), 0);      /* not a TZif file */
    assert_int_equal(caltime_zone_exists("Europe/Paris"), 0);  /* not under TZDIR */
    /* With TZDIR "/", "tmp/..." names the file; "/tmp/..." is refused, as
     * the C library would read an absolute TZ without looking at TZDIR. */
    assert_int_equal(setenv("TZDIR", "/", 1), 0);
    snprintf(path, sizeof(path), "%s/Real.Zone", dir);
    assert_int_equal(caltime_zone_exists(path + 1), 1);
    assert_int_equal(caltime_zone_exists(path), 0);
    assert_int_equal(unsetenv("TZDIR"), 0);
    assert_int_equal(caltime_zone_exists("Real.Zone"), 0);
    assert_int_equal(caltime_zone_exists("Europe/Paris"), 1);

    snprintf(path, sizeof(path), "%s/Real.Zone", dir);
    assert_int_equal(remove(path), 0);
    snprintf(path, sizeof(path), "%s/Not.Zone", dir);
    assert_int_equal(remove(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_set_zone(void **state)
{
    time_t t = utc(2026, 7, 1, 10, 0, 0);

    (void)state;
    assert_int_equal(caltime_set_zone("America/New_York"), 0);
    assert_int_equal(caltime_minute_of_day(t), 6 * 60);
    /* A bad name leaves the zone as it was. */
    assert_int_equal(caltime_set_zone("Nowhere/Land"), -1);
    assert_int_equal(caltime_set_zone("../../etc/passwd"), -1);
    assert_int_equal(caltime_minute_of_day(t), 6 * 60);
    /* NULL restores the system's zone: TZ unset. */
    assert_int_equal(caltime_set_zone(NULL), 0);
    assert_null(getenv("TZ"));
    assert_int_equal(caltime_set_zone("Europe/Paris"), 0);
    assert_string_equal(getenv("TZ"), "Europe/Paris");
    assert_int_equal(caltime_minute_of_day(t), 12 * 60);
}

static void test_day_start_across_dst(void **state)
{
    (void)state;
    /* Spring: the day of 29 March lasts 23 hours. */
    assert_int_equal(caltime_day_start(utc(2026, 3, 29, 10, 0, 0)), utc(2026, 3, 28, 23, 0, 0));
    assert_int_equal(caltime_day_start(utc(2026, 3, 29, 21, 59, 0)), utc(2026, 3, 28, 23, 0, 0));
    assert_int_equal(caltime_day_start(utc(2026, 3, 29, 22, 0, 0)), utc(2026, 3, 29, 22, 0, 0));
    /* Autumn: the day of 25 October lasts 25 hours. */
    assert_int_equal(caltime_day_start(utc(2026, 10, 25, 11, 0, 0)), utc(2026, 10, 24, 22, 0, 0));
    assert_int_equal(caltime_day_start(utc(2026, 10, 25, 22, 59, 0)), utc(2026, 10, 24, 22, 0, 0));
    assert_int_equal(caltime_day_start(utc(2026, 10, 25, 23, 0, 0)), utc(2026, 10, 25, 23, 0, 0));
}

static void test_add_days_across_dst(void **state)
{
    (void)state;
    assert_int_equal(caltime_add_days(utc(2026, 3, 28, 9, 0, 0), 1), utc(2026, 3, 28, 23, 0, 0));
    assert_int_equal(caltime_add_days(utc(2026, 3, 28, 9, 0, 0), 2), utc(2026, 3, 29, 22, 0, 0));
    assert_int_equal(caltime_add_days(utc(2026, 3, 30, 8, 0, 0), -2), utc(2026, 3, 27, 23, 0, 0));
    assert_int_equal(caltime_add_days(utc(2026, 10, 24, 8, 0, 0), 2), utc(2026, 10, 25, 23, 0, 0));
    assert_int_equal(caltime_add_days(utc(2026, 10, 26, 8, 0, 0), -1),
                                      utc(2026, 10, 24, 22, 0, 0));
    assert_int_equal(caltime_add_days(utc(2026, 10, 26, 8, 0, 0), 0), utc(2026, 10, 25, 23, 0, 0));
    /* Across a month and a year. */
    assert_int_equal(caltime_add_days(utc(2026, 12, 31, 12, 0, 0), 1),
                                      utc(2026, 12, 31, 23, 0, 0));
    assert_int_equal(caltime_add_days(utc(2026, 3, 1, 12, 0, 0), -1), utc(2026, 2, 27, 23, 0, 0));
    /* A year of days lands on local midnight whatever the DST changes. */
    assert_int_equal(caltime_add_days(utc(2026, 1, 1, 12, 0, 0), 365),
                                      utc(2026, 12, 31, 23, 0, 0));
}

static void test_week_start(void **state)
{
    (void)state;
    /* Weeks of Monday 23 March and Monday 19 October hold a DST change. */
    assert_int_equal(caltime_week_start(utc(2026, 3, 29, 14, 0, 0)), utc(2026, 3, 22, 23, 0, 0));
    assert_int_equal(caltime_week_start(utc(2026, 3, 23, 0, 0, 0)), utc(2026, 3, 22, 23, 0, 0));
    assert_int_equal(caltime_week_start(utc(2026, 10, 25, 22, 30, 0)),
                                        utc(2026, 10, 18, 22, 0, 0));
    assert_int_equal(caltime_week_start(utc(2026, 10, 21, 10, 0, 0)), utc(2026, 10, 18, 22, 0, 0));
    /* Sunday 23:30 CET is still the week of the Monday before. */
    assert_int_equal(caltime_week_start(utc(2026, 11, 29, 22, 30, 0)),
                                        utc(2026, 11, 22, 23, 0, 0));
    assert_int_equal(caltime_week_start(utc(2026, 11, 29, 23, 0, 0)), utc(2026, 11, 29, 23, 0, 0));
}

static void test_make(void **state)
{
    (void)state;
    assert_int_equal(caltime_make(2026, 11, 27, 10, 15), utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_make(2026, 7, 14, 9, 0), utc(2026, 7, 14, 7, 0, 0));
    /* Fields out of range are normalised. */
    assert_int_equal(caltime_make(2026, 11, 31, 10, 0), utc(2026, 12, 1, 9, 0, 0));
    assert_int_equal(caltime_make(2026, 13, 1, 0, 0), utc(2026, 12, 31, 23, 0, 0));
    assert_int_equal(caltime_make(2026, 0, 1, 0, 0), utc(2025, 11, 30, 23, 0, 0));
    assert_int_equal(caltime_make(2026, 3, 0, 12, 0), utc(2026, 2, 28, 11, 0, 0));
    assert_int_equal(caltime_make(2026, 11, 27, 24, 30), utc(2026, 11, 27, 23, 30, 0));
    assert_int_equal(caltime_make(2026, 11, 27, 10, -15), utc(2026, 11, 27, 8, 45, 0));
    assert_int_equal(caltime_make(10000, 1, 1, 0, 0), (time_t)-1);
    assert_int_equal(caltime_make(0, 12, 31, 0, 0), (time_t)-1);
}

static void test_make_in_gap(void **state)
{
    struct tm tm;
    time_t t = caltime_make(2026, 3, 29, 2, 30);

    (void)state;
    /* 02:30 does not exist: moved forward by the gap to 03:30 CEST. */
    assert_int_equal(t, utc(2026, 3, 29, 1, 30, 0));
    caltime_local(t, &tm);
    assert_int_equal(tm.tm_hour, 3);
    assert_int_equal(tm.tm_min, 30);
    assert_int_equal(caltime_make(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0, 0));
    assert_int_equal(caltime_make(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59, 0));
    assert_int_equal(caltime_make(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0, 0));
}

static void test_make_in_overlap(void **state)
{
    (void)state;
    /* 02:30 happens twice: the first, in CEST (UTC+2), every time, whatever
     * was converted before (glibc's mktime would remember). */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(caltime_make(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30, 0));
        assert_int_equal(caltime_make(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0, 0));
        assert_int_equal(caltime_make(2026, 10, 25, 2, 0), utc(2026, 10, 25, 0, 0, 0));
    }
    assert_int_equal(caltime_make(2026, 10, 25, 1, 59), utc(2026, 10, 24, 23, 59, 0));
}

static void test_weekday_and_minutes(void **state)
{
    (void)state;
    assert_int_equal(caltime_weekday(utc(2026, 11, 27, 11, 0, 0)), 4);   /* Friday */
    assert_int_equal(caltime_weekday(utc(2026, 11, 23, 0, 0, 0)), 0);    /* Monday 01:00 */
    assert_int_equal(caltime_weekday(utc(2026, 11, 22, 22, 59, 0)), 6);  /* Sunday 23:59 */
    assert_int_equal(caltime_weekday(utc(2026, 3, 29, 1, 30, 0)), 6);
    assert_int_equal(caltime_minute_of_day(utc(2026, 3, 29, 1, 30, 0)), 3 * 60 + 30);
    assert_int_equal(caltime_minute_of_day(utc(2026, 10, 25, 0, 30, 0)), 2 * 60 + 30);
    assert_int_equal(caltime_minute_of_day(utc(2026, 10, 25, 1, 30, 0)), 2 * 60 + 30);
    assert_int_equal(caltime_minute_of_day(utc(2026, 11, 27, 22, 59, 0)), 23 * 60 + 59);
}

static void test_days_between(void **state)
{
    (void)state;
    assert_int_equal(caltime_days_between(utc(2026, 3, 28, 22, 30, 0),
                                          utc(2026, 3, 28, 23, 30, 0)),
                     1);
    assert_int_equal(caltime_days_between(utc(2026, 3, 28, 23, 0, 0),
                                          utc(2026, 3, 29, 22, 0, 0)), 1);
    assert_int_equal(caltime_days_between(utc(2026, 3, 29, 21, 59, 0), utc(2026, 3, 28, 23, 0, 0)),
                     0);
    assert_int_equal(caltime_days_between(utc(2026, 10, 26, 10, 0, 0),
                                          utc(2026, 10, 24, 10, 0, 0)),
                     -2);
    assert_int_equal(caltime_days_between(utc(2026, 11, 27, 9, 0, 0),
                                          utc(2027, 1, 5, 9, 0, 0)), 39);
}

static void test_parse_iso_good(void **state)
{
    time_t t;

    (void)state;
    assert_int_equal(caltime_parse_iso("2026-11-27T10:15", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27 10:15:30", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0) + 30);
    assert_int_equal(caltime_parse_iso("2026-07-14T09:00", &t), 0);
    assert_int_equal(t, utc(2026, 7, 14, 7, 0, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27T09:15:00Z", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27t09:15z", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27T10:15:00+01:00", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27T04:15-05:00", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27T14:45+05:30", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-11-27T09:15:00.250Z", &t), 0);
    assert_int_equal(t, utc(2026, 11, 27, 9, 15, 0));
    assert_int_equal(caltime_parse_iso("2026-12-31T23:59:60Z", &t), 0); /* leap second */
    assert_int_equal(t, utc(2027, 1, 1, 0, 0, 0));
    assert_int_equal(caltime_parse_iso("2024-02-29T12:00Z", &t), 0);
    assert_int_equal(t, utc(2024, 2, 29, 12, 0, 0));
    /* Local times in the gap and the overlap resolve as caltime_make. */
    assert_int_equal(caltime_parse_iso("2026-03-29T02:30", &t), 0);
    assert_int_equal(t, utc(2026, 3, 29, 1, 30, 0));
    assert_int_equal(caltime_parse_iso("2026-10-25T02:30", &t), 0);
    assert_int_equal(t, utc(2026, 10, 25, 0, 30, 0));
    /* With an offset, the ambiguity is gone: the second 02:30. */
    assert_int_equal(caltime_parse_iso("2026-10-25T02:30+01:00", &t), 0);
    assert_int_equal(t, utc(2026, 10, 25, 1, 30, 0));
}

static void test_parse_iso_bad(void **state)
{
    static const char *const bad[] = {
        "2026-11-31T10:00",      /* 31 November */
        "2026-02-29T10:00",      /* not a leap year */
        "1900-02-29T10:00",
        "2026-13-01T10:00",
        "2026-00-10T10:00",
        "2026-11-00T10:00",
        "2026-11-27T24:00",
        "2026-11-27T10:60",
        "2026-11-27T10:15:61",
        "2026-11-27",
        "2026-11-27T10",
        "2026-11-27T10:15 ",
        " 2026-11-27T10:15",
        "2026-11-27T10:15Zx",
        "2026-11-27T10:15+0100",
        "2026-11-27T10:15+01",
        "2026-11-27T10:15+24:00",
        "2026-11-27T10:15+01:60",
        "2026-11-27T10:15:00.Z",
        "2026-11-27T10:15.5Z",
        "+2026-11-27T10:15",
        "2026-1-27T10:15",
        "2026-11-27T9:15",
        "2026-11-27T1O:15",
        "2026/11/27T10:15",
        "2026-11-27X10:15",
        "0000-01-01T00:00",
        "",
    };
    time_t t = 42;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (caltime_parse_iso(bad[i], &t) != -1)
            fail_msg("accepted \"%s\"", bad[i]);
    }
    assert_int_equal(t, 42);
    assert_int_equal(caltime_parse_iso(NULL, &t), -1);
    assert_int_equal(caltime_parse_iso("2026-11-27T10:15", NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zone_names),
        cmocka_unit_test(test_zone_under_tzdir),
        cmocka_unit_test(test_set_zone),
        cmocka_unit_test(test_day_start_across_dst),
        cmocka_unit_test(test_add_days_across_dst),
        cmocka_unit_test(test_week_start),
        cmocka_unit_test(test_make),
        cmocka_unit_test(test_make_in_gap),
        cmocka_unit_test(test_make_in_overlap),
        cmocka_unit_test(test_weekday_and_minutes),
        cmocka_unit_test(test_days_between),
        cmocka_unit_test(test_parse_iso_good),
        cmocka_unit_test(test_parse_iso_bad),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
