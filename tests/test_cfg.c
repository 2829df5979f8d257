/* Tests of config/cfg.c: defaults, the example file, round trips through
 * cfg_print, every validator on good, bad and boundary values, and every
 * kind of error with its exact line. Run from the repository root. Time
 * zones come from a fake $TZDIR made by the group setup, so that no test
 * depends on the machine's tzdata or zone. */
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../config/cfg.h"

#define EXAMPLE "config/hallscreen.ini.example"
#define DATA "tests/data/cfg/"

static char tzdir[128];
static char tmpdir[64];

/* ---- helpers ---- */

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static struct cfg *parse_ok(const char *text)
{
    char err[512] = "";
    struct cfg *c = NULL;
    int rc = cfg_parse(text, strlen(text), "t.ini", &c, err, sizeof err);
    if (rc != 0)
        fail_msg("unexpected error: %s\n--- input:\n%s", err, text);
    assert_non_null(c);
    return c;
}

/* Asserts that text fails at line (0: no line) with a message that holds
 * every string of the NULL-terminated list. */
static void expect_err(const char *text, size_t len, int line, ...)
{
    char err[512] = "", prefix[32];
    struct cfg *c = (struct cfg *)1;
    int rc = cfg_parse(text, len, "t.ini", &c, err, sizeof err);
    if (rc != -1)
        fail_msg("expected an error at line %d, got none\n--- input:\n%s", line, text);
    assert_null(c);
    if (line > 0)
        snprintf(prefix, sizeof prefix, "t.ini:%d: ", line);
    else
        snprintf(prefix, sizeof prefix, "t.ini: ");
    if (strncmp(err, prefix, strlen(prefix)) != 0)
        fail_msg("expected '%s...', got '%s'", prefix, err);
    assert_null(strchr(err, '\n'));
    va_list ap;
    va_start(ap, line);
    for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *))
        if (!strstr(err, s))
            fail_msg("'%s' not in '%s'", s, err);
    va_end(ap);
}

#define ERR(text, line, ...) expect_err(text, strlen(text), line, __VA_ARGS__, (char *)NULL)

/* Parses "[screen]\nKEY = VALUE\n" and returns the config. */
static struct cfg *screen_ok(const char *key, const char *value)
{
    char text[512];
    snprintf(text, sizeof text, "[screen]\n%s = %s\n", key, value);
    return parse_ok(text);
}

static void screen_bad(const char *key, const char *value, const char *what)
{
    char text[512];
    snprintf(text, sizeof text, "[screen]\n%s = %s\n", key, value);
    ERR(text, 2, what);
}

/* Parses a [source s] with url and kind plus "KEY = VALUE" on line 4. */
static struct cfg *source_ok(const char *key, const char *value)
{
    char text[512];
    snprintf(text, sizeof text, "[source s]\nurl = https://a.example.org/f.ics\n"
             "kind = agenda\n%s = %s\n", key, value);
    return parse_ok(text);
}

/* The bad value goes on line 4; a bad url comes without one before it. */
static void source_bad(const char *key, const char *value, const char *what)
{
    char text[512];
    if (strcmp(key, "url") == 0)
        snprintf(text, sizeof text, "[source s]\nkind = agenda\n\nurl = %s\n", value);
    else
        snprintf(text, sizeof text, "[source s]\nurl = https://a.example.org/f.ics\n"
                 "kind = agenda\n%s = %s\n", key, value);
    ERR(text, 4, what);
}

/* Prints c, parses the text back and asserts the same configuration. */
static void assert_round_trip(const struct cfg *c)
{
    char *text = NULL, err[512] = "";
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cfg_print(c, f);
    assert_int_equal(fclose(f), 0);
    struct cfg *back = NULL;
    if (cfg_parse(text, len, "printed.ini", &back, err, sizeof err) != 0)
        fail_msg("printed config does not parse: %s\n%s", err, text);
    if (!cfg_equal(c, back))
        fail_msg("printed config differs:\n%s", text);
    cfg_free(back);
    free(text);
}

