/* samples/gen/sg.h — shared parts of rapp-samplegen, the deterministic generator of the sample
 * municipality Fjordvik kommune (one CSV file per table of src/db/schema_v1.sql).
 * Determinism: every random number comes from sg_rng (splitmix64) seeded from --seed and a
 * per-table stream; numbers are formatted by hand (no locale, no printf %f); no clock is read. */
#ifndef RAPP_SAMPLES_SG_H
#define RAPP_SAMPLES_SG_H

#include <stdint.h>
#include <stdio.h>

/* ---- random numbers ------------------------------------------------------------------------ */
typedef struct sg_rng {
  uint64_t s;
} sg_rng;

/* One independent stream per (seed, stream) pair, so adding rows to one table never shifts
 * the numbers of another. */
void sg_rng_init(sg_rng *r, uint64_t seed, uint64_t stream);
uint64_t sg_rng_next(sg_rng *r);
double sg_rng_unit(sg_rng *r);             /* uniform in [0, 1) */
int sg_rng_int(sg_rng *r, int lo, int hi); /* uniform in [lo, hi], inclusive */
double sg_rng_normal(sg_rng *r);           /* approximately N(0, 1) (Irwin-Hall, 12 terms) */
int sg_rng_chance(sg_rng *r, double p);    /* 1 with probability p */

/* ---- numbers and dates ------------------------------------------------------------------- */
/* Rounds half away from zero to an integer, without libm (same result on every libc). */
int64_t sg_round(double v);
/* Writes v with `decimals` decimals and a decimal comma ("-125071,5"), no thousands separator.
 * trim: drop trailing zeros of the fraction (and the comma if nothing is left). Never "-0". */
void sg_fmt_num(char *out, size_t cap, double v, int decimals, int trim);
/* Writes an integer in decimal. */
void sg_fmt_int(char *out, size_t cap, int64_t v);

typedef struct sg_date {
  int y, m, d;
} sg_date;
int64_t sg_days(sg_date d);        /* days since 1970-01-01 */
sg_date sg_from_days(int64_t n);   /* inverse of sg_days */
int sg_weekday(sg_date d);         /* 0 = Monday ... 6 = Sunday */
int sg_days_in_month(int y, int m);
int sg_working_days(int y, int m); /* Monday-Friday minus Norwegian public holidays */
sg_date sg_add_days(sg_date d, int n);
int sg_date_cmp(sg_date a, sg_date b);
void sg_fmt_date(char *out, size_t cap, sg_date d); /* "2026-03-15" */
void sg_fmt_month(char *out, size_t cap, int y, int m); /* "2026-03" */

/* ---- CSV output ------------------------------------------------------------------------------- */
/* Writes DIR/<table>.csv through a temporary name that is renamed into place by sg_csv_close,
 * so a failed run never leaves a half-written file under the final name. Format: UTF-8, no BOM,
 * ';' separator, LF, fields quoted only when they contain ';', '"' or a newline, empty = NULL. */
typedef struct sg_csv {
  FILE *f;
  char path[1024];
  char tmp[1040];
  int col;
  long rows;
} sg_csv;

int sg_csv_open(sg_csv *c, const char *dir, const char *table, const char *header);
void sg_csv_str(sg_csv *c, const char *s); /* NULL or "" = empty field */
void sg_csv_null(sg_csv *c);
void sg_csv_int(sg_csv *c, int64_t v);
void sg_csv_num(sg_csv *c, double v, int decimals, int trim);
void sg_csv_date(sg_csv *c, sg_date d);
void sg_csv_end(sg_csv *c); /* ends the row */
/* Flushes, checks for write errors and renames into place; returns 0 or -1 (message printed). */
int sg_csv_close(sg_csv *c);

/* ---- the municipality in memory ------------------------------------------------------------ */
#define SG_FIRST_YEAR 2024 /* economy, absence, staffing from January 2024 */
#define SG_YEARS 3         /* 2024, 2025, 2026 */
#define SG_MONTHS (12 * SG_YEARS)
#define SG_CUTOFF_MONTHS 33 /* 2024-01 .. 2026-09: actuals, absence, staffing, forecasts */

enum { SG_NAREAS = 8 };
typedef struct sg_area {
  const char *code, *name, *chief; /* chief: kommunalsjef (responsible for decisions, risks) */
} sg_area;
extern const sg_area sg_areas[SG_NAREAS];
int sg_area_index(const char *code);

typedef struct sg_unit {
  char code[24];
  char name[96];
  const char *kind;
  char head[64];
  int area;     /* index into sg_areas */
  int spec;     /* index into the unit specification table (sg_org.c) */
  int replica;  /* 1 for the original, 2..N for --scale copies */
  double fte;   /* base årsverk (2024); 0 for units without staff (Sentrale inntekter) */
} sg_unit;

typedef struct sg_model {
  uint64_t seed;
  int scale;
  int nunits;
  sg_unit *units;
  /* economy per unit and month index (0 = 2024-01); filled by sg_gen_economy */
  int64_t *budget;   /* net budget, whole kroner [nunits * SG_MONTHS] */
  int64_t *actual;   /* net actual, øre [nunits * SG_MONTHS], 0 after the cut-off */
  int64_t *income;   /* budgeted income (negative lines), whole kroner [nunits * SG_MONTHS] */
  int64_t *actual_income; /* actual income lines, øre */
  int64_t *reserve;  /* art 540 avsetning (actual), øre [nunits * SG_MONTHS] */
  /* absence per unit and month index up to the cut-off */
  double *short_days, *long_days, *planned_days; /* [nunits * SG_CUTOFF_MONTHS] */
} sg_model;

/* The generators, one per group of tables. Each returns 0 or -1 (message printed). */
int sg_build_units(sg_model *m);
int sg_gen_org(sg_model *m, const char *dir);      /* municipality, area, unit */
int sg_gen_economy(sg_model *m, const char *dir);  /* budget, actual, forecast, absence, staffing */
int sg_gen_scorecard(sg_model *m, const char *dir); /* focus_area, goal, indicator, target, result */
int sg_gen_politics(sg_model *m, const char *dir); /* political_body, decision,
                                                      decision_status_change, wheel_activity */
int sg_gen_control(sg_model *m, const char *dir);  /* deviation, risk, company, company_figure,
                                                      leader_agreement */

/* The units of Fjordvik kommune at --scale 1 (sg_org.c); --scale N repeats the staffed ones. */
typedef struct sg_unit_spec {
  const char *code, *area, *name, *kind;
  double fte; /* årsverk 2024; 0 = no staff (central income and finance lines) */
} sg_unit_spec;
extern const sg_unit_spec sg_unit_specs[];
extern const int sg_nunit_specs;

/* Random Norwegian person name from the model's name pool (deterministic for the stream). */
void sg_person_name(sg_rng *r, char *out, size_t cap);

/* Stream numbers, one per table (or group), for sg_rng_init. */
enum {
  SG_S_UNITS = 1, SG_S_BUDGET, SG_S_ABSENCE, SG_S_STAFFING, SG_S_RESULT, SG_S_TARGET,
  SG_S_DECISION, SG_S_DEVIATION, SG_S_RISK, SG_S_COMPANY, SG_S_LEADER, SG_S_INDICATOR,
  SG_S_DECISION_HISTORY
};

/* --sources DIR: the sample as source files (sg_sources.c), from the CSVs in csv_dir. */
int sg_write_sources(const char *csv_dir, const char *dir, int repeat);

#endif
