/* Tests of feeds/cache.c: round trips, damaged files refused, no rewrite of
 * an unchanged entry, names refused, temporaries cleaned, failures that
 * leave the old entry, and a child SIGKILLed in the middle of stores. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../content/limits.h"
#include "../feeds/cache.h"

static char dir[64];

/* ---- helpers ---- */

static const char *path_in(const char *name)
{
    static char buf[4][256];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
    return buf[i];
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Returns the whole file (caller frees) and its size in *len. */
static char *read_all(const char *path, size_t *len)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fstat(fileno(f), &st), 0);
    char *buf = malloc((size_t)st.st_size + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)st.st_size, f);
    assert_int_equal(*len, (size_t)st.st_size);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void store_ok(const char *name, const struct cache_entry *e)
{
    char err[256] = "x";
    if (cache_store(dir, name, e, err, sizeof err) != 0)
        fail_msg("cache_store '%s' failed: %s", name, err);
    assert_string_equal(err, "");
}

static void store_fails(const char *name, const struct cache_entry *e, const char *want)
{
    char err[256] = "";
    if (cache_store(dir, name, e, err, sizeof err) != -1)
        fail_msg("cache_store '%s' should have failed", name ? name : "(null)");
    if (!strstr(err, want))
        fail_msg("error '%s' does not say '%s'", err, want);
    assert_null(strchr(err, '\n'));
}

static void expect_same(const struct cache_entry *got, const struct cache_entry *want)
{
    assert_string_equal(got->url, want->url);
    if (want->etag)
        assert_string_equal(got->etag, want->etag);
    else
        assert_null(got->etag);
    if (want->last_modified)
        assert_string_equal(got->last_modified, want->last_modified);
    else
        assert_null(got->last_modified);
    assert_int_equal(got->stored, want->stored);
    assert_int_equal(got->len, want->len);
    assert_non_null(got->body);
    assert_memory_equal(got->body, want->body, want->len);
    assert_int_equal(got->body[got->len], '\0');
}

static void expect_absent(const char *name)
{
    struct cache_entry e;
    memset(&e, 0x5a, sizeof e);
    assert_int_equal(cache_load(dir, name, &e), -1);
    assert_null(e.url);
    assert_null(e.body);
    assert_null(e.etag);
    assert_null(e.last_modified);
    assert_int_equal(e.len, 0);
}

