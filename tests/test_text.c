/* Text fitting: wrapping on word boundaries, shrinking, ellipsis, and
 * the cases that break naive layout (a 300-character word, empty text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../player/text.h"

#define ELLIPSIS "\xE2\x80\xA6"

static struct text_fonts *fonts;

static int setup(void **state)
{
    char err[256];
    (void)state;
    if (TTF_Init() != 0)
        return -1;
    fonts = text_fonts_new(err, sizeof(err));
    if (!fonts)
        fprintf(stderr, "%s\n", err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    text_fonts_free(fonts);
    TTF_Quit();
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Every line within the box, none starting or ending with a space. */
static void assert_block_sane(const struct text_block *b, int box_w, int box_h)
{
    assert_true(b->w <= box_w);
    assert_true(b->h <= box_h);
    for (int i = 0; i < b->nlines; i++) {
        size_t n = strlen(b->lines[i]);
        assert_true(text_width(fonts, b->weight, b->px, b->lines[i]) <= box_w);
        if (n > 0) {
            assert_true(b->lines[i][0] != ' ');
            assert_true(b->lines[i][n - 1] != ' ');
        }
    }
}

static void test_fits_on_one_line(void **state)
{
    struct text_style st = {TEXT_BOLD, 30, 16, 0};
    struct text_block b;
    (void)state;
    assert_int_equal(text_fit(fonts, "Permanence CAF", &st, 1000, 200, &b), 0);
    assert_int_equal(b.nlines, 1);
    assert_int_equal(b.px, 30);
    assert_string_equal(b.lines[0], "Permanence CAF");
    assert_false(b.shortened);
    text_block_free(&b);
}

static void test_wraps_on_words(void **state)
{
    const char *s = "Suivre la scolarité de son enfant en ligne";
    struct text_style st = {TEXT_REGULAR, 26, 26, 0};
    struct text_block b;
    char joined[256] = "";
    size_t len = 0;
    (void)state;
    assert_int_equal(text_fit(fonts, s, &st, 220, 400, &b), 0);
    assert_true(b.nlines >= 2);
    assert_false(b.shortened);
    assert_block_sane(&b, 220, 400);
    /* The lines, joined with spaces, give the text back: no word cut. */
    for (int i = 0; i < b.nlines; i++)
        len += (size_t)snprintf(joined + len, sizeof(joined) - len, "%s%s", i ? " " : "",
                                b.lines[i]);
    assert_string_equal(joined, s);
    text_block_free(&b);
}

static void test_shrinks_before_ellipsis(void **state)
{
    const char *s = "Réparation d'ordinateurs sans rendez-vous";
    struct text_style st = {TEXT_BOLD, 40, 12, 1};
    struct text_block b;
    (void)state;
    assert_int_equal(text_fit(fonts, s, &st, 400, 100, &b), 0);
    assert_int_equal(b.nlines, 1);
    assert_true(b.px < 40);
    assert_true(b.px >= 12);
    assert_false(b.shortened);
    assert_string_equal(b.lines[0], s);
    assert_block_sane(&b, 400, 100);
    text_block_free(&b);
}

static void test_ellipsis_at_word_boundary(void **state)
{
    const char *s = "Atelier smartphone : envoyer des photos à sa famille, "
                    "créer un compte, protéger ses données et bien plus encore";
    struct text_style st = {TEXT_REGULAR, 28, 28, 2};
    struct text_block b;
    const char *last;
    size_t keep;
    (void)state;
    assert_int_equal(text_fit(fonts, s, &st, 300, 300, &b), 0);
    assert_int_equal(b.nlines, 2);
    assert_true(b.shortened);
    last = b.lines[1];
    assert_true(ends_with(last, ELLIPSIS));
    assert_block_sane(&b, 300, 300);
    /* What stands before the ellipsis ends where a word of s ends. */
    keep = strlen(last) - strlen(ELLIPSIS);
    const char *at = strstr(s, b.lines[0]);
    assert_non_null(at);
    at += strlen(b.lines[0]) + 1;
    assert_memory_equal(at, last, keep);
    assert_true(at[keep] == ' ' || at[keep] == ',' || at[keep] == ':');
    text_block_free(&b);
}

