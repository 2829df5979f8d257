/* Tests of player/status.c: the JSON status read back field by field, the
 * metrics text line by line, no rewrite when nothing changed, no temporary
 * left behind, and 'hallscreen status' for a person. Times are pinned and
 * written in UTC, so expectations do not come from the code under test; the
 * zone is Europe/Paris, winter (+01:00) and summer (+02:00) both used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"
#include <jansson.h>

#include "../content/caltime.h"
#include "../feeds/fetch.h"
#include "../feeds/xml.h"
#include "../player/status.h"

struct fixture {
    char dir[64];
    char json[128], prom[128];
    struct status st;
};

/* Monday 1 December 2025, 14:05 in Paris. */
#define NOW utc(2025, 12, 1, 13, 5, 0)

static void add_source(struct status *st, const char *name, const char *kind, int has_content,
                       size_t nitems, time_t ok, time_t ko, const char *error, int failures)
{
    struct status_source *s = &st->sources[st->nsources++];

    snprintf(s->name, sizeof(s->name), "%s", name);
    snprintf(s->kind, sizeof(s->kind), "%s", kind);
    s->has_content = has_content;
    s->nitems = nitems;
    s->last_success = ok;
    s->last_failure = ko;
    snprintf(s->error, sizeof(s->error), "%s", error);
    s->failures = failures;
}

/* A player up for 3 hours with three sources: one working, one failing
 * with content kept, one that never worked. */
