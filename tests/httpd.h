/* Starts and stops tests/httpd.py, the local HTTP server of the fetch tests.
 * Header-only (static inline), since each tests/test_*.c is built alone.
 * Tests run from the repository root; python3 is a test dependency, so a
 * missing python3 makes httpd_start fail (and the test with it), never skip. */
#ifndef HS_TEST_HTTPD_H
#define HS_TEST_HTTPD_H

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct httpd {
    pid_t pid;               /* 0 when not running */
    int port;
    char base[64];           /* "http://127.0.0.1:PORT", no trailing slash */
    char port_file[96];
};

/* Reads the port from h->port_file into h->port. Returns 0, or -1 while the
 * file is not there yet. */
static inline int httpd_read_port(struct httpd *h)
{
    char buf[16] = "";
    char *end;
    FILE *f = fopen(h->port_file, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    long port = strtol(buf, &end, 10);
    if (end == buf || (*end != '\n' && *end != '\0') || port <= 0 || port > 65535)
        return -1;
    h->port = (int)port;
    return 0;
}

/* Kills the server (SIGKILL) and reaps it. Accepts a never-started h. */
static inline void httpd_stop(struct httpd *h)
{
    if (h->pid > 0) {
        kill(h->pid, SIGKILL);
        while (waitpid(h->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    h->pid = 0;
    if (h->port_file[0])
        unlink(h->port_file);
}

/* Spawns "python3 tests/httpd.py --port-file /tmp/..." and waits up to 5 s
 * for it to listen. Fills h. Returns 0, or -1 (with a line on stderr saying
 * why) when python3 cannot be started or the server does not come up. */
static inline int httpd_start(struct httpd *h)
{
    static int serial;
    char *argv[] = {"python3", "tests/httpd.py", "--port-file", NULL, NULL};
    struct timespec pause = {0, 20 * 1000 * 1000};
    int status;

    memset(h, 0, sizeof *h);
    snprintf(h->port_file, sizeof h->port_file, "/tmp/hallscreen-httpd-%ld-%d.port",
             (long)getpid(), serial++);
    unlink(h->port_file);
    argv[3] = h->port_file;
    int err = posix_spawnp(&h->pid, "python3", NULL, NULL, argv, environ);
    if (err != 0) {
        fprintf(stderr, "httpd_start: cannot run python3 (%s): install python3\n",
                strerror(err));
        h->pid = 0;
        return -1;
    }
    for (int i = 0; i < 250; i++) {
        if (httpd_read_port(h) == 0) {
            snprintf(h->base, sizeof h->base, "http://127.0.0.1:%d", h->port);
            return 0;
        }
        if (waitpid(h->pid, &status, WNOHANG) == h->pid) {
            fprintf(stderr, "httpd_start: tests/httpd.py exited (%s %d); run the tests "
                    "from the repository root\n", WIFEXITED(status) ? "status" : "signal",
                    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
            h->pid = 0;
            return -1;
        }
        nanosleep(&pause, NULL);
    }
    fprintf(stderr, "httpd_start: tests/httpd.py did not listen within 5 s\n");
    httpd_stop(h);
    return -1;
}

/* Writes h->base followed by path ("/ok.xml") into buf. Returns buf. */
static inline char *httpd_url(const struct httpd *h, const char *path, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", h->base, path);
    return buf;
}

#endif
