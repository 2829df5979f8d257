/* hallscreen: a hall screen for social centres. Subcommands in the manner
 * of git; each has --help. */
#include <SDL.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/caltime.h"
#include "../feeds/fetch.h"
#include "../feeds/ical.h"
#include "../feeds/xml.h"
#include "app.h"
#include "check.h"
#include "log.h"
#include "run.h"
#include "screen.h"
#include "signals.h"
#include "status.h"
#include "snapshot.h"
#include "text.h"

#ifndef HS_VERSION
#define HS_VERSION "0.1.0"
#endif

#define EXIT_USAGE 2
#define MIN_SIDE 240
#define MAX_SIDE 7680

static double started_ms;

static const char usage_main[] =
    "usage: hallscreen COMMAND [OPTIONS]\n"
    "\n"
    "A hall screen for social centres: the week's permanences, the workshops,\n"
    "service information and a ticker, from the partners' feeds.\n"
    "\n"
    "commands:\n"
    "  run           show the screen (fullscreen; --window for a desktop window)\n"
    "  snapshot      render one frame to a PNG, with no display at all\n"
    "  check         tell a partner what the screen understands of a feed\n"
    "  check-config  validate the configuration and print it as it is understood\n"
    "  status        how the running player and each of its sources are doing\n"
    "  version       print the version\n"
    "\n"
    "'hallscreen COMMAND --help' tells more about each.\n";

static const char usage_run[] =
    "usage: hallscreen run [-c FILE] [--window] [--size WxH]\n"
    "\n"
    "Shows the screen: fullscreen on KMS/DRM, X11 or Wayland, whatever SDL finds.\n"
    "\n"
    "  -c, --config FILE  configuration file (default: ~/.config/hallscreen/hallscreen.ini,\n"
    "                     then /etc/hallscreen/hallscreen.ini, else the built-in demo)\n"
    "  -w, --window       a desktop window instead of fullscreen; Esc or q quits\n"
    "  -s, --size WxH     window size (default 1280x720)\n"
    "  -h, --help         this help\n"
    "\n"
    "Signals: SIGHUP reads the configuration again (a broken one is refused and\n"
    "the one in use kept); SIGUSR1 writes screenshot.png into the state directory;\n"
    "SIGTERM and SIGINT quit.\n"
    "\n"
    "Exit status: 0 when asked to quit, 1 on failure, 2 on a bad configuration,\n"
    "3 when there is no display at all (use 'hallscreen snapshot' there).\n";

static const char usage_snapshot[] =
    "usage: hallscreen snapshot -o FILE.png [-c FILE] [--at TIME] [--size WxH] [--page NAME]\n"
    "                          [--fetch]\n"
    "\n"
    "Renders one frame exactly as 'run' shows it, with no display server, and\n"
    "writes it as a PNG. The sources are shown as their cache holds them.\n"
    "\n"
    "  -f, --fetch        fetch every source once first (within the usual timeouts)\n"
    "  -o, --output FILE  the PNG to write (required)\n"
    "  -c, --config FILE  configuration file (default as for 'run')\n"
    "  -a, --at TIME      the moment to show, local time of the screen's zone:\n"
    "                     2026-11-27T10:15 (or with Z or +01:00); default: now\n"
    "  -s, --size WxH     frame size (default 1920x1080; 1080x1920 for portrait)\n"
    "  -p, --page NAME    show only one page: semainier or agenda\n"
    "  -h, --help         this help\n";

static const char usage_check[] =
    "usage: hallscreen check [--json] [--preview FILE.png] [--from TIME] [--to TIME]\n"
    "                        [-c FILE] FILE-OR-URL...\n"
    "\n"
    "Tells, in plain French, what the screen understands of each feed (RSS, Atom,\n"
    "iCalendar or the hallscreen XML format): the format, each item as understood\n"
    "(what, when, where) and every problem with its line and what to do.\n"
    "\n"
    "  -j, --json           print the same as JSON (its form is in the README)\n"
    "  -p, --preview FILE   also render the screen with only these feeds to a PNG\n"
    "  -f, --from TIME      calendar occurrences from TIME (2026-11-30 or\n"
    "                       2026-11-30T14:00; default: this week's Monday)\n"
    "  -t, --to TIME        ... until TIME (default: the agenda's horizon)\n"
    "  -a, --at TIME        the moment the preview shows (default: now)\n"
    "  -c, --config FILE    configuration, for its time zone and look\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 when every feed is usable, 1 when one is not, 2 on bad usage.\n";