static char *load_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s (run the tests from the repository root)", path,
                 strerror(errno));
    char *buf = malloc(65536);
    assert_non_null(buf);
    *len = fread(buf, 1, 65535, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static char *print_to_string(const struct cfg *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cfg_print(c, f);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* ---- defaults, example, round trips ---- */

static void assert_default_hours(const struct cfg *c)
{
    for (int d = 0; d < 5; d++) {
        assert_int_equal(c->hours[d].n, 1);
        assert_int_equal(c->hours[d].iv[0].start_min, 9 * 60);
        assert_int_equal(c->hours[d].iv[0].end_min, 18 * 60);
    }
    assert_int_equal(c->hours[5].n, 1);
    assert_int_equal(c->hours[5].iv[0].start_min, 9 * 60);
    assert_int_equal(c->hours[5].iv[0].end_min, 12 * 60);
    assert_int_equal(c->hours[6].n, 0);
}

static void test_defaults(void **state)
{
    (void)state;
    struct cfg *c = cfg_defaults();
    assert_non_null(c);
    assert_null(c->path);
    assert_string_equal(c->name, "Maison de quartier des Tilleuls");
    assert_null(c->timezone);
    assert_int_equal(c->orientation, CFG_ORIENT_AUTO);
    assert_int_equal(c->theme, CFG_THEME_DEFAULT);
    assert_true(c->text_scale == 1.0);
    assert_int_equal(c->renderer, CFG_RENDER_AUTO);
    assert_int_equal(c->demo, 1);
    assert_int_equal(c->npages, 2);
    assert_int_equal(c->pages[0].kind, CFG_PAGE_SEMAINIER);
    assert_int_equal(c->pages[0].seconds, 20);
    assert_int_equal(c->pages[1].kind, CFG_PAGE_AGENDA);
    assert_int_equal(c->pages[1].seconds, 20);
    assert_default_hours(c);
    assert_int_equal(c->nsources, 0);
    cfg_free(c);
    cfg_free(NULL);
}

static void test_empty_file(void **state)
{
    (void)state;
    char err[64] = "x";
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse("", 0, "empty.ini", &c, err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_string_equal(c->path, "empty.ini");
    assert_string_equal(c->name, "Maison de quartier des Tilleuls");
    assert_int_equal(c->demo, 1);
    assert_default_hours(c);
    cfg_free(c);
    /* Comments and blank lines only: still the defaults. */
    c = parse_ok("; nothing\n\n# here\n   \n");
    assert_int_equal(c->demo, 1);
    assert_int_equal(c->npages, 2);
    cfg_free(c);
    assert_int_equal(cfg_parse(NULL, 0, "null.ini", &c, err, sizeof err), 0);
    cfg_free(c);
}

static void test_example_parses(void **state)
{
    (void)state;
    char err[512] = "";
    struct cfg *c = NULL;
    if (cfg_load(EXAMPLE, &c, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(c->path, EXAMPLE);
    assert_string_equal(c->name, "Espace social du Vieux Moulin");
    assert_string_equal(c->timezone, "Europe/Paris");
    assert_int_equal(c->theme, CFG_THEME_HIGH_CONTRAST);
    assert_true(c->text_scale == 1.25);
    assert_int_equal(c->demo, 0);
    assert_int_equal(c->npages, 4);
    assert_int_equal(c->pages[0].kind, CFG_PAGE_NOW);
    assert_int_equal(c->pages[0].seconds, 15);
    assert_int_equal(c->hours[0].n, 1);
    assert_int_equal(c->hours[0].iv[0].start_min, 13 * 60 + 30);
    assert_int_equal(c->hours[1].n, 2);
    assert_int_equal(c->hours[1].iv[1].end_min, 18 * 60);
    assert_int_equal(c->hours[5].iv[0].start_min, 9 * 60 + 30);
    assert_int_equal(c->hours[6].n, 0);
    assert_in_range(c->nsources, 3, 4);
    assert_string_equal(c->sources[0].name, "caf");
    assert_string_equal(c->sources[0].url, "https://agenda.example.org/caf.ics");
    assert_int_equal(c->sources[0].kind, CFG_KIND_SEMAINIER);
    assert_string_equal(c->sources[0].partner, "CAF de l'H\xC3\xA9rault");
    assert_int_equal(c->sources[0].colour, 0x1a5fb4);
    assert_int_equal(c->sources[0].refresh_s, 1800);
    assert_int_equal(c->sources[2].colour, 0x2e7d32);
    assert_int_equal(c->sources[2].refresh_s, 900);
    for (size_t i = 0; i < c->nsources; i++)
        assert_true(c->sources[i].line > 0);
    cfg_free(c);
}

static void test_round_trip(void **state)
{
    (void)state;
    static const char *const files[] = {EXAMPLE, DATA "full.ini", DATA "bom_crlf.ini",
                                        DATA "minimal.ini"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char err[512] = "";
        struct cfg *c = NULL;
        if (cfg_load(files[i], &c, err, sizeof err) != 0)
            fail_msg("%s", err);
        assert_round_trip(c);
        cfg_free(c);
    }
    struct cfg *d = cfg_defaults();
    assert_non_null(d);
    assert_round_trip(d);
    cfg_free(d);
}

static void test_print(void **state)
{
    (void)state;
    struct cfg *d = cfg_defaults();
    char *text = print_to_string(d);
    assert_non_null(strstr(text, "# effective configuration (built-in defaults)\n"));
    assert_non_null(strstr(text, "\n[screen]\n"));
    assert_non_null(strstr(text, "\ntimezone = system\n"));
    assert_non_null(strstr(text, "\ndemo = yes\n"));
    assert_non_null(strstr(text, "\npages = semainier:20, agenda:20\n"));
    assert_non_null(strstr(text, "\nmonday = 09:00-18:00\n"));
    assert_non_null(strstr(text, "\nsunday = closed\n"));
    assert_null(strstr(text, "[source"));
    free(text);
    cfg_free(d);

    char err[512];
    struct cfg *c = NULL;
    if (cfg_load(DATA "full.ini", &c, err, sizeof err) != 0)
        fail_msg("%s", err);
    text = print_to_string(c);
    assert_non_null(strstr(text, "# effective configuration of tests/data/cfg/full.ini\n"));
    assert_non_null(strstr(text, "\ntext_scale = 0.75\n"));
    assert_non_null(strstr(text, "\ntuesday = 09:00-12:00\n"));
    assert_non_null(strstr(text, "\nthursday = 00:00-24:00\n"));
    assert_non_null(strstr(text, "\nrefresh = 1h30m\n"));
    assert_non_null(strstr(text, "\nrefresh = 24h\n"));
    assert_non_null(strstr(text, "\ncolour = #a0b1c2\n"));
    assert_non_null(strstr(text, "\ncolour = auto\n"));
    assert_non_null(strstr(text, "\npartner = relais-emploi_2.0\n"));
    /* Sources come after [screen], in file order. */
    char *screen = strstr(text, "[screen]"), *s1 = strstr(text, "[source relais-emploi_2.0]");
    char *s2 = strstr(text, "[source mairie]");
    assert_non_null(screen);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_true(screen < s1 && s1 < s2);
    free(text);
    cfg_free(c);
}

/* A 190-byte name fits only as "name=..." on one line: cfg_print must not
 * push it over the line limit with spaces, nor let a leading ';' read as a
 * comment. */
static void test_print_long_and_odd_values(void **state)
{
    (void)state;
    char text[300];
    memset(text, 0, sizeof text);
    memcpy(text, "[screen]\nname=", 14);
    memset(text + 14, 'x', 194);
    memcpy(text + 14 + 194, "\n", 2);
    struct cfg *c = parse_ok(text);
    assert_int_equal(strlen(c->name), 194);
    assert_round_trip(c);
    cfg_free(c);
    c = parse_ok("[screen]\nname=;semicolon first\n");
    assert_string_equal(c->name, ";semicolon first");
    assert_round_trip(c);
    cfg_free(c);
}

/* ---- errors: format, lines, hints ---- */

static void test_err_theme_exact(void **state)
{
    (void)state;
    const char *text = "# hall\n;\n\n[screen]\nname = X\n\ntheme = blue\n";
    char err[512];
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, "hallscreen.ini:7: [screen] theme: 'blue' is not a theme; "
                        "expected default, dark or high-contrast");
}

static void test_err_unknown_key(void **state)
{
    (void)state;
    const char *text = "[source caf]\nurl = https://a.example.org/caf.ics\nkind = agenda\n"
                       "colr = #1a5fb4\n";
    char err[512];
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, "hallscreen.ini:4: unknown key 'colr' in [source caf]; expected "
                        "url, kind, partner, colour or refresh (hint: did you mean 'colour'?)");
    ERR("[source caf]\ncolor = #1a5fb4\n", 2, "unknown key 'color' in [source caf]",
        "(hint: did you mean 'colour'?)");
    ERR("[screen]\ntext_scal = 2\n", 2, "unknown key 'text_scal' in [screen]",
        "expected name, timezone", "did you mean 'text_scale'?");
    ERR("[screen]\ntext = 2\n", 2, "did you mean 'text_scale'?");      /* a prefix */
    ERR("[screen]\nTheme = dark\n", 2, "did you mean 'theme'?");
    ERR("[screen]\nlundi = 9h-12h\n", 2, "did you mean 'monday'?");
    ERR("[source a]\nrefresh_seconds = 900\n", 2, "did you mean 'refresh'?");
    /* Nothing close: no hint at all. */
    ERR("[screen]\nbrightness = 80\n", 2, "unknown key 'brightness' in [screen]");
    char err2[512];
    const char *far = "[screen]\nbrightness = 80\n";
    assert_int_equal(cfg_parse(far, strlen(far), "t.ini", &c, err2, sizeof err2), -1);
    assert_null(strstr(err2, "hint"));
    /* A key in a [screen]-only place and the reverse. */
    ERR("[screen]\nurl = https://a.example.org/\n", 2, "unknown key 'url' in [screen]");
    ERR("[source a]\ntheme = dark\n", 2, "unknown key 'theme' in [source a]");
}

static void test_err_unknown_section(void **state)
{
    (void)state;
    const char *text = "; config\n\n[scren]\nname = X\n";
    char err[512];
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, "hallscreen.ini:3: unknown section [scren]; expected [screen] or "
                        "[source NAME] (hint: did you mean [screen]?)");
    ERR("[sorce caf]\n", 1, "unknown section [sorce caf]", "did you mean [source caf]?");
    ERR("[sources]\n", 1, "unknown section [sources]", "did you mean [source NAME]?");
    ERR("[general]\n", 1, "unknown section [general]; expected [screen] or [source NAME]");
    ERR("[Screen]\n", 1, "did you mean [screen]?");
    /* An unknown section is an error even when empty. */
    ERR("[screen]\n[display]\n", 2, "unknown section [display]");
}

static void test_err_missing_required(void **state)
{
    (void)state;
    ERR("[screen]\nname = X\n\n[source caf]\nkind = agenda\n\n[source b]\n", 4,
        "[source caf] has no url; expected url = https://... or a file path");
    ERR("[source caf]\nurl = /srv/caf.ics\n", 1,
        "[source caf] has no kind; expected kind = semainier, agenda, notices, ticker or "
        "urgent");
    /* At the end of the file, and for an empty section. */
    ERR("[screen]\n\n[source last]\n", 3, "[source last] has no url");
    /* The fixture: a missing url (line 4) comes before the ftp url (line 9). */
    size_t len;
    char *text = load_text(DATA "missing_url.ini", &len);
    expect_err(text, len, 4, "[source caf] has no url", (char *)NULL);
    free(text);
}

static void test_err_set_twice(void **state)
{
    (void)state;
    const char *text = "[screen]\nname = X\n\ntheme = dark\n\n\n\n\ntheme = default\n";
    char err[512];
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, "hallscreen.ini:9: [screen] theme is set twice (first at line 4)");
    /* Across two [screen] sections too. */
    ERR("[screen]\ndemo = no\n[screen]\ndemo = yes\n", 4, "[screen] demo is set twice",
        "(first at line 2)");
    ERR("[source a]\nurl = /a\nkind = agenda\nurl = /b\n", 4,
        "[source a] url is set twice (first at line 2)");
    /* The same key in two sources is fine. */
    struct cfg *ok = parse_ok("[source a]\nurl = /a\nkind = agenda\n"
                              "[source b]\nurl = /b\nkind = agenda\n");
    assert_int_equal(ok->nsources, 2);
    cfg_free(ok);
}

static void test_err_line_too_long(void **state)
{
    (void)state;
    char text[600];
    /* Line 5, 245 bytes. */
    int k = snprintf(text, sizeof text, "[screen]\n\n\n;\nname = ");
    memset(text + k, 'a', 245 - 7);
    memcpy(text + k + 245 - 7, "\n", 2);
    char err[512];
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, "hallscreen.ini:5: line too long (245 bytes); a line holds at most "
                        "199 bytes");
    /* Boundaries: 199 bytes pass, 200 do not; CR LF is not counted. */
    k = snprintf(text, sizeof text, "[screen]\nname = ");
    memset(text + k, 'b', 199 - 7);
    memcpy(text + k + 199 - 7, "\r\n", 3);
    c = parse_ok(text);
    assert_int_equal(strlen(c->name), 192);
    cfg_free(c);
    memcpy(text + k + 199 - 7, "b\n", 3);
    ERR(text, 2, "line too long (200 bytes)");
    /* A long comment line is too long as well: inih would split it. */
    memset(text, '#', 300);
    text[300] = '\0';
    ERR(text, 1, "line too long (300 bytes)");
}