static void sample(struct status *st)
{
    status_init(st, utc(2025, 12, 1, 10, 5, 0));
    st->version = "0.1.0";
    st->pid = 4242;
    st->now = NOW;
    snprintf(st->config, sizeof(st->config), "/etc/hallscreen/hallscreen.ini");
    st->display = "software (x11)";
    st->frames = 98765;
    st->rss_bytes = 52428800;
    st->updated = utc(2025, 7, 14, 10, 0, 0);
    add_source(st, "caf", "semainier", 1, 12, NOW - 720, 0, "", 0);
    add_source(st, "mairie", "agenda", 1, 4, NOW - 3 * 3600 - 300, NOW - 120, "HTTP 404", 5);
    add_source(st, "news", "ticker", 0, 0, 0, NOW - 60, "timed out after 30 s", 1);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if (f == NULL || caltime_set_zone("Europe/Paris") != 0)
        return -1;
    snprintf(f->dir, sizeof(f->dir), "/tmp/hs-status-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->json, sizeof(f->json), "%s/%s", f->dir, STATUS_JSON_NAME);
    snprintf(f->prom, sizeof(f->prom), "%s/%s", f->dir, STATUS_METRICS_NAME);
    sample(&f->st);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return caltime_set_zone(NULL);
}

/* The whole text of the file at path (testutil's slurp without its length). */
static char *read_text(const char *path)
{
    size_t n;

    return slurp(path, &n);
}

static void spill(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

/* The names in dir, sorted, joined with ' '. */
static void listing(const char *dir, char *buf, size_t n)
{
    struct dirent **ents;
    int k = scandir(dir, &ents, NULL, alphasort);
    size_t len = 0;

    assert_true(k >= 0);
    buf[0] = '\0';
    for (int i = 0; i < k; i++) {
        if (ents[i]->d_name[0] != '.')
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? " " : "",
                                    ents[i]->d_name);
        free(ents[i]);
    }
    free(ents);
}

static void assert_key_str(const json_t *o, const char *key, const char *want)
{
    const json_t *v = json_object_get(o, key);

    print_message("%s\n", key);
    assert_true(json_is_string(v));
    assert_string_equal(json_string_value(v), want);
}

static void assert_key_int(const json_t *o, const char *key, long long want)
{
    const json_t *v = json_object_get(o, key);

    print_message("%s\n", key);
    assert_true(json_is_integer(v));
    assert_int_equal(json_integer_value(v), want);
}

static void assert_key_null(const json_t *o, const char *key)
{
    print_message("%s\n", key);
    assert_true(json_is_null(json_object_get(o, key)));
}

static void test_json_fields(void **state)
{
    struct fixture *f = *state;
    static const char *const keys[] = {"version", "pid", "started", "now", "config", "display",
                                       "frames", "rss_bytes", "updated", "sources"};
    static const char *const skeys[] = {"name", "kind", "has_content", "items", "last_success",
                                        "last_failure", "error", "failures", "age_s"};
    char err[256] = "";
    json_error_t jerr;
    json_t *root, *src, *s;
    const char *key;
    json_t *value;
    size_t i = 0;

    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    root = json_load_file(f->json, JSON_REJECT_DUPLICATES, &jerr);
    assert_non_null(root);
    assert_true(json_is_object(root));
    /* Stable keys, in this order. */
    assert_int_equal(json_object_size(root), 10);
    json_object_foreach(root, key, value) {
        assert_string_equal(key, keys[i]);
        i++;
    }
    assert_key_str(root, "version", "0.1.0");
    assert_key_int(root, "pid", 4242);
    assert_key_str(root, "started", "2025-12-01T11:05:00+01:00");
    assert_key_str(root, "now", "2025-12-01T14:05:00+01:00");
    assert_key_str(root, "config", "/etc/hallscreen/hallscreen.ini");
    assert_key_str(root, "display", "software (x11)");
    assert_key_int(root, "frames", 98765);
    assert_key_int(root, "rss_bytes", 52428800);
    assert_key_str(root, "updated", "2025-07-14T12:00:00+02:00");
    src = json_object_get(root, "sources");
    assert_true(json_is_array(src));
    assert_int_equal(json_array_size(src), 3);
    for (size_t k = 0; k < 3; k++) {
        i = 0;
        json_object_foreach(json_array_get(src, k), key, value) {
            assert_string_equal(key, skeys[i]);
            i++;
        }
        assert_int_equal(i, 9);
    }

    s = json_array_get(src, 0);
    assert_key_str(s, "name", "caf");
    assert_key_str(s, "kind", "semainier");
    assert_true(json_is_true(json_object_get(s, "has_content")));
    assert_key_int(s, "items", 12);
    assert_key_str(s, "last_success", "2025-12-01T13:53:00+01:00");
    assert_key_null(s, "last_failure");
    assert_key_null(s, "error");
    assert_key_int(s, "failures", 0);
    assert_key_int(s, "age_s", 720);

    s = json_array_get(src, 1);
    assert_key_str(s, "name", "mairie");
    assert_key_str(s, "kind", "agenda");
    assert_true(json_is_true(json_object_get(s, "has_content")));
    assert_key_int(s, "items", 4);
    assert_key_str(s, "last_success", "2025-12-01T11:00:00+01:00");
    assert_key_str(s, "last_failure", "2025-12-01T14:03:00+01:00");
    assert_key_str(s, "error", "HTTP 404");
    assert_key_int(s, "failures", 5);
    assert_key_int(s, "age_s", 3 * 3600 + 300);

    s = json_array_get(src, 2);
    assert_key_str(s, "name", "news");
    assert_true(json_is_false(json_object_get(s, "has_content")));
    assert_key_int(s, "items", 0);
    assert_key_null(s, "last_success");
    assert_key_str(s, "last_failure", "2025-12-01T14:04:00+01:00");
    assert_key_str(s, "error", "timed out after 30 s");
    assert_key_int(s, "failures", 1);
    assert_key_null(s, "age_s");
    json_decref(root);
}

/* Unknown values are null, never 0 or "" or a 1970 date; bytes that are not
 * UTF-8 do not make the file invalid JSON; a clock that went back gives an
 * age of 0, not a negative one. */
static void test_json_unknowns(void **state)
{
    struct fixture *f = *state;
    struct status *st = &f->st;
    char err[256] = "";
    json_error_t jerr;
    json_t *root, *s;

    st->config[0] = '\0';
    st->display = NULL;
    st->rss_bytes = -1;
    st->updated = 0;
    st->started = 0;
    st->sources[0].last_success = NOW + 30;
    snprintf(st->sources[1].error, sizeof(st->sources[1].error), "bad \xff\xfe byte");
    assert_int_equal(status_write_json(st, f->json, err, sizeof(err)), 0);
    root = json_load_file(f->json, 0, &jerr);
    assert_non_null(root);
    assert_key_null(root, "config");
    assert_key_null(root, "display");
    assert_key_null(root, "rss_bytes");
    assert_key_null(root, "updated");
    assert_key_null(root, "started");
    s = json_object_get(root, "sources");
    assert_key_int(json_array_get(s, 0), "age_s", 0);
    assert_key_str(json_array_get(s, 1), "error", "bad \xef\xbf\xbd\xef\xbf\xbd byte");
    json_decref(root);
}

static const char metrics_expected[] =
    "# HELP hallscreen_up 1 while the player runs and writes this file.\n"
    "# TYPE hallscreen_up gauge\n"
    "hallscreen_up 1\n"
    "# HELP hallscreen_info The player's version, in a label; always 1.\n"
    "# TYPE hallscreen_info gauge\n"
    "hallscreen_info{version=\"0.1.0\"} 1\n"
    "# HELP hallscreen_start_time_seconds When the player started, in seconds since the Unix "
    "epoch.\n"
    "# TYPE hallscreen_start_time_seconds gauge\n"
    "hallscreen_start_time_seconds 1764583500\n"
    "# HELP hallscreen_frames_total Frames drawn since the player started.\n"
    "# TYPE hallscreen_frames_total counter\n"
    "hallscreen_frames_total 98765\n"
    "# HELP hallscreen_resident_memory_bytes Resident memory of the player, in bytes.\n"
    "# TYPE hallscreen_resident_memory_bytes gauge\n"
    "hallscreen_resident_memory_bytes 52428800\n"
    "# HELP hallscreen_source_last_success_timestamp_seconds When the source's content was "
    "last received or confirmed, in seconds since the Unix epoch; 0 when never.\n"
    "# TYPE hallscreen_source_last_success_timestamp_seconds gauge\n"
    "hallscreen_source_last_success_timestamp_seconds{source=\"caf\"} 1764593580\n"
    "hallscreen_source_last_success_timestamp_seconds{source=\"mairie\"} 1764583200\n"
    "hallscreen_source_last_success_timestamp_seconds{source=\"news\"} 0\n"
    "hallscreen_source_last_success_timestamp_seconds{source=\"a\\\"b\\\\c\\nd\"} 0\n"
    "# HELP hallscreen_source_failures Failures of the source in a row; 0 once it succeeds "
    "again.\n"
    "# TYPE hallscreen_source_failures gauge\n"
    "hallscreen_source_failures{source=\"caf\"} 0\n"
    "hallscreen_source_failures{source=\"mairie\"} 5\n"
    "hallscreen_source_failures{source=\"news\"} 1\n"
    "hallscreen_source_failures{source=\"a\\\"b\\\\c\\nd\"} 0\n"
    "# HELP hallscreen_source_items Items of the source's current content.\n"
    "# TYPE hallscreen_source_items gauge\n"
    "hallscreen_source_items{source=\"caf\"} 12\n"
    "hallscreen_source_items{source=\"mairie\"} 4\n"
    "hallscreen_source_items{source=\"news\"} 0\n"
    "hallscreen_source_items{source=\"a\\\"b\\\\c\\nd\"} 0\n"
    "# HELP hallscreen_source_up 1 when the source has not failed since its last success, "
    "else 0.\n"
    "# TYPE hallscreen_source_up gauge\n"
    "hallscreen_source_up{source=\"caf\"} 1\n"
    "hallscreen_source_up{source=\"mairie\"} 0\n"
    "hallscreen_source_up{source=\"news\"} 0\n"
    "hallscreen_source_up{source=\"a\\\"b\\\\c\\nd\"} 1\n"
    "# HELP hallscreen_source_content_age_seconds Seconds since the source's shown content "
    "was last received or confirmed.\n"
    "# TYPE hallscreen_source_content_age_seconds gauge\n"
    "hallscreen_source_content_age_seconds{source=\"caf\"} 720\n"
    "hallscreen_source_content_age_seconds{source=\"mairie\"} 11100\n";

/* Compares got with want line by line, so that a failure names the line. */
static void assert_lines(const char *got, const char *want)
{
    char g[512], w[512];
    size_t line = 1;

    while (*got != '\0' || *want != '\0') {
        size_t gn = strcspn(got, "\n"), wn = strcspn(want, "\n");

        assert_true(gn < sizeof(g) && wn < sizeof(w));
        memcpy(g, got, gn);
        g[gn] = '\0';
        memcpy(w, want, wn);
        w[wn] = '\0';
        print_message("line %zu\n", line++);
        assert_string_equal(g, w);
        assert_int_equal(got[gn], want[wn]);    /* both end, or both go on */
        got += gn + (got[gn] != '\0');
        want += wn + (want[wn] != '\0');
    }
}

static void test_metrics_text(void **state)
{
    struct fixture *f = *state;
    char err[256] = "", *text;

    /* The same instants as the JSON's, as the format wants them. */
    assert_int_equal(utc(2025, 12, 1, 10, 5, 0), 1764583500);
    assert_int_equal(NOW - 720, 1764593580);
    /* A name the config would refuse, to see each escape. */
    add_source(&f->st, "a\"b\\c\nd", "notices", 0, 0, 0, 0, "", 0);
    assert_int_equal(status_write_metrics(&f->st, f->prom, err, sizeof(err)), 0);
    text = read_text(f->prom);
    assert_lines(text, metrics_expected);
    free(text);
    text = read_text(f->prom);
    assert_string_equal(text, metrics_expected);   /* newlines included, one at the end */
    free(text);

    /* Unknown memory: no sample, and no HELP for a family without one. */
    f->st.rss_bytes = -1;
    assert_int_equal(status_write_metrics(&f->st, f->prom, err, sizeof(err)), 0);
    text = read_text(f->prom);
    assert_null(strstr(text, "resident_memory"));
    assert_non_null(strstr(text, "hallscreen_frames_total 98765\n# HELP hallscreen_source_"));
    free(text);
}

static void stat_of(const char *path, struct stat *st)
{
    assert_int_equal(stat(path, st), 0);
}

static void test_no_rewrite_when_unchanged(void **state)
{
    struct fixture *f = *state;
    char err[256] = "";
    struct stat a, b;

    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    assert_int_equal(status_write_metrics(&f->st, f->prom, err, sizeof(err)), 0);
    stat_of(f->json, &a);
    stat_of(f->prom, &b);
    for (int i = 0; i < 3; i++) {
        struct stat a2, b2;

        assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
        assert_int_equal(status_write_metrics(&f->st, f->prom, err, sizeof(err)), 0);
        stat_of(f->json, &a2);
        stat_of(f->prom, &b2);
        /* A rename would bring a new inode: the old file exists while the
         * temporary is made, so the numbers cannot be the same. */
        assert_int_equal(a2.st_ino, a.st_ino);
        assert_int_equal(b2.st_ino, b.st_ino);
        assert_int_equal(a2.st_mtim.tv_nsec, a.st_mtim.tv_nsec);
        assert_int_equal(a2.st_mtime, a.st_mtime);
    }
    /* One changed figure: both are written again. */
    f->st.frames++;
    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    assert_int_equal(status_write_metrics(&f->st, f->prom, err, sizeof(err)), 0);
    {
        struct stat a2, b2;

        stat_of(f->json, &a2);
        stat_of(f->prom, &b2);
        assert_int_not_equal(a2.st_ino, a.st_ino);
        assert_int_not_equal(b2.st_ino, b.st_ino);
        a = a2;
    }
    /* A file changed behind our back is put right, even at the same size. */
    {
        char *text = read_text(f->json);
        struct stat a2;

        text[strlen(text) - 2] = ' ';
        spill(f->json, text);
        assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
        stat_of(f->json, &a2);
        assert_int_not_equal(a2.st_ino, a.st_ino);
        free(text);
        text = read_text(f->json);
        assert_int_equal(text[strlen(text) - 2], '}');
        free(text);
    }
}

static void test_atomic_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    char err[256] = "", names[512], path[160];
    struct stat st;
    mode_t old;

    /* Readable by node_exporter's user whatever the umask. */
    old = umask(077);
    for (int i = 0; i < 5; i++) {
        f->st.frames += (uint64_t)i;
        assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
        assert_int_equal(status_write_metrics(&f->st, f->prom, err, sizeof(err)), 0);
    }
    umask(old);
    listing(f->dir, names, sizeof(names));
    assert_string_equal(names, "hallscreen.prom status.json");
    stat_of(f->json, &st);
    assert_int_equal(st.st_mode & 0777, 0644);
    stat_of(f->prom, &st);
    assert_int_equal(st.st_mode & 0777, 0644);

    /* The rename fails (a directory is in the way): an error, the
     * temporary removed. */
    snprintf(path, sizeof(path), "%s/blocked.prom", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/blocked.prom/x", f->dir);
    spill(path, "keep");
    snprintf(path, sizeof(path), "%s/blocked.prom", f->dir);
    assert_int_equal(status_write_metrics(&f->st, path, err, sizeof(err)), -1);
    print_message("%s\n", err);
    assert_non_null(strstr(err, "cannot replace"));
    listing(f->dir, names, sizeof(names));
    assert_string_equal(names, "blocked.prom hallscreen.prom status.json");

    /* No directory at all: an error naming the temporary. */
    err[0] = '\0';
    snprintf(path, sizeof(path), "%s/missing/status.json", f->dir);
    assert_int_equal(status_write_json(&f->st, path, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "missing/status.json."));
}

static void test_prepare_dir(void **state)
{
    struct fixture *f = *state;
    char err[256] = "", path[160], names[512], link[256];

    snprintf(path, sizeof(path), "%s/a/b/hallscreen", f->dir);
    assert_int_equal(status_prepare_dir(path, err, sizeof(err)), 0);
    assert_int_equal(access(path, W_OK), 0);
    /* What a crash left is removed; anything else is not ours. */
    snprintf(link, sizeof(link), "%s/status.json.123", path);
    spill(link, "x");
    snprintf(link, sizeof(link), "%s/hallscreen.prom.9", path);
    spill(link, "x");
    snprintf(link, sizeof(link), "%s/hallscreen.prom", path);
    spill(link, "x");
    snprintf(link, sizeof(link), "%s/status.json.x1", path);
    spill(link, "x");
    snprintf(link, sizeof(link), "%s/other.prom.5", path);
    spill(link, "x");
    assert_int_equal(status_prepare_dir(path, err, sizeof(err)), 0);
    listing(path, names, sizeof(names));
    assert_string_equal(names, "hallscreen.prom other.prom.5 status.json.x1");

    /* A symbolic link (someone was first in /tmp) and a file are refused. */
    snprintf(link, sizeof(link), "%s/link", f->dir);
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(status_prepare_dir(link, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "not a directory"));
    snprintf(link, sizeof(link), "%s/file", f->dir);
    spill(link, "x");
    assert_int_equal(status_prepare_dir(link, err, sizeof(err)), -1);
    assert_int_equal(status_prepare_dir("relative/dir", err, sizeof(err)), -1);
    assert_int_equal(status_prepare_dir("", err, sizeof(err)), -1);
    /* Someone else's directory: root hands one over, a user sees "/". */
    if (geteuid() == 0) {
        snprintf(link, sizeof(link), "%s/theirs", f->dir);
        assert_int_equal(mkdir(link, 0755), 0);
        assert_int_equal(chown(link, 65534, 65534), 0);
        assert_int_equal(status_prepare_dir(link, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "belongs to user 65534"));
    } else {
        assert_int_equal(status_prepare_dir("/", err, sizeof(err)), -1);
        assert_non_null(strstr(err, "belongs to user 0"));
    }
}

static void test_dir_choice(void **state)
{
    char xdg_file[64];
    struct fixture *f = *state;
    char buf[256], want[256], small[8], xdg[128], err[256];

    (void)f;
    setenv("RUNTIME_DIRECTORY", "/run/hs-one:/run/hs-two", 1);
    setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    assert_int_equal(status_dir(buf, sizeof(buf)), 0);
    assert_string_equal(buf, "/run/hs-one");
    assert_int_equal(status_path(STATUS_METRICS_NAME, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "/run/hs-one/hallscreen.prom");
    assert_int_equal(status_dir(small, sizeof(small)), -1);
    assert_string_equal(small, "");
    setenv("RUNTIME_DIRECTORY", "relative", 1);
    assert_int_equal(status_dir(buf, sizeof(buf)), 0);
    assert_string_equal(buf, "/run/user/1000/hallscreen");
    unsetenv("RUNTIME_DIRECTORY");
    setenv("XDG_RUNTIME_DIR", "", 1);
    assert_int_equal(status_dir(buf, sizeof(buf)), 0);
    if (access("/run/hallscreen", W_OK | X_OK) == 0 ||
        (errno == ENOENT && access("/run", W_OK | X_OK) == 0))
        snprintf(want, sizeof(want), "/run/hallscreen");
    else
        snprintf(want, sizeof(want), "/tmp/hallscreen-%lu", (unsigned long)geteuid());
    assert_string_equal(buf, want);

    /* 'hallscreen status' as another user finds the service's file. */
    snprintf(xdg, sizeof(xdg), "%s/xdg", f->dir);
    setenv("RUNTIME_DIRECTORY", f->dir, 1);
    setenv("XDG_RUNTIME_DIR", xdg, 1);
    assert_int_equal(status_find(buf, sizeof(buf)), 0);
    snprintf(want, sizeof(want), "%s/status.json", f->dir);
    /* None exists: where the player would write; unless a player of this
     * machine has written in the system-wide places the search goes on to. */
    snprintf(xdg_file, sizeof(xdg_file), "/tmp/hallscreen-%lu/status.json",
             (unsigned long)geteuid());
    if (access("/run/hallscreen/status.json", F_OK) != 0 && access(xdg_file, F_OK) != 0)
        assert_string_equal(buf, want);
    snprintf(want, sizeof(want), "%s/hallscreen", xdg);
    assert_int_equal(status_prepare_dir(want, err, sizeof(err)), 0);
    snprintf(want, sizeof(want), "%s/hallscreen/status.json", xdg);
    spill(want, "{}");
    assert_int_equal(status_find(buf, sizeof(buf)), 0);
    assert_string_equal(buf, want);
    unsetenv("RUNTIME_DIRECTORY");
    unsetenv("XDG_RUNTIME_DIR");
}

static void test_rss(void **state)
{
    char line[256];
    long rss = status_rss_bytes(), vmrss_kb = -1;
    FILE *fp = fopen("/proc/self/status", "r");

    (void)state;
    assert_non_null(fp);
    while (fgets(line, sizeof(line), fp) != NULL)
        if (strncmp(line, "VmRSS:", 6) == 0)
            vmrss_kb = strtol(line + 6, NULL, 10);
    fclose(fp);
    print_message("statm %ld bytes, VmRSS %ld kB\n", rss, vmrss_kb);
    assert_true(rss > 0);
    assert_int_equal(rss % sysconf(_SC_PAGESIZE), 0);
    /* The same figure as the kernel's other file, give or take what moved
     * between the two reads. */
    assert_true(vmrss_kb > 0);
    assert_true(labs(rss / 1024 - vmrss_kb) < 4096);
}

/* status_print's output and return for the file at path, at now. */
static int print_at(const char *path, time_t now, char **out, char **err)
{
    size_t n1, n2;
    FILE *o = open_memstream(out, &n1), *e = open_memstream(err, &n2);
    int r;

    assert_non_null(o);
    assert_non_null(e);
    r = status_print(path, now, o, e);
    fclose(o);
    fclose(e);
    return r;
}

static void test_print_all_ok(void **state)
{
    struct fixture *f = *state;
    char err[256] = "", *out, *errs;

    f->st.nsources = 1;
    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    assert_int_equal(print_at(f->json, NOW + 5, &out, &errs), 0);
    assert_string_equal(out,
                        "hallscreen 0.1.0, pid 4242, started 2025-12-01 11:05 (3 h ago)\n"
                        "config:  /etc/hallscreen/hallscreen.ini\n"
                        "display: software (x11)\n"
                        "frames:  98765 drawn\n"
                        "memory:  50.0 MiB resident\n"
                        "content: newest update 2025-07-14 12:00 (140 days ago)\n"
                        "written: 2025-12-01 14:05 (5 s ago)\n"
                        "\n"
                        "1 source:\n"
                        "  caf   OK       12 items, last success 12 min ago\n");
    assert_string_equal(errs, "");
    free(out);
    free(errs);

    /* No sources at all is working too. */
    f->st.nsources = 0;
    f->st.config[0] = '\0';
    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    assert_int_equal(print_at(f->json, NOW, &out, &errs), 0);
    assert_non_null(strstr(out, "config:  none (built-in defaults)\n"));
    assert_non_null(strstr(out, "\n0 sources: the screen shows only its built-in content\n"));
    free(out);
    free(errs);
}

static void test_print_failing(void **state)
{
    struct fixture *f = *state;
    char err[256] = "", *out, *errs;

    /* A terminal escape in an error is not sent to the terminal. */
    snprintf(f->st.sources[1].error, sizeof(f->st.sources[1].error), "HTTP 404\x1b[2J");
    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    assert_int_equal(print_at(f->json, NOW + 60, &out, &errs), 1);
    print_message("%s", out);
    assert_non_null(strstr(out,
                           "\n3 sources:\n"
                           "  caf     OK       12 items, last success 13 min ago\n"
                           "  mairie  FAILING  4 items, last success 3 h 6 min ago; "
                           "5 failures in a row, last 3 min ago: HTTP 404?[2J\n"
                           "  news    FAILING  nothing shown, last success never; "
                           "1 failure in a row, last 2 min ago: timed out after 30 s\n"
                           "2 of 3 failing: the screen keeps their last good content\n"));
    assert_null(strchr(out, '\x1b'));
    assert_string_equal(errs, "");
    free(out);
    free(errs);
}

static void test_print_stale(void **state)
{
    struct fixture *f = *state;
    char err[256] = "", *out, *errs;

    f->st.nsources = 1;
    assert_int_equal(status_write_json(&f->st, f->json, err, sizeof(err)), 0);
    assert_int_equal(print_at(f->json, NOW + STATUS_STALE_S, &out, &errs), 0);
    assert_null(strstr(out, "WARNING"));
    free(out);
    free(errs);
    assert_int_equal(print_at(f->json, NOW + 25 * 60, &out, &errs), 1);
    assert_non_null(strstr(out, "WARNING: this status was written 25 min ago: the player is "
                                "stopped or stuck (journalctl -u hallscreen)\n"));
    free(out);
    free(errs);
}

static void test_print_missing_and_garbage(void **state)
{
    struct fixture *f = *state;
    static const char *const garbage[] = {
        "", "\x89PNG\r\n\x1a\n", "{\"version\": \"0.1.0\", \"sources\": [", "[1, 2]", "null",
        "{\"version\": \"0.1.0\"}", "{\"sources\": {}}",
    };
    char *out, *errs, want[256];

    assert_int_equal(print_at(f->json, NOW, &out, &errs), 2);
    assert_string_equal(out, "");
    snprintf(want, sizeof(want), "hallscreen: cannot read %s: No such file or directory\n"
             "is the player running? the status file is written by 'hallscreen run'\n",
             f->json);
    assert_string_equal(errs, want);
    free(out);
    free(errs);
    /* A directory is not a status file either. */
    assert_int_equal(print_at(f->dir, NOW, &out, &errs), 2);
    free(out);
    free(errs);

    for (size_t i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++) {
        print_message("garbage %zu\n", i);
        spill(f->json, garbage[i]);
        assert_int_equal(print_at(f->json, NOW, &out, &errs), 2);
        assert_string_equal(out, "");
        assert_non_null(strstr(errs, "is not a hallscreen status file"));
        free(out);
        free(errs);
    }
}

/* A status file with the right shape but wrong types everywhere: shown as
 * unknown, a broken entry counts as failing, nothing crashes. */
static void test_print_wrong_types(void **state)
{
    struct fixture *f = *state;
    char *out, *errs;

    spill(f->json, "{\"version\": 7, \"pid\": \"x\", \"started\": \"yesterday\", \"now\": 12,"
                   " \"config\": [], \"frames\": -1.5, \"rss_bytes\": \"big\","
                   " \"sources\": [{\"name\": 5, \"failures\": \"many\", \"items\": {},"
                   " \"last_success\": \"2025-13-45T99:00:00Z\"}, 7, {}]}");
    assert_int_equal(print_at(f->json, NOW, &out, &errs), 1);
    print_message("%s", out);
    assert_string_equal(out,
                        "hallscreen (unknown version), started unknown\n"
                        "config:  unknown\n"
                        "display: unknown\n"
                        "frames:  unknown\n"
                        "memory:  unknown\n"
                        "content: newest update unknown\n"
                        "written: unknown\n"
                        "\n"
                        "3 sources:\n"
                        "  ?     OK       ? items, last success unknown\n"
                        "  ?     FAILING  (unreadable entry)\n"
                        "  ?     OK       ? items, last success unknown\n"
                        "1 of 3 failing: the screen keeps their last good content\n");
    free(out);
    free(errs);
}

/* The snapshot taken from real sources: names and kinds from the config,
 * failures as the worker counts them, and never a URL (tokens). */
static void test_collect_from_sources(void **state)
{
    struct fixture *f = *state;
    char ini[1024], feed[256], moved[300], err[256], *text;
    struct cfg *cfg = NULL;
    struct sources *s;
    struct status st;

    /* The tests run from the repository's root. */
    snprintf(feed, sizeof(feed), "%s/rss-wordpress.xml", f->dir);
    text = read_text("tests/data/feeds/rss-wordpress.xml");
    spill(feed, text);
    free(text);
    snprintf(ini, sizeof(ini),
             "[screen]\nname = Test\n"
             "[source good]\nurl = file://%s/rss-wordpress.xml\n"
             "kind = notices\n"
             "[source gone]\nurl = file://%s/SECRET-TOKEN/feed.xml\nkind = ticker\n",
             f->dir, f->dir);
    assert_int_equal(cfg_parse(ini, strlen(ini), "/etc/hallscreen/site.ini", &cfg, err,
                               sizeof(err)), 0);
    assert_int_equal(fetch_global_init(), 0);
    xml_global_init();
    s = sources_new(cfg, f->dir);
    assert_non_null(s);
    sources_fetch_all(s, time(NULL));

    status_init(&st, 1000);
    assert_true(st.pid > 0);
    assert_int_equal(st.started, 1000);
    assert_int_equal(st.rss_bytes, -1);
    assert_non_null(st.version);
    status_collect(&st, cfg, s);
    assert_string_equal(st.config, "/etc/hallscreen/site.ini");
    assert_int_equal(st.nsources, 2);
    assert_string_equal(st.sources[0].name, "good");
    assert_string_equal(st.sources[0].kind, "notices");
    assert_true(st.sources[0].has_content);
    assert_true(st.sources[0].nitems > 0);
    assert_true(st.sources[0].last_success > 0);
    assert_int_equal(st.sources[0].failures, 0);
    assert_string_equal(st.sources[1].name, "gone");
    assert_string_equal(st.sources[1].kind, "ticker");
    assert_false(st.sources[1].has_content);
    assert_int_equal(st.sources[1].failures, 1);
    assert_true(st.sources[1].last_failure > 0);
    assert_true(st.sources[1].error[0] != '\0');
    print_message("error: %s\n", st.sources[1].error);

    st.now = time(NULL);
    assert_int_equal(status_write_json(&st, f->json, err, sizeof(err)), 0);
    assert_int_equal(status_write_metrics(&st, f->prom, err, sizeof(err)), 0);
    text = read_text(f->json);
    assert_null(strstr(text, "SECRET-TOKEN"));
    assert_null(strstr(text, "rss-wordpress"));
    free(text);
    text = read_text(f->prom);
    assert_null(strstr(text, "SECRET-TOKEN"));
    assert_non_null(strstr(text, "hallscreen_source_up{source=\"gone\"} 0\n"));
    assert_non_null(strstr(text, "hallscreen_source_up{source=\"good\"} 1\n"));
    free(text);

    /* It fails, then comes back unchanged (a 304 for a file): working, and
     * no failure since its last success. */
    snprintf(moved, sizeof(moved), "%s.away", feed);
    assert_int_equal(rename(feed, moved), 0);
    sources_fetch_all(s, time(NULL));
    status_collect(&st, cfg, s);
    assert_int_equal(st.sources[0].failures, 1);
    assert_true(st.sources[0].last_failure > 0);
    assert_int_equal(rename(moved, feed), 0);
    sources_fetch_all(s, time(NULL));
    status_collect(&st, cfg, s);
    assert_int_equal(st.sources[0].failures, 0);
    assert_int_equal(st.sources[0].last_failure, 0);
    assert_int_equal(status_write_metrics(&st, f->prom, err, sizeof(err)), 0);
    text = read_text(f->prom);
    assert_non_null(strstr(text, "hallscreen_source_up{source=\"good\"} 1\n"));
    free(text);

    /* No sources (the demo): only the config path. */
    status_collect(&st, cfg, NULL);
    assert_int_equal(st.nsources, 0);
    sources_free(s);
    cfg_free(cfg);
    fetch_global_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_json_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_unknowns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metrics_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_rewrite_when_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prepare_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dir_choice, setup, teardown),
        cmocka_unit_test(test_rss),
        cmocka_unit_test_setup_teardown(test_print_all_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_failing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_missing_and_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_wrong_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collect_from_sources, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