static const char usage_check_config[] =
    "usage: hallscreen check-config [-c FILE]\n"
    "\n"
    "Validates the configuration and prints it as it is understood, defaults\n"
    "included. Exit status 0 when it is valid, 2 when it is not (the error says\n"
    "file, line, what was expected and what to do).\n"
    "\n"
    "  -c, --config FILE  configuration file (default as for 'run')\n"
    "  -h, --help         this help\n";

static void usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void usage_error(const char *usage, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "hallscreen: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n\n%s", usage);
}

/* Parses "1920x1080". Returns 0, or -1 when it is not a size. */
static int parse_size(const char *s, int *w, int *h)
{
    char *end;
    long lw, lh;

    errno = 0;
    lw = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X') || errno)
        return -1;
    s = end + 1;
    lh = strtol(s, &end, 10);
    if (end == s || *end || errno)
        return -1;
    if (lw < MIN_SIDE || lw > MAX_SIDE || lh < MIN_SIDE || lh > MAX_SIDE)
        return -1;
    *w = (int)lw;
    *h = (int)lh;
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'}, {"window", no_argument, NULL, 'w'},
        {"size", required_argument, NULL, 's'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *config = NULL;
    struct display_opts o = {0};
    struct app a;
    int c, rc;

    while ((c = getopt_long(argc, argv, "c:ws:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            config = optarg;
            break;
        case 'w':
            o.windowed = 1;
            break;
        case 's':
            if (parse_size(optarg, &o.w, &o.h) != 0) {
                usage_error(usage_run, "--size '%s': expected WxH such as 1920x1080", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            fputs(usage_run, stdout);
            return 0;
        default:
            fprintf(stderr, "\n%s", usage_run);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        usage_error(usage_run, "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    /* Before any thread starts, so that only the signal thread hears them. */
    signals_block();
    rc = app_init(&a, config);
    if (rc == 0)
        rc = app_sources(&a, time(NULL));
    if (rc == 0) {
        o.renderer = a.cfg->renderer;
        if (app_content(&a, time(NULL)) != 0)
            rc = 1;
        else
            rc = run_player(&a, &o, started_ms);
    }
    app_free(&a);
    return rc;
}

static int cmd_snapshot(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'}, {"config", required_argument, NULL, 'c'},
        {"at", required_argument, NULL, 'a'},     {"size", required_argument, NULL, 's'},
        {"page", required_argument, NULL, 'p'},   {"help", no_argument, NULL, 'h'},
        {"fetch", no_argument, NULL, 'f'},        {NULL, 0, NULL, 0}};
    const char *out = NULL, *config = NULL, *at = NULL, *page = NULL;
    int w = 0, h = 0, c, rc, fetch = 0;
    enum screen_page pg = SCREEN_PAGE_ALL;
    struct app a;
    time_t now;
    SDL_Surface *frame;

    while ((c = getopt_long(argc, argv, "o:c:a:s:p:fh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'f':
            fetch = 1;
            break;
        case 'c':
            config = optarg;
            break;
        case 'a':
            at = optarg;
            break;
        case 's':
            if (parse_size(optarg, &w, &h) != 0) {
                usage_error(usage_snapshot, "--size '%s': expected WxH such as 1920x1080",
                            optarg);
                return EXIT_USAGE;
            }
            break;
        case 'p':
            page = optarg;
            break;
        case 'h':
            fputs(usage_snapshot, stdout);
            return 0;
        default:
            fprintf(stderr, "\n%s", usage_snapshot);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        usage_error(usage_snapshot, "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!out) {
        usage_error(usage_snapshot, "%s", "-o FILE.png is required");
        return EXIT_USAGE;
    }
    rc = app_init(&a, config);
    if (rc != 0)
        goto done;
    if (page && screen_page_parse(page, &pg) != 0) {
        usage_error(usage_snapshot, "--page '%s': expected semainier or agenda", page);
        rc = EXIT_USAGE;
        goto done;
    }
    now = time(NULL);
    /* --at is read in the screen's zone, so it must wait for the config. */
    if (at && caltime_parse_iso(at, &now) != 0) {
        usage_error(usage_snapshot, "--at '%s': expected a time such as 2026-11-27T10:15", at);
        rc = EXIT_USAGE;
        goto done;
    }
    if (w == 0) {
        w = a.cfg->orientation == CFG_ORIENT_PORTRAIT ? 1080 : 1920;
        h = a.cfg->orientation == CFG_ORIENT_PORTRAIT ? 1920 : 1080;
    }
    rc = app_sources(&a, now);
    if (rc != 0)
        goto done;
    if (fetch && a.sources)
        sources_fetch_all(a.sources, now);
    if (app_content(&a, now) != 0) {
        fprintf(stderr, "hallscreen: out of memory\n");
        rc = 1;
        goto done;
    }
    frame = snapshot_render(a.cfg, a.fonts, a.content, now, w, h, pg);
    if (!frame || snapshot_save(frame, out) != 0) {
        fprintf(stderr, "hallscreen: cannot write %s: %s\n", out, SDL_GetError());
        rc = 1;
    } else {
        printf("%s\n", out);
    }
    SDL_FreeSurface(frame);
done:
    app_free(&a);
    return rc;
}

/* Reads "2026-11-30" (local midnight) or what caltime_parse_iso reads. */
static int parse_when(const char *s, time_t *out)
{
    char *end;
    long y, m, d;

    if (caltime_parse_iso(s, out) == 0)
        return 0;
    errno = 0;
    y = strtol(s, &end, 10);
    if (end != s + 4 || *end != '-')
        return -1;
    m = strtol(end + 1, &end, 10);
    if (*end != '-')
        return -1;
    d = strtol(end + 1, &end, 10);
    if (*end || errno || y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *out = caltime_make((int)y, (int)m, (int)d, 0, 0);
    return *out == (time_t)-1 ? -1 : 0;
}

static int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},         {"preview", required_argument, NULL, 'p'},
        {"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 't'},
        {"at", required_argument, NULL, 'a'},     {"config", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    const char *config = NULL, *preview = NULL, *from_s = NULL, *to_s = NULL, *at = NULL;
    struct check_input *in = NULL;
    struct app a;
    int c, rc = 0, json = 0, usable = 1, ninputs;
    time_t now, from, to;

    memset(&a, 0, sizeof(a));
    while ((c = getopt_long(argc, argv, "jp:f:t:a:c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'p':
            preview = optarg;
            break;
        case 'f':
            from_s = optarg;
            break;
        case 't':
            to_s = optarg;
            break;
        case 'a':
            at = optarg;
            break;
        case 'c':
            config = optarg;
            break;
        case 'h':
            fputs(usage_check, stdout);
            return 0;
        default:
            fprintf(stderr, "\n%s", usage_check);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage_error(usage_check, "%s", "give at least one file or URL to check");
        return EXIT_USAGE;
    }
    ninputs = argc - optind;
    /* The preview draws, so it needs the fonts; the text alone does not. */
    rc = preview ? app_init(&a, config) : app_load_config(config, &a.cfg, &c);
    if (rc != 0)
        goto done;
    if (!preview && caltime_set_zone(a.cfg->timezone) != 0) {
        fprintf(stderr, "hallscreen: time zone '%s' not found (hint: apt-get install tzdata)\n",
                a.cfg->timezone);
        rc = 2;
        goto done;
    }
    now = time(NULL);
    if (at && parse_when(at, &now) != 0) {
        usage_error(usage_check, "--at '%s': expected a time such as 2026-11-27T10:15", at);
        rc = EXIT_USAGE;
        goto done;
    }
    sources_window(now, &from, &to);
    if (from_s && parse_when(from_s, &from) != 0) {
        usage_error(usage_check, "--from '%s': expected a date such as 2026-11-30 or a time "
                    "such as 2026-11-30T14:00", from_s);
        rc = EXIT_USAGE;
        goto done;
    }
    if (to_s && parse_when(to_s, &to) != 0) {
        usage_error(usage_check, "--to '%s': expected a date such as 2026-12-14 or a time "
                    "such as 2026-12-14T18:00", to_s);
        rc = EXIT_USAGE;
        goto done;
    }
    if (to <= from) {
        usage_error(usage_check, "%s", "--to must come after --from");
        rc = EXIT_USAGE;
        goto done;
    }
    ical_global_init();
    if (fetch_global_init() != 0) {
        fprintf(stderr, "hallscreen: cannot initialise libcurl\n");
        rc = 1;
        goto done;
    }
    atexit(fetch_global_cleanup);
    in = calloc((size_t)ninputs, sizeof(*in));
    if (!in) {
        rc = 1;
        goto done;
    }
    for (int i = 0; i < ninputs; i++) {
        if (check_load(argv[optind + i], from, to, &in[i]) != 0) {
            fprintf(stderr, "hallscreen: out of memory\n");
            ninputs = i;
            rc = 1;
            goto done;
        }
        usable &= in[i].doc->usable;
    }
    if (json) {
        if (check_print_json(in, (size_t)ninputs, stdout) != 0) {
            fprintf(stderr, "hallscreen: out of memory\n");
            rc = 1;
            goto done;
        }
    } else {
        check_print_text(in, (size_t)ninputs, now, stdout);
    }
    if (preview) {
        struct content *pc = content_new();
        SDL_Surface *frame = NULL;
        int w = a.cfg->orientation == CFG_ORIENT_PORTRAIT ? 1080 : 1920;

        if (pc && check_preview_content(in, (size_t)ninputs, now, pc) == 0) {
            content_sort(pc);
            frame = snapshot_render(a.cfg, a.fonts, pc, now, w, w == 1080 ? 1920 : 1080,
                                    SCREEN_PAGE_ALL);
        }
        if (!frame || snapshot_save(frame, preview) != 0) {
            fprintf(stderr, "hallscreen: cannot write %s: %s\n", preview, SDL_GetError());
            rc = 1;
        } else if (!json) {
            printf("\nAperçu de l’écran : %s\n", preview);
        }
        SDL_FreeSurface(frame);
        content_free(pc);
    }
    if (rc == 0 && !usable)
        rc = 1;
done:
    for (int i = 0; in && i < ninputs; i++)
        feed_doc_free(in[i].doc);
    free(in);
    app_free(&a);
    return rc;
}

static const char usage_status[] =
    "usage: hallscreen status\n"
    "\n"
    "Prints how the running player and each of its sources are doing, from the\n"
    "status file it writes in its runtime directory (/run/hallscreen under\n"
    "systemd). Exit status 0 when every source works, 1 when one is failing or\n"
    "the player has not updated the file for two minutes, 2 when there is none.\n";

static int cmd_status(int argc, char **argv)
{
    char path[PATH_MAX];

    if (argc > 1) {
        if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
            fputs(usage_status, stdout);
            return 0;
        }
        usage_error(usage_status, "unexpected argument '%s'", argv[1]);
        return EXIT_USAGE;
    }
    if (status_find(path, sizeof(path)) != 0) {
        fprintf(stderr, "hallscreen: no status file path fits\n");
        return 2;
    }
    return status_print(path, time(NULL), stdout, stderr);
}

static int cmd_check_config(int argc, char **argv)
{
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config = NULL;
    struct cfg *cfg = NULL;
    int c, rc, defaults;

    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            config = optarg;
            break;
        case 'h':
            fputs(usage_check_config, stdout);
            return 0;
        default:
            fprintf(stderr, "\n%s", usage_check_config);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        usage_error(usage_check_config, "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    rc = app_load_config(config, &cfg, &defaults);
    if (rc != 0)
        return rc;
    if (defaults)
        fprintf(stderr, "hallscreen: no configuration file found; these are the built-in "
                        "defaults\n");
    cfg_print(cfg, stdout);
    cfg_free(cfg);
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        usage_error("usage: hallscreen version\n", "unexpected argument '%s'", argv[1]);
        return EXIT_USAGE;
    }
    printf("hallscreen %s\n", HS_VERSION);
    return 0;
}

static const struct command {
    const char *name;
    int (*fn)(int, char **);
} commands[] = {
    {"run", cmd_run},
    {"snapshot", cmd_snapshot},
    {"check", cmd_check},
    {"status", cmd_status},
    {"check-config", cmd_check_config},
    {"version", cmd_version},
};

int main(int argc, char **argv)
{
    started_ms = run_now_ms();
    /* libxml2 keeps global state: set it up before any thread. libcurl's
     * (and OpenSSL's, megabytes of it) waits until a source needs it. */
    xml_global_init();
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version"))
        return cmd_version(1, argv + 1);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            int rc = commands[i].fn(argc - 1, argv + 1);
            /* Shuts down what SDL started on its own (D-Bus among them). */
            SDL_Quit();
            return rc;
        }
    }
    fprintf(stderr, "hallscreen: '%s' is not a command; see 'hallscreen --help'\n", argv[1]);
    return EXIT_USAGE;
}