static void test_err_syntax(void **state)
{
    (void)state;
    const char *text = "[screen]\nname Maison\n";
    char err[512];
    struct cfg *c = NULL;
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, "hallscreen.ini:2: cannot read this line; expected 'key = value', "
                        "'[section]' or a comment starting with ; or #");
    ERR("[screen]\n= dark\n", 2, "no key before '='");
    ERR("[screen\n", 1, "section header without ']'");
    ERR("[screen] theme = dark\n", 1, "unexpected text after ']'");
    ERR("[screen]\ntheme ; = dark\n", 2, "cannot read this line");
    ERR("name = X\n", 1, "key 'name' is outside any section", "[screen] or [source NAME]");
}

static void test_err_bytes(void **state)
{
    (void)state;
    static const char nul[] = "[screen]\nname = a\0b\n";
    static const char utf16[] = "\xff\xfe[\0s\0";
    expect_err(nul, sizeof nul - 1, 2, "NUL byte", (char *)NULL);
    expect_err(utf16, sizeof utf16 - 1, 1, "NUL byte", "UTF-16", (char *)NULL);
    ERR("[screen]\nname = caf\xe9\n", 2, "[screen] name: the value is not valid UTF-8",
        "save the file as UTF-8");
    ERR("[screen]\nname = \xc0\xaf\n", 2, "not valid UTF-8");            /* overlong */
    ERR("[screen]\nname = \xe0\x80\xaf\n", 2, "not valid UTF-8");        /* overlong */
    ERR("[screen]\nname = \xf0\x80\x80\xaf\n", 2, "not valid UTF-8");    /* overlong */
    ERR("[screen]\nname = \xe2\x82\n", 2, "not valid UTF-8");           /* truncated */
    ERR("[screen]\nname = \xed\xa0\x80\n", 2, "not valid UTF-8");        /* surrogate */
    ERR("[source a]\npartner = \xf4\x90\x80\x80\n", 2, "not valid UTF-8"); /* > U+10FFFF */
    ERR("[screen]\nname = a\x01z\n", 2, "control character 0x01");
    ERR("[screen]\nname = a\rb\n", 2, "control character 0x0D", "CR LF");
    ERR("[screen]\nname = a\tb\n", 2, "tab or control character");
    ERR("[screen]\nname = a\xc2\x85z\n", 2, "tab or control character"); /* C1 NEL */
    /* Comments are not values: Latin-1 there does no harm. */
    struct cfg *c = parse_ok("; caf\xe9\n[screen]\nname = Caf\xc3\xa9 \xe2\x82\xac\n");
    assert_string_equal(c->name, "Caf\xc3\xa9 \xe2\x82\xac");
    cfg_free(c);

    size_t big = 256 * 1024 + 1;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, '\n', big);
    expect_err(text, big, 0, "file too large (262145 bytes)", (char *)NULL);
    c = NULL;
    char err[128];
    assert_int_equal(cfg_parse(text, big - 1, "t.ini", &c, err, sizeof err), 0);
    cfg_free(c);
    free(text);
}

