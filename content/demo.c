/* Built-in demo content: the week of the "Maison de quartier des Tilleuls".
 * Every date is computed from now in local time (caltime), so the demo is
 * always current and a 9:00 permanence stays at 9:00 across a DST change.
 * French typography: U+202F NARROW NO-BREAK SPACE before ":" and "?" and
 * inside guillemets (utf8_clean keeps it), U+2019 for the apostrophe. */
#include "demo.h"

#include <stddef.h>

#include "caltime.h"

#define NNBSP "\u202F"
#define APOS "\u2019"
#define PHONE "01 23 45 67 89"

/* Days of the agenda: open days (Monday to Saturday) counted from today. */
#define DEMO_EVENT_DAYS 8

enum place { ACCUEIL, SALLE_1, SALLE_INFO, BUREAU_2, NPLACES };

static const char *const place_names[NPLACES] = {
    "Accueil", "Salle 1", "Salle informatique", "Bureau 2",
};

enum partner { NONE = -1, CAF, PLUME, MEDIATRICE, ACCUEIL_P, REPAIR, CCAS, NPARTNERS };

/* Mid-saturation colours with a contrast of at least 3:1 (WCAG 2.1, 1.4.11
 * non-text contrast) both against white and against a dark blue (#13294B),
 * so that a partner's mark reads in the light and the dark themes. */
static const struct {
    const char *name;
    int32_t colour;
} partners[NPARTNERS] = {
    {"CAF", 0x2E8FA3},                          /* teal */
    {"Association Plume solidaire", 0x9B6BC4},  /* violet */
    {"Médiatrice numérique", 0xC9702E},         /* orange */
    {"Accueil", 0x4A8AC8},                      /* blue */
    {"Bénévoles du repair café", 0x4F9A47},     /* green */
    {"CCAS", 0xCC5A7E},                         /* rose */
};

/* The weekly pattern of the semainier; weekday 0 = Monday. */
static const struct {
    int weekday, sh, sm, eh, em;
    const char *activity;
    enum partner partner;
    enum place place;
} week_slots[] = {
    {0, 9, 0, 12, 0, "Permanence CAF", CAF, BUREAU_2},
    {0, 14, 0, 17, 30, "PC en libre accès et impressions", ACCUEIL_P, SALLE_INFO},
    {1, 14, 0, 17, 0, "Écrivain public", PLUME, BUREAU_2},
    {1, 18, 0, 20, 0, "Café numérique", NONE, SALLE_1},
    {2, 9, 0, 12, 0, "Aide aux démarches en ligne", MEDIATRICE, SALLE_INFO},
    {2, 14, 0, 16, 0, "Atelier smartphone", MEDIATRICE, SALLE_1},
    {2, 14, 0, 17, 30, "PC en libre accès et impressions", ACCUEIL_P, SALLE_INFO},
    {3, 9, 30, 12, 0, "Écrivain public", PLUME, BUREAU_2},
    {3, 14, 0, 17, 0, "Permanence CCAS", CCAS, BUREAU_2},
    {3, 18, 0, 19, 30, "Suivre la scolarité de son enfant en ligne (Pronote, ENT)",
     MEDIATRICE, SALLE_INFO},
    {4, 9, 0, 12, 0, "Réparation d" APOS "ordinateurs sans rendez-vous", REPAIR, SALLE_INFO},
    {4, 14, 0, 17, 30, "PC en libre accès et impressions", ACCUEIL_P, SALLE_INFO},
    {5, 9, 30, 11, 30, "Découvrir l" APOS "ordinateur", NONE, SALLE_INFO},
};

/* The agenda, one event on each of the next open days. Salle 1 is free every
 * morning and from 16:00 every day, so no event clashes with a permanence.
 * The first open day (today, unless it is Sunday) has its event at 16:00;
 * on a Saturday, when the centre closes at noon, an afternoon event moves
 * to 10:00. */
static const struct {
    int sh, sm, eh, em;
    const char *title;
    enum partner partner;
    enum place place;
    const char *registration;
} agenda[DEMO_EVENT_DAYS] = {
    {16, 0, 17, 30, "Créer et utiliser sa boîte mail", MEDIATRICE, SALLE_1,
     "Inscription à l" APOS "accueil"},
    {10, 0, 11, 30, "Atelier smartphone" NNBSP ": envoyer des photos", MEDIATRICE, SALLE_1,
     "Inscription à l" APOS "accueil"},
    {14, 0, 16, 0, "Remise d" APOS "ordinateurs reconditionnés aux familles", REPAIR, ACCUEIL,
     "Sur rendez-vous, à l" APOS "accueil"},
    {10, 0, 11, 30, "Démarches CAF en ligne", CAF, SALLE_1, "Inscription au " PHONE},
    {16, 0, 17, 30, "Suivre la scolarité avec Pronote", MEDIATRICE, SALLE_1,
     "Inscription à l" APOS "accueil"},
    {10, 0, 11, 0, "Réunion d" APOS "information" NNBSP ": prêt d" APOS "ordinateurs",
     ACCUEIL_P, SALLE_1, "Gratuit, sans inscription"},
    {10, 0, 11, 30, "Repérer les arnaques en ligne", MEDIATRICE, SALLE_1,
     "Gratuit, sans inscription"},
    {16, 0, 17, 30, "Créer son compte FranceConnect", MEDIATRICE, SALLE_1,
     "Inscription à l" APOS "accueil"},
};

