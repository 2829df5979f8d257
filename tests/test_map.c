/* Tests of feeds/map.c: each item goes where its source's kind (or its own
 * type) says, with the right partner and colour, and what has ended or
 * expired is left out even when the source says nothing new. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../content/caltime.h"
#include "../feeds/map.h"

static struct cfg_source source(enum cfg_kind kind, int32_t colour)
{
    struct cfg_source s = {.kind = kind, .colour = colour, .refresh_s = 600};

    snprintf(s.name, sizeof(s.name), "caf");
    s.url = (char *)"https://example.org/caf.ics";
    s.partner = (char *)"CAF";
    return s;
}

static void add(struct feed_doc *d, enum feed_item_type type, const char *title, time_t start,
                time_t end)
{
    struct feed_item it = {.type = type, .title = (char *)title, .start = start, .end = end,
                           .colour = -1, .location = (char *)"Bureau 2"};

    assert_int_equal(feed_add_item(d, &it), 0);
}

static int setup(void **state)
{
    (void)state;
    return caltime_set_zone("Europe/Paris");
}

static void test_kinds(void **state)
{
    struct feed_doc *d = feed_doc_new();
    time_t now = caltime_make(2026, 11, 27, 10, 15), t = caltime_make(2026, 11, 30, 9, 0);
    static const enum cfg_kind kinds[] = {CFG_KIND_SEMAINIER, CFG_KIND_AGENDA,
                                          CFG_KIND_NOTICES, CFG_KIND_TICKER, CFG_KIND_URGENT};
    int skipped;

    (void)state;
    add(d, FEED_ITEM_ENTRY, "Permanence", t, t + 3 * 3600);
    add(d, FEED_ITEM_ENTRY, "Sans date", 0, 0);
    for (size_t k = 0; k < 5; k++) {
        struct content *c = content_new();
        struct cfg_source s = source(kinds[k], 0x123456);
        int n = feed_map(d, &s, now, c, &skipped);

        switch (kinds[k]) {
        case CFG_KIND_SEMAINIER:
            assert_int_equal(n, 1);
            assert_int_equal(skipped, 1);   /* no date: not a slot */
            assert_int_equal(c->nslots, 1);
            assert_string_equal(c->slots[0].activity, "Permanence");
            assert_string_equal(c->slots[0].room, "Bureau 2");
            assert_string_equal(c->slots[0].partner, "CAF");
            assert_int_equal(c->slots[0].colour, 0x123456);
            break;
        case CFG_KIND_AGENDA:
            assert_int_equal(n, 1);
            assert_int_equal(c->nevents, 1);
            assert_string_equal(c->events[0].place, "Bureau 2");
            break;
        case CFG_KIND_NOTICES:
            assert_int_equal(n, 2);
            assert_int_equal(c->nnotices, 2);
            break;
        case CFG_KIND_TICKER:
            assert_int_equal(c->nticker, 2);
            assert_string_equal(c->ticker[1].text, "Sans date");
            break;
        case CFG_KIND_URGENT:
            assert_int_equal(n, 1);    /* one banner: the first */
            assert_string_equal(c->urgent.text, "Permanence");
            break;
        }
        content_free(c);
    }
    feed_doc_free(d);
}

static void test_hallscreen_items_say_their_kind(void **state)
{
    struct feed_doc *d = feed_doc_new();
    struct content *c = content_new();
    struct cfg_source s = source(CFG_KIND_TICKER, -1);
    time_t now = caltime_make(2026, 11, 27, 10, 15), t = caltime_make(2026, 11, 30, 9, 0);
    struct feed_item it = {.type = FEED_ITEM_SLOT, .title = (char *)"Repair café",
                           .start = t, .end = t + 3600, .partner = (char *)"Repair Café",
                           .colour = 0x2E7D32, .site = (char *)"Bâtiment A"};

    (void)state;
    d->format = FEED_FORMAT_HALLSCREEN;
    assert_int_equal(feed_add_item(d, &it), 0);
    add(d, FEED_ITEM_EVENT, "Atelier CV", t, t + 7200);
    add(d, FEED_ITEM_URGENT, "Chauffage en panne", 0, 0);
    assert_int_equal(feed_map(d, &s, now, c, NULL), 3);
    assert_int_equal(c->nslots, 1);
    assert_int_equal(c->nevents, 1);
    assert_int_equal(c->nticker, 0);
    assert_string_equal(c->urgent.text, "Chauffage en panne");
    /* Its own partner and colour; the source's partner for the others. */
    assert_string_equal(c->slots[0].partner, "Repair Café");
    assert_int_equal(c->slots[0].colour, 0x2E7D32);
    assert_int_equal(c->nplaces, 1);
    assert_string_equal(c->places[c->slots[0].place], "Bâtiment A");
    assert_string_equal(c->events[0].partner, "CAF");
    assert_int_equal(c->events[0].colour, feed_auto_colour("CAF"));
    content_free(c);
    feed_doc_free(d);
}

static void test_ended_and_expired_left_out(void **state)
{
    struct feed_doc *d = feed_doc_new();
    struct cfg_source s = source(CFG_KIND_AGENDA, -1);
    time_t t = caltime_make(2026, 11, 30, 14, 0);
    struct feed_item notice = {.type = FEED_ITEM_NOTICE, .title = (char *)"Wi-Fi",
                               .valid_until = caltime_make(2026, 12, 1, 0, 0), .colour = -1};

    (void)state;
    add(d, FEED_ITEM_ENTRY, "Atelier", t, t + 7200);
    assert_int_equal(feed_add_item(d, &notice), 0);
    for (int k = 0; k < 3; k++) {
        /* Before, during, after: the source is down all along. */
        time_t now = k == 0 ? t - 60 : k == 1 ? t + 3600 : caltime_make(2026, 12, 1, 0, 0);
        struct content *c = content_new();

        feed_map(d, &s, now, c, NULL);
        assert_int_equal(c->nevents, k < 2 ? 1 : 0);
        assert_int_equal(c->nnotices, k < 2 ? 1 : 0);
        content_free(c);
    }
    feed_doc_free(d);
}

static void test_auto_colour_is_stable(void **state)
{
    (void)state;
    /* FNV-1a of the name: the same on every screen and every release. */
    assert_int_equal(feed_auto_colour("CAF"), feed_auto_colour("CAF"));
    assert_true(feed_auto_colour("CAF") != feed_auto_colour("Repair Café") ||
                feed_auto_colour("CAF") != feed_auto_colour("Médiathèque"));
    assert_int_equal(feed_auto_colour(NULL), feed_auto_colour(NULL));
    assert_true(feed_auto_colour("x") >= 0 && feed_auto_colour("x") <= 0xFFFFFF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_hallscreen_items_say_their_kind),
        cmocka_unit_test(test_ended_and_expired_left_out),
        cmocka_unit_test(test_auto_colour_is_stable),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