static void test_bom_crlf(void **state)
{
    (void)state;
    char err[512];
    struct cfg *c = NULL;
    if (cfg_load(DATA "bom_crlf.ini", &c, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(c->name, "Maison France services");
    assert_int_equal(c->theme, CFG_THEME_HIGH_CONTRAST);
    assert_string_equal(c->sources[0].url, "https://agenda.example.org/caf.ics");
    assert_int_equal(c->sources[0].line, 6);
    cfg_free(c);
    /* A BOM counts only at the very start. */
    ERR("[screen]\n\xef\xbb\xbfname = X\n", 2, "unknown key");
}

static void test_first_error_reported(void **state)
{
    (void)state;
    size_t len;
    char *text = load_text(DATA "two_errors.ini", &len);
    expect_err(text, len, 3, "'blue' is not a theme", (char *)NULL);
    free(text);
    ERR("[screen]\ntheme = blue\n[bad]\n", 2, "theme");
    ERR("[bad]\n[screen]\ntheme = blue\n", 1, "unknown section [bad]");
    ERR("[screen]\nname x\ntheme = blue\n", 2, "cannot read this line");
}

static void test_indent_and_comments(void **state)
{
    (void)state;
    /* Indented keys are keys, not inih's continuation lines. */
    struct cfg *c = parse_ok("[screen]\n    name = A\n    theme = dark\n\t demo = no ; off\n");
    assert_string_equal(c->name, "A");
    assert_int_equal(c->theme, CFG_THEME_DARK);
    assert_int_equal(c->demo, 0);
    cfg_free(c);
    c = parse_ok("[screen] ; the screen\nname = Le Relais;Emploi ; comment\n"
                 "# comment\n; comment\n");
    assert_string_equal(c->name, "Le Relais;Emploi");
    cfg_free(c);
    c = parse_ok("[screen]\nname = Salle #2\n");
    assert_string_equal(c->name, "Salle #2");
    cfg_free(c);
    ERR("[screen]\nname = \"Maison\"\n", 2, "[screen] name: the value is in quotes",
        "without quotes");
    ERR("[screen]\ntimezone = \"Europe/Paris\"\n", 2, "in quotes");
}

/* ---- [screen] validators ---- */

static void test_name(void **state)
{
    (void)state;
    struct cfg *c = screen_ok("name", "Espace social commun « Les Capucins »");
    assert_string_equal(c->name, "Espace social commun « Les Capucins »");
    cfg_free(c);
    screen_bad("name", "", "[screen] name is empty");
}

static void test_timezone(void **state)
{
    (void)state;
    struct cfg *c = screen_ok("timezone", "Europe/Paris");
    assert_string_equal(c->timezone, "Europe/Paris");
    cfg_free(c);
    c = screen_ok("timezone", "Etc/GMT+1");
    assert_string_equal(c->timezone, "Etc/GMT+1");
    cfg_free(c);
    c = screen_ok("timezone", "system");
    assert_null(c->timezone);
    cfg_free(c);
    screen_bad("timezone", "Europe/Pariss", "'Europe/Pariss' is not a known time zone");
    screen_bad("timezone", "europe/paris", "not a known time zone");
    screen_bad("timezone", "Europe", "not a known time zone");        /* a directory */
    screen_bad("timezone", "leapseconds", "not a known time zone");   /* not TZif */
    screen_bad("timezone", "../Europe/Paris", "is not a time zone name");
    screen_bad("timezone", "Europe/../Europe/Paris", "is not a time zone name");
    screen_bad("timezone", "/etc/localtime", "is not a time zone name");
    screen_bad("timezone", "Europe Paris", "is not a time zone name");
    screen_bad("timezone", "", "is not a time zone name");
    screen_bad("timezone", "UTC.", "is not a time zone name");
}

static void test_orientation_theme_renderer(void **state)
{
    (void)state;
    static const char *const o[] = {"auto", "landscape", "portrait"};
    static const char *const t[] = {"default", "dark", "high-contrast"};
    static const char *const r[] = {"auto", "gpu", "software"};
    for (int i = 0; i < 3; i++) {
        struct cfg *c = screen_ok("orientation", o[i]);
        assert_int_equal(c->orientation, i);
        cfg_free(c);
        c = screen_ok("theme", t[i]);
        assert_int_equal(c->theme, i);
        assert_string_equal(cfg_theme_name(c->theme), t[i]);
        cfg_free(c);
        c = screen_ok("renderer", r[i]);
        assert_int_equal(c->renderer, i);
        cfg_free(c);
    }
    screen_bad("orientation", "paysage", "'paysage' is not an orientation; expected auto, "
               "landscape or portrait");
    screen_bad("theme", "Dark", "'Dark' is not a theme");
    screen_bad("theme", "high_contrast", "is not a theme");
    screen_bad("renderer", "opengl", "'opengl' is not a renderer; expected auto, gpu or "
               "software");
}

static void test_text_scale(void **state)
{
    (void)state;
    static const struct { const char *s; double v; } good[] = {
        {"0.5", 0.5}, {"3.0", 3.0}, {"3", 3.0}, {"1", 1.0}, {"1.25", 1.25}, {"0.75", 0.75},
        {"2.", 2.0}, {".5", 0.5}, {"1.333", 1.333}, {"0003.000", 3.0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct cfg *c = screen_ok("text_scale", good[i].s);
        if (c->text_scale != good[i].v)
            fail_msg("%s read as %g", good[i].s, c->text_scale);
        assert_round_trip(c);
        cfg_free(c);
    }
    screen_bad("text_scale", "0.49", "'0.49' is out of range; expected a number from 0.5 to 3.0");
    screen_bad("text_scale", "3.01", "out of range");
    screen_bad("text_scale", "0", "out of range");
    screen_bad("text_scale", "1,5", "write a dot, not a comma");
    screen_bad("text_scale", "abc", "'abc' is not a number");
    screen_bad("text_scale", "-1", "is not a number");
    screen_bad("text_scale", "+1", "is not a number");
    screen_bad("text_scale", "1e0", "is not a number");
    screen_bad("text_scale", "0x1p0", "is not a number");
    screen_bad("text_scale", "inf", "is not a number");
    screen_bad("text_scale", "nan", "is not a number");
    screen_bad("text_scale", "1.2.3", "is not a number");
    screen_bad("text_scale", ".", "is not a number");
    screen_bad("text_scale", "", "is not a number");
    screen_bad("text_scale", "1.5x", "is not a number");
}

/* The player may set a French locale, whose decimal comma must not change
 * how "1.5" reads or prints. Skipped when no such locale is installed (set
 * LOCPATH to a folder made with localedef to run it). */
static void test_text_scale_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_NUMERIC, "fr_FR.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.utf8") &&
        !setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        skip();
    struct cfg *c = screen_ok("text_scale", "1.5");
    setlocale(LC_NUMERIC, "C");
    assert_true(c->text_scale == 1.5);
    setlocale(LC_NUMERIC, "fr_FR.UTF-8");
    char *text = print_to_string(c);
    setlocale(LC_NUMERIC, "C");
    assert_non_null(strstr(text, "\ntext_scale = 1.5\n"));
    free(text);
    cfg_free(c);
}

static void test_demo(void **state)
{
    (void)state;
    static const char *const yes[] = {"yes", "true", "on", "1", "YES", "True"};
    static const char *const no[] = {"no", "false", "off", "0", "No", "OFF"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        struct cfg *c = screen_ok("demo", yes[i]);
        assert_int_equal(c->demo, 1);
        cfg_free(c);
        c = screen_ok("demo", no[i]);
        assert_int_equal(c->demo, 0);
        cfg_free(c);
    }
    screen_bad("demo", "oui", "'oui' is not yes or no; expected yes or no");
    screen_bad("demo", "2", "is not yes or no");
    screen_bad("demo", "", "is not yes or no");
    /* Default: on without sources, off with; explicit values win. */
    struct cfg *c = parse_ok("[screen]\nname = X\n");
    assert_int_equal(c->demo, 1);
    cfg_free(c);
    c = parse_ok("[source a]\nurl = /a\nkind = ticker\n");
    assert_int_equal(c->demo, 0);
    cfg_free(c);
    c = parse_ok("[screen]\ndemo = yes\n[source a]\nurl = /a\nkind = ticker\n");
    assert_int_equal(c->demo, 1);
    cfg_free(c);
    c = parse_ok("[screen]\ndemo = no\n");
    assert_int_equal(c->demo, 0);
    cfg_free(c);
}

static void test_pages(void **state)
{
    (void)state;
    struct cfg *c = screen_ok("pages", "now:3, semainier : 600,agenda,notices:45");
    assert_int_equal(c->npages, 4);
    assert_int_equal(c->pages[0].kind, CFG_PAGE_NOW);
    assert_int_equal(c->pages[0].seconds, 3);
    assert_int_equal(c->pages[1].kind, CFG_PAGE_SEMAINIER);
    assert_int_equal(c->pages[1].seconds, 600);
    assert_int_equal(c->pages[2].kind, CFG_PAGE_AGENDA);
    assert_int_equal(c->pages[2].seconds, 20);
    assert_int_equal(c->pages[3].kind, CFG_PAGE_NOTICES);
    assert_int_equal(c->pages[3].seconds, 45);
    assert_string_equal(cfg_page_name(c->pages[3].kind), "notices");
    cfg_free(c);
    c = screen_ok("pages", "agenda");
    assert_int_equal(c->npages, 1);
    assert_int_equal(c->pages[0].seconds, 20);
    cfg_free(c);
    screen_bad("pages", "agenda:2", "'agenda:2' has no valid duration; expected PAGE:SECONDS "
               "with 3 to 600 seconds");
    screen_bad("pages", "agenda:601", "has no valid duration");
    screen_bad("pages", "agenda:", "has no valid duration");
    screen_bad("pages", "agenda:20s", "has no valid duration");
    screen_bad("pages", "agenda:-5", "has no valid duration");
    screen_bad("pages", "agenda:99999999999999999999", "has no valid duration");
    screen_bad("pages", "agenda:1:2", "has no valid duration");
    screen_bad("pages", "weather:20", "'weather' is not a page; expected semainier, agenda, "
               "now or notices");
    screen_bad("pages", "agneda", "did you mean 'agenda'?");
    screen_bad("pages", "agenda, now, agenda:5", "'agenda' is listed twice");
    screen_bad("pages", "agenda,,now", "empty entry");
    screen_bad("pages", "", "empty entry");
    screen_bad("pages", "agenda,", "empty entry");
    screen_bad("pages", "now,now,now,now,now,now,now,now,now", "more than 8 pages");
}

static void test_hours(void **state)
{
    (void)state;
    static const char *const closed[] = {"closed", "Closed", "fermé", "Fermé", "ferme",
                                         "FERME"};
    for (size_t i = 0; i < sizeof closed / sizeof closed[0]; i++) {
        struct cfg *c = screen_ok("monday", closed[i]);
        assert_int_equal(c->hours[0].n, 0);
        cfg_free(c);
    }
    struct cfg *c = screen_ok("tuesday", "9h-12h30, 13:30 - 18h00,18h30-24:00");
    assert_int_equal(c->hours[1].n, 3);
    assert_int_equal(c->hours[1].iv[0].start_min, 540);
    assert_int_equal(c->hours[1].iv[0].end_min, 750);
    assert_int_equal(c->hours[1].iv[1].start_min, 810);
    assert_int_equal(c->hours[1].iv[1].end_min, 1080);
    assert_int_equal(c->hours[1].iv[2].end_min, 1440);
    assert_int_equal(c->hours[0].n, 1);                 /* other days keep defaults */
    assert_int_equal(c->hours[6].n, 0);
    cfg_free(c);
    c = screen_ok("sunday", "09:00\xe2\x80\x93" "12:00");   /* an en dash */
    assert_int_equal(c->hours[6].n, 1);
    assert_int_equal(c->hours[6].iv[0].end_min, 720);
    cfg_free(c);
    c = screen_ok("friday", "0h-1h, 1h-2h, 2h-3h, 23H-23h59");
    assert_int_equal(c->hours[4].n, 4);
    assert_int_equal(c->hours[4].iv[3].start_min, 23 * 60);
    assert_int_equal(c->hours[4].iv[3].end_min, 23 * 60 + 59);
    cfg_free(c);
    screen_bad("wednesday", "25:00-26:00", "[screen] wednesday: '25:00-26:00' is not an "
               "opening interval; expected START-END");
    screen_bad("monday", "9:60-10:00", "is not an opening interval");
    screen_bad("monday", "9-12", "is not an opening interval");
    screen_bad("monday", "9h-", "is not an opening interval");
    screen_bad("monday", "9:0-12:00", "is not an opening interval");
    screen_bad("monday", "009:00-12:00", "is not an opening interval");
    screen_bad("monday", "24:00-24:00", "is not an opening interval");
    screen_bad("monday", "09:00-24:01", "is not an opening interval");
    screen_bad("monday", "9h a 12h", "is not an opening interval");
    screen_bad("monday", "12:00-09:00", "'12:00-09:00' does not end after it starts");
    screen_bad("monday", "12:00-12:00", "does not end after it starts");
    screen_bad("monday", "09:00-12:00, 11:00-14:00", "'11:00-14:00' overlaps");
    screen_bad("monday", "14:00-18:00, 09:00-12:00", "overlaps or comes before");
    screen_bad("monday", "8h-9h,10h-11h,12h-13h,14h-15h,16h-17h", "more than 4 opening "
               "intervals");
    screen_bad("monday", "", "[screen] monday is empty");
    screen_bad("monday", "9h-12h,", "is not an opening interval");
    screen_bad("monday", "open", "is not an opening interval");
}

/* ---- [source NAME] validators ---- */

static void test_source_names(void **state)
{
    (void)state;
    char name[80], text[256];
    memset(name, 'n', 63);
    name[63] = '\0';
    snprintf(text, sizeof text, "[source %s]\nurl = /a\nkind = agenda\n", name);
    struct cfg *c = parse_ok(text);
    assert_string_equal(c->sources[0].name, name);
    assert_string_equal(c->sources[0].partner, name);
    assert_int_equal(c->sources[0].line, 1);
    cfg_free(c);
    c = parse_ok("[ source   A-z_0.9 ]\nurl = /a\nkind = agenda\n");
    assert_string_equal(c->sources[0].name, "A-z_0.9");
    cfg_free(c);
    snprintf(text, sizeof text, "[source %sn]\n", name);
    ERR(text, 1, "has an invalid name; expected 1 to 63 letters");
    ERR("\n[source caf agenda]\n", 2, "[source caf agenda] has an invalid name");
    ERR("[source caf/x]\n", 1, "has an invalid name");
    ERR("[source café]\n", 1, "has an invalid name");
    ERR("[source]\n", 1, "[source] has no name; expected [source NAME]");
    ERR("[source  ]\n", 1, "[source] has no name");
    ERR("[source caf]\nurl = /a\nkind = agenda\n\n[source caf]\n", 5,
        "[source caf] is defined twice (first at line 1)");

    /* HS_MAX_SOURCES sources pass, one more fails at its header. */
    size_t cap = 80 * (HS_MAX_SOURCES + 1) + 1, o = 0;
    char *big = malloc(cap);
    assert_non_null(big);
    for (int i = 0; i <= HS_MAX_SOURCES; i++)
        o += (size_t)snprintf(big + o, cap - o, "[source s%d]\nurl = /s\nkind = ticker\n", i);
    expect_err(big, o, 3 * HS_MAX_SOURCES + 1, "too many [source] sections; expected at most 64",
               (char *)NULL);
    char err[256];
    assert_int_equal(cfg_parse(big, o - strlen("[source s64]\nurl = /s\nkind = ticker\n"),
                               "t.ini", &c, err, sizeof err), 0);
    assert_int_equal(c->nsources, HS_MAX_SOURCES);
    assert_string_equal(c->sources[63].name, "s63");
    assert_int_equal(c->sources[63].line, 3 * 63 + 1);
    cfg_free(c);
    free(big);
}

static void test_url(void **state)
{
    (void)state;
    static const char *const good[] = {
        "https://agenda.example.org/caf.ics", "http://10.0.0.2:8080/flux.rss",
        "HTTPS://Example.org", "file:///srv/hallscreen/a.xml", "/var/lib/hallscreen/a.xml",
        "feeds/accueil.xml", "./accueil.xml", "../shared/a.ics", "/srv/mes flux/a.ics",
        "https://a.example.org/f?x=1&y=2;z",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "[source s]\nkind = agenda\nurl = %s\n", good[i]);
        struct cfg *c = parse_ok(text);
        assert_string_equal(c->sources[0].url, good[i]);
        cfg_free(c);
    }
    source_bad("url", "ftp://ftp.example.org/a.rss", "[source s] url: "
               "'ftp://ftp.example.org/a.rss' uses the scheme 'ftp:'");
    source_bad("url", "ftp://x/a", "expected https://, http://, file:/// or a file path "
               "(hint: ");
    source_bad("url", "javascript:alert(1)", "scheme 'javascript:'");
    source_bad("url", "gopher://x/", "scheme 'gopher:'");
    source_bad("url", "data:text/plain,hello", "scheme 'data:'");
    source_bad("url", "HTTPS:agenda.example.org", "has no host");
    source_bad("url", "https://", "has no host");
    source_bad("url", "https:///path", "has no host");
    source_bad("url", "https://a.example.org/my feed.ics", "contains a space");
    source_bad("url", "file://server/share/a.xml", "not a local file address");
    source_bad("url", "file:relative.xml", "not a local file address");
    source_bad("url", "www.example.org/flux.rss", "write https://www.example.org/flux.rss");
    source_bad("url", "", "[source s] url is empty");
}