static void test_300_character_word(void **state)
{
    char word[301];
    struct text_style st = {TEXT_BOLD, 30, 14, 0};
    struct text_block b;
    (void)state;
    memset(word, 'a', 300);
    word[300] = '\0';
    assert_int_equal(text_fit(fonts, word, &st, 250, 120, &b), 0);
    assert_true(b.nlines >= 1);
    assert_true(b.shortened);
    assert_int_equal(b.px, 14);
    assert_true(ends_with(b.lines[b.nlines - 1], ELLIPSIS));
    assert_block_sane(&b, 250, 120);
    text_block_free(&b);
}

static void test_long_word_among_others(void **state)
{
    char s[400], x[251];
    struct text_style st = {TEXT_REGULAR, 24, 18, 3};
    struct text_block b;
    (void)state;
    memset(x, 'x', 250);
    x[250] = '\0';
    snprintf(s, sizeof(s), "Voir https://%s pour vous inscrire", x);
    assert_int_equal(text_fit(fonts, s, &st, 260, 300, &b), 0);
    assert_true(b.shortened);
    assert_string_equal(b.lines[0], "Voir");
    assert_block_sane(&b, 260, 300);
    text_block_free(&b);
}

static void test_empty_and_tiny_boxes(void **state)
{
    struct text_style st = {TEXT_REGULAR, 24, 12, 0};
    struct text_block b;
    (void)state;
    assert_int_equal(text_fit(fonts, "", &st, 300, 300, &b), 0);
    assert_int_equal(b.nlines, 0);
    assert_int_equal(b.h, 0);
    text_block_free(&b);
    assert_int_equal(text_fit(fonts, NULL, &st, 300, 300, &b), 0);
    assert_int_equal(b.nlines, 0);
    text_block_free(&b);
    /* A box lower than one line at the smallest size holds nothing. */
    assert_int_equal(text_fit(fonts, "Bonjour", &st, 300, 5, &b), 0);
    assert_int_equal(b.nlines, 0);
    text_block_free(&b);
    assert_int_equal(text_fit(fonts, "Bonjour", &st, 0, 100, &b), 0);
    assert_int_equal(b.nlines, 0);
    text_block_free(&b);
}

static void test_max_lines(void **state)
{
    struct text_style st = {TEXT_REGULAR, 20, 20, 1};
    struct text_block b;
    (void)state;
    assert_int_equal(text_fit(fonts, "un deux trois quatre cinq six sept huit", &st, 120, 500,
                              &b), 0);
    assert_int_equal(b.nlines, 1);
    assert_true(b.shortened);
    text_block_free(&b);
}

static void test_max_px_words(void **state)
{
    int px;
    (void)state;
    px = text_max_px_words(fonts, TEXT_BOLD, "PC en libre accès et impressions", 40, 10, 150);
    assert_true(px < 40);
    assert_true(text_width(fonts, TEXT_BOLD, px, "impressions") <= 150);
    assert_true(text_width(fonts, TEXT_BOLD, px + 1, "impressions") > 150);
    assert_int_equal(text_max_px_words(fonts, TEXT_BOLD, "CAF", 40, 10, 500), 40);
}

static void test_font_found_by_fontconfig(void **state)
{
    (void)state;
    assert_non_null(text_font_file(fonts, TEXT_REGULAR));
    assert_non_null(strstr(text_font_file(fonts, TEXT_REGULAR), ".ttf"));
    assert_non_null(text_font(fonts, TEXT_BOLD, 32));
    assert_true(text_width(fonts, TEXT_REGULAR, 32, "Écrivain public, lundi 1er décembre") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fits_on_one_line),
        cmocka_unit_test(test_wraps_on_words),
        cmocka_unit_test(test_shrinks_before_ellipsis),
        cmocka_unit_test(test_ellipsis_at_word_boundary),
        cmocka_unit_test(test_300_character_word),
        cmocka_unit_test(test_long_word_among_others),
        cmocka_unit_test(test_empty_and_tiny_boxes),
        cmocka_unit_test(test_max_lines),
        cmocka_unit_test(test_max_px_words),
        cmocka_unit_test(test_font_found_by_fontconfig),
    };
    return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