static const struct {
    const char *title, *body;
    int priority;
} notices[] = {
    {"Wi-Fi gratuit",
     "Réseau «" NNBSP "Tilleuls-Public" NNBSP "», sans mot de passe. Demandez de l" APOS
     "aide à l" APOS "accueil.",
     1},
    {"Impressions et photocopies",
     "10 pages gratuites par jour, en noir et blanc. Le scanner est en libre accès "
     "en salle informatique.",
     0},
    {"Besoin d" APOS "aide" NNBSP "?",
     "L" APOS "équipe de l" APOS "accueil vous oriente. Pour vos démarches en ligne, la "
     "médiatrice numérique vous reçoit le mercredi matin, sans rendez-vous.",
     0},
};

static const struct {
    const char *text;
    enum partner partner;
} ticker[] = {
    {"Wi-Fi public gratuit" NNBSP ": réseau «" NNBSP "Tilleuls-Public" NNBSP "»", ACCUEIL_P},
    {"Prêt d" APOS "ordinateurs reconditionnés pour les familles" NNBSP
     ": renseignez-vous à l" APOS "accueil",
     ACCUEIL_P},
    {"Réparation d" APOS "ordinateurs tous les vendredis matin, sans rendez-vous", REPAIR},
    {"Hotline d" APOS "entraide numérique du lundi au vendredi" NNBSP ": " PHONE, MEDIATRICE},
    {"Atelier Pronote jeudi soir" NNBSP ": inscription à l" APOS "accueil", MEDIATRICE},
};

/* The model's structs hold char *: the casts of our literals below are safe,
 * since content_add_* only read the strings they copy. */
static const char *partner_name(enum partner p)
{
    return p == NONE ? NULL : partners[p].name;
}

static int32_t partner_colour(enum partner p)
{
    return p == NONE ? MODEL_NO_COLOUR : partners[p].colour;
}

/* The instant of h:mi local on the day that holds day (a local midnight):
 * built from the date, never by adding seconds, so it stays h:mi across DST. */
static time_t at(time_t day, int h, int mi)
{
    struct tm tm;

    caltime_local(day, &tm);
    return caltime_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, h, mi);
}

static int add_week(struct content *c, time_t monday)
{
    for (size_t i = 0; i < sizeof(week_slots) / sizeof(week_slots[0]); i++) {
        time_t day = caltime_add_days(monday, week_slots[i].weekday);
        struct model_slot s = {
            .start = at(day, week_slots[i].sh, week_slots[i].sm),
            .end = at(day, week_slots[i].eh, week_slots[i].em),
            .activity = (char *)week_slots[i].activity,
            .partner = (char *)partner_name(week_slots[i].partner),
            .room = (char *)place_names[week_slots[i].place],
            .place = (int)week_slots[i].place,
            .colour = partner_colour(week_slots[i].partner),
        };

        if (content_add_slot(c, &s) != 0)
            return -1;
    }
    return 0;
}

static int add_agenda(struct content *c, time_t now)
{
    time_t day = caltime_day_start(now);
    int n = 0;

    while (n < DEMO_EVENT_DAYS) {
        int wd = caltime_weekday(day);

        if (wd != 6) {
            int sh = agenda[n].sh, eh = agenda[n].eh;

            if (wd == 5 && sh >= 12) {
                eh = 10 + (eh - sh);
                sh = 10;
            }
            struct model_event e = {
                .start = at(day, sh, agenda[n].sm),
                .end = at(day, eh, agenda[n].em),
                .title = (char *)agenda[n].title,
                .place = (char *)place_names[agenda[n].place],
                .partner = (char *)partner_name(agenda[n].partner),
                .registration = (char *)agenda[n].registration,
                .colour = partner_colour(agenda[n].partner),
            };

            if (content_add_event(c, &e) != 0)
                return -1;
            n++;
        }
        day = caltime_add_days(day, 1);
    }
    return 0;
}

static int add_notices_and_ticker(struct content *c)
{
    for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++) {
        struct model_notice n = {
            .title = (char *)notices[i].title,
            .body = (char *)notices[i].body,
            .partner = (char *)partners[ACCUEIL_P].name,
            .priority = notices[i].priority,
            .colour = partners[ACCUEIL_P].colour,
        };

        if (content_add_notice(c, &n) != 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof(ticker) / sizeof(ticker[0]); i++) {
        struct model_ticker_item t = {
            .text = (char *)ticker[i].text,
            .partner = (char *)partner_name(ticker[i].partner),
        };

        if (content_add_ticker(c, &t) != 0)
            return -1;
    }
    return 0;
}

struct content *demo_content(time_t now)
{
    struct content *c = content_new();
    time_t monday = caltime_week_start(now);

    if (c == NULL)
        return NULL;
    for (int p = 0; p < NPLACES; p++) {
        if (content_add_place(c, place_names[p]) != 0)
            goto fail;
    }
    /* This week and the next, so that "next" is never empty on a Saturday. */
    if (add_week(c, monday) != 0 || add_week(c, caltime_add_days(monday, 7)) != 0)
        goto fail;
    if (add_agenda(c, now) != 0 || add_notices_and_ticker(c) != 0)
        goto fail;
    content_sort(c);
    c->updated = now;
    return c;

fail:
    content_free(c);
    return NULL;
}
