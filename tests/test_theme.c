/* Themes: body text at WCAG AAA contrast (7:1) on what it is drawn on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../player/theme.h"

static void test_contrast_formula(void **state)
{
    (void)state;
    assert_true(theme_contrast(0x000000, 0xFFFFFF) > 20.99);
    assert_true(theme_contrast(0xFFFFFF, 0x000000) > 20.99);
    assert_true(theme_contrast(0x777777, 0x777777) < 1.0001);
    /* WCAG's own example: #767676 on white is the AA limit, 4.54:1. */
    assert_true(theme_contrast(0x767676, 0xFFFFFF) > 4.5);
    assert_true(theme_contrast(0x777777, 0xFFFFFF) < 4.5);
}

static void test_text_is_aaa(void **state)
{
    (void)state;
    for (int t = CFG_THEME_DEFAULT; t <= CFG_THEME_HIGH_CONTRAST; t++) {
        const struct theme *th = theme_get((enum cfg_theme)t);
        const uint32_t pairs[][2] = {
            {th->text, th->bg},           {th->muted, th->bg},
            {th->heading, th->bg},        {th->header_text, th->header_bg},
            {th->panel_text, th->panel_bg}, {th->panel_muted, th->panel_bg},
            {th->heading, th->panel_bg},  {th->today_text, th->today_bg},
            {th->panel_text, th->today_cell}, {th->now_badge_text, th->now_mark},
            {th->now_mark, th->panel_bg}, {th->ticker_text, th->ticker_bg},
        };
        for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
            double c = theme_contrast(pairs[i][0], pairs[i][1]);
            if (c < 7.0)
                fail_msg("theme %d pair %zu: %06X on %06X is %.2f:1, below 7:1", t, i,
                         pairs[i][0], pairs[i][1], c);
        }
        /* What is over may be quieter, but stays readable (AA). */
        assert_true(theme_contrast(th->past, th->panel_bg) >= 4.5);
        assert_true(theme_contrast(th->past, th->today_cell) >= 4.5);
    }
}

static void test_high_contrast_is_highest(void **state)
{
    const struct theme *hc = theme_get(CFG_THEME_HIGH_CONTRAST);
    (void)state;
    assert_true(theme_contrast(hc->text, hc->bg) >= 20.0);
    assert_true(theme_contrast(hc->ticker_text, hc->ticker_bg) >= 15.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast_formula),
        cmocka_unit_test(test_text_is_aaa),
        cmocka_unit_test(test_high_contrast_is_highest),
    };
    return cmocka_run_group_tests_name("theme", tests, NULL, NULL);
}