static void test_kind_partner(void **state)
{
    (void)state;
    static const char *const kinds[] = {"semainier", "agenda", "notices", "ticker", "urgent"};
    for (int i = 0; i < 5; i++) {
        char text[128];
        snprintf(text, sizeof text, "[source s]\nurl = /a\nkind = %s\n", kinds[i]);
        struct cfg *c = parse_ok(text);
        assert_int_equal(c->sources[0].kind, i);
        assert_string_equal(cfg_kind_name(c->sources[0].kind), kinds[i]);
        cfg_free(c);
    }
    ERR("[source s]\nurl = /a\nkind = events\n", 3, "[source s] kind: 'events' is not a kind; "
        "expected semainier, agenda, notices, ticker or urgent");
    ERR("[source s]\nurl = /a\nkind =\n", 3, "'' is not a kind");
    struct cfg *c = source_ok("partner", "Secours populaire – antenne Nord");
    assert_string_equal(c->sources[0].partner, "Secours populaire – antenne Nord");
    cfg_free(c);
    c = parse_ok("[source caf]\nurl = /a\nkind = agenda\n");
    assert_string_equal(c->sources[0].partner, "caf");
    assert_int_equal(c->sources[0].colour, -1);
    assert_int_equal(c->sources[0].refresh_s, 900);
    cfg_free(c);
    source_bad("partner", "", "[source s] partner is empty");
}

