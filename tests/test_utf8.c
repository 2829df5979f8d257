/* Tests of content/utf8.c: what untrusted text looks like once cleaned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../content/limits.h"
#include "../content/utf8.h"

#define FFFD "\xEF\xBF\xBD"

/* Cleans the first len bytes of in with max bytes and compares with want. */
static void check_len(const char *in, size_t len, size_t max, const char *want)
{
    char *out = utf8_clean(in, len, max);

    assert_non_null(out);
    assert_string_equal(out, want);
    assert_true(strlen(out) <= max);
    assert_true(utf8_valid(out, strlen(out)));
    free(out);
}

static void check(const char *in, const char *want)
{
    check_len(in, strlen(in), HS_MAX_TEXT_BYTES, want);
}

static void test_valid_text_unchanged(void **state)
{
    (void)state;
    check("Permanence CAF", "Permanence CAF");
    check("Écrivain public, réparation d\u2019ordinateurs", "Écrivain public, réparation "
                                                          "d\u2019ordinateurs");
    check("\xF0\x9F\x93\xB1 smartphone", "\xF0\x9F\x93\xB1 smartphone"); /* U+1F4F1 */
    check("\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF");                         /* U+10FFFF */
    check("\xEF\xBB\xBFtexte", "\xEF\xBB\xBFtexte"); /* U+FEFF is not a control: kept */
    check("\xE2\x80\x8B", "\xE2\x80\x8B");           /* U+200B ZERO WIDTH SPACE: kept */
}

static void test_invalid_sequences(void **state)
{
    (void)state;
    /* One U+FFFD per maximal subpart (Unicode chapter 3, WHATWG). */
    check("a\x80z", "a" FFFD "z");                           /* lone continuation */
    check("a\x80\x80z", "a" FFFD FFFD "z");
    check("a\xE2\x82z", "a" FFFD "z");                        /* truncated 3-byte */
    check("a\xF0\x9F\x93z", "a" FFFD "z");                    /* truncated 4-byte */
    check("\xE2\x82", FFFD);                                  /* truncated at the end */
    check("a\xFEz\xFF", "a" FFFD "z" FFFD);                   /* never valid bytes */
    check("\xF5\x80\x80\x80", FFFD FFFD FFFD FFFD);           /* lead above U+10FFFF */
    check("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);           /* U+110000 */
    check("caf\xE9", "caf" FFFD);                             /* Latin-1, not UTF-8 */
}

static void test_overlongs(void **state)
{
    (void)state;
    check("\xC0\xAF", FFFD FFFD);             /* "/" in 2 bytes */
    check("\xC1\xBF", FFFD FFFD);
    check("\xE0\x80\xAF", FFFD FFFD FFFD);    /* "/" in 3 bytes */
    check("\xE0\x9F\xBF", FFFD FFFD FFFD);    /* U+07FF in 3 bytes */
    check("\xF0\x80\x80\xAF", FFFD FFFD FFFD FFFD);
    check("\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD); /* U+FFFF in 4 bytes */
    check("\xC0\x80", FFFD FFFD);             /* "modified UTF-8" NUL */
}

static void test_surrogates(void **state)
{
    (void)state;
    check("\xED\xA0\x80", FFFD FFFD FFFD);    /* U+D800 */
    check("\xED\xBF\xBF", FFFD FFFD FFFD);    /* U+DFFF */
    check("\xED\xA0\xBD\xED\xB2\xA9", FFFD FFFD FFFD FFFD FFFD FFFD); /* CESU-8 pair */
    check("\xED\x9F\xBF", "\xED\x9F\xBF");   /* U+D7FF is fine */
}

static void test_controls(void **state)
{
    (void)state;
    check("a\x01" "b\x1B[31mc", "ab[31mc");   /* C0, including ESC */
    check("a\x7F" "b", "ab");                 /* DEL */
    check("a\xC2\x80" "b\xC2\x9F" "c", "abc"); /* C1 */
    check("a\xC2\x9B" "31mb", "a31mb");        /* C1 CSI */
    check("a \x01 b", "a b");                  /* no double space left behind */
    check_len("a\0b", 3, HS_MAX_TEXT_BYTES, "ab"); /* NUL inside the buffer */
}

static void test_collapse_and_trim(void **state)
{
    (void)state;
    check("  Atelier \t\r\n  smartphone  ", "Atelier smartphone");
    check("a\xC2\xA0\xC2\xA0" "b", "a b");            /* U+00A0 collapses */
    check("a \xC2\xA0\t b", "a b");
    check("a\xC2\x85" "b", "a b");                     /* NEL is a line break */
    check("a\xE2\x80\xA8" "b\xE2\x80\xA9", "a b");     /* LS, PS */
    check("\v\fa\r\n", "a");
    /* U+202F before ":" is French typography: kept, and not collapsed. */
    check("Wi-Fi\xE2\x80\xAF: oui", "Wi-Fi\xE2\x80\xAF: oui");
    check("\xE2\x80\xAF\xE2\x80\xAF", "\xE2\x80\xAF\xE2\x80\xAF");
}

static void test_cut_on_boundary(void **state)
{
    (void)state;
    check_len("ééé", 6, 5, "éé");                 /* never half of "é" */
    check_len("ééé", 6, 6, "ééé");
    check_len("a\xF0\x9F\x93\xB1", 5, 4, "a");
    check_len("abc def", 7, 4, "abc");            /* no trailing space */
    check_len("abc def", 7, 5, "abc d");
    check_len("\x80\x80", 2, 4, FFFD);            /* U+FFFD counts 3 bytes */
    check_len("abc", 3, 0, "");
}

static void test_empty(void **state)
{
    char *out;

    (void)state;
    check("", "");
    check("   \t\n", "");
    check("\x01\x02\x7F", "");
    out = utf8_clean(NULL, 0, 10);
    assert_non_null(out);
    assert_string_equal(out, "");
    free(out);
}

static void test_seq_len(void **state)
{
    (void)state;
    assert_int_equal(utf8_seq_len("a", 1), 1);
    assert_int_equal(utf8_seq_len("é", 2), 2);
    assert_int_equal(utf8_seq_len("é", 1), 0);             /* cut short */
    assert_int_equal(utf8_seq_len("\xE2\x80\x93", 3), 3);
    assert_int_equal(utf8_seq_len("\xF0\x9F\x93\xB1", 4), 4);
    assert_int_equal(utf8_seq_len("\xC0\xAF", 2), 0);
    assert_int_equal(utf8_seq_len("\xED\xA0\x80", 3), 0);
    assert_int_equal(utf8_seq_len("a", 0), 0);
}

static void test_prev(void **state)
{
    const char *s = "aé\xE2\x80\x93\xF0\x9F\x93\xB1"; /* a é – U+1F4F1 */

    (void)state;
    assert_int_equal(utf8_prev(s, 0), 0);
    assert_int_equal(utf8_prev(s, 1), 0);
    assert_int_equal(utf8_prev(s, 3), 1);
    assert_int_equal(utf8_prev(s, 6), 3);
    assert_int_equal(utf8_prev(s, 10), 6);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("décembre", strlen("décembre")));
    assert_false(utf8_valid("d\xE9" "cembre", 7));
    assert_false(utf8_valid("é", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text_unchanged),
        cmocka_unit_test(test_invalid_sequences),
        cmocka_unit_test(test_overlongs),
        cmocka_unit_test(test_surrogates),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_collapse_and_trim),
        cmocka_unit_test(test_cut_on_boundary),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_seq_len),
        cmocka_unit_test(test_prev),
        cmocka_unit_test(test_valid),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