/* Removes path and, for a directory, everything under it. Returns 0 or -1. */
static int remove_tree(const char *path)
{
    struct stat st;
    char child[512];
    int rc = 0;
    if (lstat(path, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *ent;
        if (!d)
            return -1;
        while ((ent = readdir(d)) != NULL) {
            if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
                continue;
            snprintf(child, sizeof child, "%s/%s", path, ent->d_name);
            if (remove_tree(child) != 0)
                rc = -1;
        }
        closedir(d);
        return rmdir(path) == 0 ? rc : -1;
    }
    return unlink(path) == 0 ? rc : -1;
}

static int setup(void **state)
{
    (void)state;
    umask(022);
    snprintf(dir, sizeof dir, "/tmp/hs-cache-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return remove_tree(dir);
}

/* ---- tests ---- */

static void test_round_trip(void **state)
{
    static const char body[] = "line 1\nend 0123456789abcdef\n\0binary\xff\n\nlength 3\n";
    struct cache_entry e = {"https://example.org/agenda.ics?x=1&y=2", "W/\"abc\"",
                            "Tue, 02 Jan 2024 08:00:00 GMT", 1700000000, (char *)body,
                            sizeof body - 1};
    struct cache_entry got;
    (void)state;
    store_ok("agenda", &e);
    assert_int_equal(cache_load(dir, "agenda", &got), 0);
    expect_same(&got, &e);
    cache_entry_free(&got);
    assert_null(got.body);

    /* No validators, empty body, a name with every allowed character. */
    struct cache_entry empty = {"file:///srv/feed.xml", NULL, NULL, 0, "", 0};
    store_ok("Centre_social-2.0", &empty);
    assert_int_equal(cache_load(dir, "Centre_social-2.0", &got), 0);
    expect_same(&got, &empty);
    cache_entry_free(&got);
    assert_true(exists(path_in("Centre_social-2.0.cache")));

    /* A new body replaces the old one. */
    e.body = "second";
    e.len = 6;
    e.stored = 1700000600;
    store_ok("agenda", &e);
    assert_int_equal(cache_load(dir, "agenda", &got), 0);
    expect_same(&got, &e);
    cache_entry_free(&got);

    cache_entry_free(NULL);
    memset(&got, 0, sizeof got);
    cache_entry_free(&got);
}

static void test_absent(void **state)
{
    (void)state;
    expect_absent("never-stored");
    assert_int_equal(cache_load(dir, "x", NULL), -1);
}

static void test_torn_files_refused(void **state)
{
    char body[3000];
    struct cache_entry e = {"https://example.org/feed", "\"v7\"", NULL, 1700000000, body,
                            sizeof body};
    struct cache_entry got;
    size_t len;
    (void)state;
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = (char)('a' + i % 26);
    store_ok("torn", &e);
    const char *path = path_in("torn.cache");
    char *whole = read_all(path, &len);
    const char *blank = strstr(whole, "\n\n");
    assert_non_null(blank);
    size_t head = (size_t)(blank - whole) + 2;
    assert_memory_equal(whole + head, body, sizeof body);

    /* Cut anywhere: header, blank line, body, trailer. */
    size_t cuts[] = {0, 1, 5, head - 2, head - 1, head, head + 1, head + 1500,
                     len - 21, len - 20, len - 2, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_file(path, whole, cuts[i]);
        if (cache_load(dir, "torn", &got) != -1)
            fail_msg("a file cut at %zu of %zu bytes was accepted", cuts[i], len);
        assert_true(exists(path));    /* damaged files stay, for a look */
    }

    /* Garbage after the end. */
    char *longer = malloc(len + 4);
    assert_non_null(longer);
    memcpy(longer, whole, len);
    memcpy(longer + len, "junk", 4);
    write_file(path, longer, len + 4);
    assert_int_equal(cache_load(dir, "torn", &got), -1);
    free(longer);

    /* One byte changed: in the body, the validator, the stored time, the
     * checksum, the magic. */
    size_t flips[] = {head + 10, head + sizeof body - 1, (size_t)(strstr(whole, "v7") - whole),
                      (size_t)(strstr(whole, "stored 17") - whole) + 8, len - 3, 3};
    for (size_t i = 0; i < sizeof flips / sizeof flips[0]; i++) {
        whole[flips[i]] ^= 0x01;
        write_file(path, whole, len);
        if (cache_load(dir, "torn", &got) != -1)
            fail_msg("a file with byte %zu changed was accepted", flips[i]);
        whole[flips[i]] ^= 0x01;
    }

    /* Whole again: accepted, so each refusal above was the damage's doing. */
    write_file(path, whole, len);
    assert_int_equal(cache_load(dir, "torn", &got), 0);
    expect_same(&got, &e);
    cache_entry_free(&got);
    free(whole);

    /* A file over the cap is not even read. */
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(ftruncate(fileno(f), HS_MAX_FEED_BYTES + 64 * 1024 + 1), 0);
    fclose(f);
    assert_int_equal(cache_load(dir, "torn", &got), -1);
}

static void test_same_entry_not_rewritten(void **state)
{
    struct cache_entry e = {"https://example.org/same", "\"s1\"", "Mon, 01 Jan 2024 10:00:00 GMT",
                            1700000000, "same body", 9};
    struct cache_entry got;
    struct stat a, b;
    const char *path = path_in("same.cache");
    (void)state;
    store_ok("same", &e);
    assert_int_equal(stat(path, &a), 0);
    /* Even with a later fetch time (whose digits change the size). */
    e.stored = 17000000000;
    store_ok("same", &e);
    assert_int_equal(stat(path, &b), 0);
    assert_int_equal(a.st_ino, b.st_ino);
    assert_int_equal(a.st_mtim.tv_sec, b.st_mtim.tv_sec);
    assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
    assert_int_equal(cache_load(dir, "same", &got), 0);
    assert_int_equal(got.stored, 1700000000);    /* the first time stays */
    cache_entry_free(&got);

    /* Each difference is written: validators, url, body of the same length. */
    struct cache_entry changes[] = {
        {"https://example.org/same", "\"s2\"", e.last_modified, 1, "same body", 9},
        {"https://example.org/same", "\"s2\"", NULL, 1, "same body", 9},
        {"https://example.org/moved", "\"s2\"", NULL, 1, "same body", 9},
        {"https://example.org/moved", "\"s2\"", NULL, 1, "same bodY", 9},
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        store_ok("same", &changes[i]);
        assert_int_equal(stat(path, &b), 0);
        if (a.st_ino == b.st_ino)
            fail_msg("change %zu was not written", i);
        a = b;
        assert_int_equal(cache_load(dir, "same", &got), 0);
        expect_same(&got, &changes[i]);
        cache_entry_free(&got);
    }

    /* A damaged entry with the same content is rewritten, not trusted. */
    size_t len;
    char *whole = read_all(path, &len);
    whole[len - 2] = whole[len - 2] == '0' ? '1' : '0';
    write_file(path, whole, len);
    free(whole);
    assert_int_equal(stat(path, &a), 0);
    store_ok("same", &changes[3]);
    assert_int_equal(stat(path, &b), 0);
    assert_true(a.st_ino != b.st_ino);
    assert_int_equal(cache_load(dir, "same", &got), 0);
    cache_entry_free(&got);
}

static void test_names_refused(void **state)
{
    static const char *const bad[] = {
        "a/b", "..", ".", ".hidden", "", "../escape", "a b", "a\nb", "caf\xc3\xa9", "/abs",
        "0123456789012345678901234567890123456789012345678901234567890123", /* 64 bytes */
    };
    struct cache_entry e = {"https://example.org/", NULL, NULL, 1, "b", 1};
    struct cache_entry got;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        store_fails(bad[i], &e, "source name refused");
        assert_int_equal(cache_load(dir, bad[i], &got), -1);
    }
    store_fails(NULL, &e, "source name refused");
    assert_int_equal(cache_load(dir, NULL, &got), -1);
    assert_false(exists(path_in("../escape.cache")));
    /* 63 bytes is the longest name. */
    store_ok("012345678901234567890123456789012345678901234567890123456789012", &e);
}

static void test_bad_values(void **state)
{
    char one = 'x';
    struct cache_entry e = {"https://example.org/\nstored 1", NULL, NULL, 1, "b", 1};
    struct cache_entry got;
    (void)state;
    store_fails("values", &e, "URL");
    e.url = NULL;
    store_fails("values", &e, "URL");
    e.url = "";
    store_fails("values", &e, "URL");
    e.url = "https://example.org/";
    e.body = &one;
    e.len = (size_t)HS_MAX_FEED_BYTES + 1;    /* not read: refused on its length */
    store_fails("values", &e, "body over");
    e.body = NULL;
    e.len = 1;
    store_fails("values", &e, "missing");
    assert_false(exists(path_in("values.cache")));
    assert_int_equal(cache_store(dir, "values", NULL, NULL, 0), -1);

    /* A validator that would break the header is dropped, the body kept. */
    e.body = "b";
    e.etag = "\"a\"\r\nlength 0";
    e.last_modified = "Mon\t01";
    store_ok("values", &e);
    assert_int_equal(cache_load(dir, "values", &got), 0);
    assert_null(got.etag);
    assert_null(got.last_modified);
    assert_string_equal(got.body, "b");
    cache_entry_free(&got);
}

static void test_failed_store_keeps_old_entry(void **state)
{
    struct cache_entry e = {"https://example.org/keep", "\"k1\"", NULL, 1, "old", 3};
    struct cache_entry got;
    char tmp[128], sub[160];
    (void)state;
    store_ok("keep", &e);
    /* Something in the way of the temporary file. */
    snprintf(tmp, sizeof tmp, "%s/.keep.cache.tmp.%ld", dir, (long)getpid());
    assert_int_equal(mkdir(tmp, 0755), 0);
    struct cache_entry next = {"https://example.org/keep", "\"k2\"", NULL, 2, "new", 3};
    store_fails("keep", &next, "cannot create");
    assert_int_equal(cache_load(dir, "keep", &got), 0);
    expect_same(&got, &e);
    cache_entry_free(&got);
    assert_int_equal(rmdir(tmp), 0);

    /* A rename that fails (a directory in the way): no temporary stays. */
    assert_int_equal(mkdir(path_in("blocked.cache"), 0755), 0);
    snprintf(sub, sizeof sub, "%s/inside", path_in("blocked.cache"));
    assert_int_equal(mkdir(sub, 0755), 0);
    store_fails("blocked", &next, "cannot rename");
    assert_false(exists(tmp));
    assert_int_equal(cache_load(dir, "blocked", &got), -1);

    /* A stale temporary of our own pid (an earlier crash) is replaced. */
    write_file(tmp, "stale", 5);
    store_ok("keep", &next);
    assert_false(exists(tmp));
    assert_int_equal(cache_load(dir, "keep", &got), 0);
    expect_same(&got, &next);
    cache_entry_free(&got);
}

static void test_prepare(void **state)
{
    char err[256], nested[128];
    struct stat st;
    (void)state;
    snprintf(nested, sizeof nested, "%s/a/b/c/", dir);
    assert_int_equal(cache_prepare(nested, err, sizeof err), 0);
    assert_int_equal(stat(nested, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0755);
    assert_int_equal(cache_prepare(nested, err, sizeof err), 0);  /* again: fine */

    /* Temporaries of crashed stores go; everything else stays. */
    static const char *const stale[] = {".src.cache.tmp.123", ".a.b.cache.tmp.9",
                                        ".x-y_z.cache.tmp.4294967295"};
    static const char *const kept[] = {"src.cache", ".keep", ".src.cache.tmp.",
                                       ".src.cache.tmp.12x", "src.cache.tmp.5",
                                       ".cache.tmp.5"};
    char p[256];
    for (size_t i = 0; i < sizeof stale / sizeof stale[0]; i++) {
        snprintf(p, sizeof p, "%s%s", nested, stale[i]);
        write_file(p, "x", 1);
    }
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        snprintf(p, sizeof p, "%s%s", nested, kept[i]);
        write_file(p, "x", 1);
    }
    assert_int_equal(cache_prepare(nested, err, sizeof err), 0);
    for (size_t i = 0; i < sizeof stale / sizeof stale[0]; i++) {
        snprintf(p, sizeof p, "%s%s", nested, stale[i]);
        if (exists(p))
            fail_msg("%s was not removed", stale[i]);
    }
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        snprintf(p, sizeof p, "%s%s", nested, kept[i]);
        if (!exists(p))
            fail_msg("%s was removed", kept[i]);
    }

    /* A file where a directory should be: refused, as root too. */
    snprintf(p, sizeof p, "%sfile", nested);
    write_file(p, "x", 1);
    assert_int_equal(cache_prepare(p, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a directory"));
    snprintf(p, sizeof p, "%sfile/sub", nested);
    assert_int_equal(cache_prepare(p, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot create"));
    assert_int_equal(cache_prepare("", err, sizeof err), -1);
    assert_int_equal(cache_prepare(NULL, NULL, 0), -1);
    if (geteuid() != 0) {
        /* Not writable (root writes anyway, so only checked as a user). */
        snprintf(p, sizeof p, "%sro", nested);
        assert_int_equal(mkdir(p, 0555), 0);
        assert_int_equal(cache_prepare(p, err, sizeof err), -1);
        assert_non_null(strstr(err, "cannot write"));
    }
}

static void test_dir_default(void **state)
{
    char buf[128], small[16];
    (void)state;
    setenv("CACHE_DIRECTORY", "/var/cache/hs-a:/var/cache/hs-b", 1);
    setenv("XDG_CACHE_HOME", "/xdg", 1);
    setenv("HOME", "/home/screen", 1);
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/var/cache/hs-a");
    setenv("CACHE_DIRECTORY", "/var/cache/hs-only", 1);
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/var/cache/hs-only");
    setenv("CACHE_DIRECTORY", "", 1);
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/xdg/hallscreen");
    unsetenv("CACHE_DIRECTORY");
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/xdg/hallscreen");
    setenv("XDG_CACHE_HOME", "relative/cache", 1);    /* ignored, as the XDG spec says */
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/home/screen/.cache/hallscreen");
    unsetenv("XDG_CACHE_HOME");
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/home/screen/.cache/hallscreen");
    assert_int_equal(cache_dir_default(small, sizeof small), -1);
    assert_string_equal(small, "");
    unsetenv("HOME");
    assert_int_equal(cache_dir_default(buf, sizeof buf), 0);
    assert_string_equal(buf, "/var/cache/hallscreen");
    assert_int_equal(cache_dir_default(NULL, 0), -1);
}

/* ---- crash safety ---- */

#define CRASH_BODY (1024 * 1024)
#define CRASH_ROUNDS 20

/* Stores bodies a and b in turn until killed. Never returns. */
static void crash_child(const char *a, const char *b)
{
    char err[256];
    for (long i = 0;; i++) {
        struct cache_entry e = {"https://example.org/crash", i % 2 ? "\"b\"" : "\"a\"", NULL,
                                (time_t)i, (char *)(i % 2 ? b : a), CRASH_BODY};
        if (cache_store(dir, "crash", &e, err, sizeof err) != 0)
            _exit(1);
    }
}

static int count_temporaries(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *ent;
    assert_non_null(d);
    while ((ent = readdir(d)) != NULL)
        if (strncmp(ent->d_name, ".crash.cache.tmp.", 17) == 0)
            n++;
    closedir(d);
    return n;
}

static pid_t start_child(const char *a, const char *b)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        crash_child(a, b);
    return pid;
}

static void kill_child(pid_t pid)
{
    int status;
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFSIGNALED(status))
        fail_msg("the storing child ended by itself (status %d): a store failed", status);
}

/* The entry is one of the two complete ones, its validator matching. */
static void expect_whole(const char *a, const char *b, int round)
{
    struct cache_entry got;
    if (cache_load(dir, "crash", &got) != 0)
        fail_msg("round %d: no complete entry after SIGKILL", round);
    assert_int_equal(got.len, CRASH_BODY);
    if (strcmp(got.etag, "\"a\"") == 0)
        assert_memory_equal(got.body, a, CRASH_BODY);
    else if (strcmp(got.etag, "\"b\"") == 0)
        assert_memory_equal(got.body, b, CRASH_BODY);
    else
        fail_msg("round %d: unexpected etag %s", round, got.etag);
    cache_entry_free(&got);
}

static void test_crash_safety(void **state)
{
    char *a = malloc(CRASH_BODY), *b = malloc(CRASH_BODY), err[256];
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    struct timespec poll = {0, 2 * 1000 * 1000};
    struct cache_entry got;
    (void)state;
    assert_non_null(a);
    assert_non_null(b);
    for (size_t i = 0; i < CRASH_BODY; i++) {
        a[i] = (char)('A' + i % 7);
        b[i] = (char)('a' + i % 11);
    }
    print_message("crash test seed %u\n", seed);

    /* Until a first store completes there is nothing to find. */
    pid_t pid = start_child(a, b);
    int waited = 0;
    while (cache_load(dir, "crash", &got) != 0 && waited++ < 2500)
        nanosleep(&poll, NULL);
    cache_entry_free(&got);
    kill_child(pid);
    assert_int_equal(cache_load(dir, "crash", &got), 0);
    cache_entry_free(&got);

    /* CRASH_ROUNDS kills, and more (up to 3 times as many) while none has
     * landed in the middle of a store yet. */
    int round;
    for (round = 0; round < CRASH_ROUNDS || (round < 3 * CRASH_ROUNDS &&
                                             count_temporaries() == 0); round++) {
        struct timespec delay = {0, (long)(1 + rand_r(&seed) % 30) * 1000 * 1000};
        pid = start_child(a, b);
        nanosleep(&delay, NULL);
        kill_child(pid);
        expect_whole(a, b, round);
    }

    /* Some kills landed in the middle of a store (else the test proved
     * little), and the temporaries they left go at the next start. */
    int left = count_temporaries();
    print_message("%d of %d kills left a temporary\n", left, round);
    assert_true(left > 0);
    assert_int_equal(cache_prepare(dir, err, sizeof err), 0);
    assert_int_equal(count_temporaries(), 0);
    expect_whole(a, b, round);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_absent),
        cmocka_unit_test(test_torn_files_refused),
        cmocka_unit_test(test_same_entry_not_rewritten),
        cmocka_unit_test(test_names_refused),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_failed_store_keeps_old_entry),
        cmocka_unit_test(test_prepare),
        cmocka_unit_test(test_dir_default),
        cmocka_unit_test(test_crash_safety),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