static void test_colour(void **state)
{
    (void)state;
    static const struct { const char *s; int32_t v; } good[] = {
        {"#1a5fb4", 0x1a5fb4}, {"1A5FB4", 0x1a5fb4}, {"#000000", 0}, {"#FFFFFF", 0xffffff},
        {"auto", -1},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct cfg *c = source_ok("colour", good[i].s);
        assert_int_equal(c->sources[0].colour, good[i].v);
        assert_round_trip(c);
        cfg_free(c);
    }
    source_bad("colour", "#fff", "'#fff' is not a colour; expected #RRGGBB");
    source_bad("colour", "#abc", "write all six digits");
    source_bad("colour", "#gggggg", "is not a colour");
    source_bad("colour", "#1a5fb4ff", "is not a colour");
    source_bad("colour", "1a5fb", "is not a colour");
    source_bad("colour", "##1a5fb4", "is not a colour");
    source_bad("colour", "blue", "is not a colour");
    source_bad("colour", "", "is not a colour");
}

static void test_refresh(void **state)
{
    (void)state;
    static const struct { const char *s; int v; } good[] = {
        {"900", 900}, {"900s", 900}, {"15m", 900}, {"1h", 3600}, {"1h30m", 5400},
        {"60", 60}, {"1m", 60}, {"86400", 86400}, {"24h", 86400}, {"1h1m1s", 3661},
        {"23h59m60s", 86400}, {"0h1m", 60},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct cfg *c = source_ok("refresh", good[i].s);
        if (c->sources[0].refresh_s != good[i].v)
            fail_msg("%s read as %d", good[i].s, c->sources[0].refresh_s);
        assert_round_trip(c);
        cfg_free(c);
    }
    source_bad("refresh", "59", "'59' is out of range; expected 1m to 24h (60 to 86400 "
               "seconds) (hint: a bare number is seconds");
    source_bad("refresh", "59s", "is out of range");
    source_bad("refresh", "86401", "is out of range");
    source_bad("refresh", "24h1s", "is out of range");
    source_bad("refresh", "999999h", "is out of range");
    source_bad("refresh", "0", "is out of range");
    source_bad("refresh", "1h30", "'1h30' is not a duration; expected seconds or a duration "
               "such as 900, 900s, 15m or 1h30m");
    source_bad("refresh", "30m1h", "is not a duration");
    source_bad("refresh", "1h1h", "is not a duration");
    source_bad("refresh", "15 m", "is not a duration");
    source_bad("refresh", "15min", "is not a duration");
    source_bad("refresh", "-900", "is not a duration");
    source_bad("refresh", "99999999999999999999", "is not a duration");
    source_bad("refresh", "1d", "is not a duration");
    source_bad("refresh", "", "is not a duration");
}

/* ---- files ---- */

static void test_load(void **state)
{
    (void)state;
    char err[512];
    struct cfg *c = (struct cfg *)1;
    assert_int_equal(cfg_load("tests/data/cfg/does-not-exist.ini", &c, err, sizeof err), -1);
    assert_null(c);
    assert_string_equal(err, "tests/data/cfg/does-not-exist.ini: cannot open: No such file or "
                        "directory (hint: check the path given with -c)");
    assert_int_equal(cfg_load("tests/data/cfg", &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "tests/data/cfg: cannot"));

    c = NULL;
    if (cfg_load(DATA "minimal.ini", &c, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(c->path, DATA "minimal.ini");
    assert_int_equal(c->demo, 0);
    assert_int_equal(c->nsources, 1);
    assert_int_equal(c->sources[0].line, 3);
    assert_string_equal(c->name, "Maison de quartier des Tilleuls");
    cfg_free(c);

    /* Errors carry the path as given. */
    assert_int_equal(cfg_load(DATA "two_errors.ini", &c, err, sizeof err), -1);
    assert_string_equal(err, DATA "two_errors.ini:3: [screen] theme: 'blue' is not a theme; "
                        "expected default, dark or high-contrast");

    char path[128];
    snprintf(path, sizeof path, "%s/big.ini", tmpdir);
    size_t big = 256 * 1024 + 10;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, ';', big);
    write_file(path, text, big);
    free(text);
    assert_int_equal(cfg_load(path, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "big.ini: file too large (more than 262144 bytes)"));
    unlink(path);
}

static void test_find(void **state)
{
    (void)state;
    char dir[128], path[192], buf[256];
    snprintf(dir, sizeof dir, "%s/xdg/hallscreen", tmpdir);
    snprintf(path, sizeof path, "%s/hallscreen.ini", dir);
    char xdg[128];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    assert_int_equal(mkdir(xdg, 0700), 0);
    assert_int_equal(mkdir(dir, 0700), 0);
    write_file(path, "[screen]\n", 9);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    assert_int_equal(cfg_find(buf, sizeof buf), 0);
    assert_string_equal(buf, path);
    /* Too small a buffer: not found rather than cut. */
    char small[8];
    int etc = access("/etc/hallscreen/hallscreen.ini", F_OK) == 0;
    if (!etc)
        assert_int_equal(cfg_find(small, sizeof small), -1);

    /* Empty or relative XDG_CONFIG_HOME: ~/.config. */
    char home[128], hdir[192], hpath[256];
    snprintf(home, sizeof home, "%s/home", tmpdir);
    snprintf(hdir, sizeof hdir, "%s/.config", home);
    assert_int_equal(mkdir(home, 0700), 0);
    assert_int_equal(mkdir(hdir, 0700), 0);
    snprintf(hdir, sizeof hdir, "%s/.config/hallscreen", home);
    assert_int_equal(mkdir(hdir, 0700), 0);
    snprintf(hpath, sizeof hpath, "%s/hallscreen.ini", hdir);
    write_file(hpath, "", 0);
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", "", 1);
    assert_int_equal(cfg_find(buf, sizeof buf), 0);
    assert_string_equal(buf, hpath);
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    assert_int_equal(cfg_find(buf, sizeof buf), 0);
    assert_string_equal(buf, hpath);

    /* A directory where the file should be does not count. */
    unlink(hpath);
    assert_int_equal(mkdir(hpath, 0700), 0);
    if (!etc)
        assert_int_equal(cfg_find(buf, sizeof buf), -1);
    else
        assert_string_equal(buf, "/etc/hallscreen/hallscreen.ini");
    rmdir(hpath);
    rmdir(hdir);
    snprintf(hdir, sizeof hdir, "%s/.config", home);
    rmdir(hdir);
    rmdir(home);
    unlink(path);
    rmdir(dir);
    rmdir(xdg);
    if (old_home) {
        setenv("HOME", old_home, 1);
        free(old_home);
    }
    unsetenv("XDG_CONFIG_HOME");
}

/* ---- odds and ends ---- */

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(cfg_kind_name(CFG_KIND_SEMAINIER), "semainier");
    assert_string_equal(cfg_kind_name(CFG_KIND_URGENT), "urgent");
    assert_string_equal(cfg_theme_name(CFG_THEME_HIGH_CONTRAST), "high-contrast");
    assert_string_equal(cfg_page_name(CFG_PAGE_NOW), "now");
    assert_string_equal(cfg_kind_name((enum cfg_kind)99), "?");
}

static void test_small_err_buffer(void **state)
{
    (void)state;
    char err[16];
    memset(err, 'z', sizeof err);
    struct cfg *c = NULL;
    const char *text = "[screen]\ntheme = blue\n";
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, err, 10), -1);
    assert_string_equal(err, "hallscree");
    assert_int_equal(err[10], 'z');
    assert_int_equal(cfg_parse(text, strlen(text), "hallscreen.ini", &c, NULL, 0), -1);
    assert_int_equal(cfg_load("/nonexistent/x.ini", &c, NULL, 0), -1);
    /* A file name with a line break cannot break the one-line message. */
    char big[256];
    assert_int_equal(cfg_parse(text, strlen(text), "a\nb.ini", &c, big, sizeof big), -1);
    assert_null(strchr(big, '\n'));
    assert_non_null(strstr(big, "a?b.ini:2:"));
}

/* ---- setup: a fake zone folder ---- */

static int make_tzdir(void **state)
{
    (void)state;
    char path[192];
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_cfg.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(tzdir, sizeof tzdir, "%s/zoneinfo", tmpdir);
    static const char *const dirs[] = {"", "/Europe", "/Etc"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", tzdir, dirs[i]);
        if (mkdir(path, 0700) != 0)
            return -1;
    }
    static const char *const zones[] = {"/Europe/Paris", "/Etc/GMT+1", "/UTC"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", tzdir, zones[i]);
        FILE *f = fopen(path, "wb");
        if (!f || fputs("TZif2", f) < 0 || fclose(f) != 0)
            return -1;
    }
    snprintf(path, sizeof path, "%s/leapseconds", tzdir);
    FILE *f = fopen(path, "wb");
    if (!f || fputs("# leap seconds\n", f) < 0 || fclose(f) != 0)
        return -1;
    return setenv("TZDIR", tzdir, 1);
}

static int remove_tzdir(void **state)
{
    (void)state;
    char path[192];
    static const char *const files[] = {"/Europe/Paris", "/Etc/GMT+1", "/UTC", "/leapseconds",
                                        "/Europe", "/Etc", ""};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s%s", tzdir, files[i]);
        remove(path);
    }
    rmdir(tmpdir);
    unsetenv("TZDIR");
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_example_parses),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_print_long_and_odd_values),
        cmocka_unit_test(test_err_theme_exact),
        cmocka_unit_test(test_err_unknown_key),
        cmocka_unit_test(test_err_unknown_section),
        cmocka_unit_test(test_err_missing_required),
        cmocka_unit_test(test_err_set_twice),
        cmocka_unit_test(test_err_line_too_long),
        cmocka_unit_test(test_err_syntax),
        cmocka_unit_test(test_err_bytes),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_first_error_reported),
        cmocka_unit_test(test_indent_and_comments),
        cmocka_unit_test(test_name),
        cmocka_unit_test(test_timezone),
        cmocka_unit_test(test_orientation_theme_renderer),
        cmocka_unit_test(test_text_scale),
        cmocka_unit_test(test_text_scale_locale),
        cmocka_unit_test(test_demo),
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_hours),
        cmocka_unit_test(test_source_names),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_kind_partner),
        cmocka_unit_test(test_colour),
        cmocka_unit_test(test_refresh),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_small_err_buffer),
    };
    return cmocka_run_group_tests(tests, make_tzdir, remove_tzdir);
}
