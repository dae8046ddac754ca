/* Statistics: a school's figures from its archive, the records that carry them, county views, reports. */
#ifndef RX_OPS_STATS_H
#define RX_OPS_STATS_H

#include <git2.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "crypto/cert.h"
#include "crypto/error.h"
#include "ops/archive/archive.h"
#include "ops/disclosure/disclosure.h"
#include "ops/home/home.h"
#include "schema/import.h"

/* -- Statistics of a school or county: the tables, their canonical encoding, collection, suppression and reports (docs/stats.md). -- */

#define RX_OPS_STATS_VERSION 2
#define RX_OPS_STATS_RECORDS_MAX 4096            /* records in one payload */
#define RX_OPS_STATS_COUNT_MAX ((int64_t)1 << 40) /* largest count */
#define RX_OPS_STATS_STAFF_MAX 1000000           /* largest staffing figure */
#define RX_OPS_STATS_ROWS_MAX 24
#define RX_OPS_STATS_COLS_MAX 5
#define RX_OPS_STATS_ENTRIES ((RX_OPS_STATS_ROWS_MAX + 1) * (RX_OPS_STATS_COLS_MAX + 1))

/* The tables, each of a fixed shape (rows x cols, plus margins). */
typedef enum rx_ops_stats_tab {
	RX_STATS_LEVELS,    /* grade 1..12 x gender (男, 女) = 24 rows x 红 橙 黄 无 未测评 */
	RX_STATS_GROUPS,    /* 7 key groups x the same 5 levels (a student may be in several) */
	RX_STATS_COVERAGE,  /* grade x {screened twice + visited, twice only, visited only, neither} */
	RX_STATS_OBLIG,     /* obligation kind (schema action) x {on time, late, open, overdue} */
	RX_STATS_INCIDENTS, /* 1 row x review reports {on time + complete, incomplete, late, overdue, not yet due} */
	RX_STATS_NTABLES
} rx_ops_stats_tab;

enum { RX_OPS_STATS_SCHOOL = 1, RX_OPS_STATS_COUNTY = 2 };

/* Staffing and compliance figures: about the school, not its students, never suppressed. */
typedef struct rx_ops_stats_staff {
	int64_t teachers_full;     /* 专职心理教师 */
	int64_t teachers_part;     /* 兼职心理教师 */
	int64_t room_hours_x10;    /* counselling room open hours per week, in tenths */
	int64_t lessons_x100;      /* psychology lessons per class per two weeks, hundredths */
	int64_t classes_g4;        /* classes from grade 4 */
	int64_t classes_committee; /* of those, >= 2 committee members, a boy and a girl */
	int64_t school_type;       /* RX_SCHOOL_* (a setting of the school) */
	int64_t school_stage;      /* RX_STAGE_*: highest stage taught */
	int64_t room_weeks;        /* judged weeks (docs/stats.md) */
	int64_t room_weeks_ok;     /* of those, with the room open long enough */
	int64_t lesson_slots;      /* judged class-fortnights */
	int64_t lesson_slots_ok;   /* of those, with enough psychology lessons */
} rx_ops_stats_staff;

#define RX_OPS_STATS_STAFF_N 12 /* int64_t figures in rx_ops_stats_staff */

/*
 * One unit's figures for one school year and round. Entries of table t are
 * v[t][i * (cols + 1) + j] with margins at i == rows / j == cols; hidden[]
 * marks entries published as '*' (their v is 0 once published).
 */
typedef struct rx_ops_stats {
	int scope;                      /* RX_OPS_STATS_SCHOOL or _COUNTY */
	char node[RX_NODE_ID_LEN + 1];  /* the school (or county) */
	int year;                       /* first calendar year of the school year */
	char round[17];                 /* 1..16 of [A-Za-z0-9_-] */
	int64_t v[RX_STATS_NTABLES][RX_OPS_STATS_ENTRIES];
	uint8_t hidden[RX_STATS_NTABLES][RX_OPS_STATS_ENTRIES];
	rx_ops_stats_staff staff;
} rx_ops_stats;

/* Shape and names of a table. */
int rx_ops_stats_rows(rx_ops_stats_tab t);
int rx_ops_stats_cols(rx_ops_stats_tab t);
const char *rx_ops_stats_tab_name(rx_ops_stats_tab t);     /* "levels", ... */
const char *rx_ops_stats_tab_zh(rx_ops_stats_tab t);       /* "年级×性别×预警等级", ... */
/* Labels of row i / col j (i == rows, j == cols: the total); zh or English code. */
const char *rx_ops_stats_row_label(rx_ops_stats_tab t, int i, int zh);
const char *rx_ops_stats_col_label(rx_ops_stats_tab t, int j, int zh);

/* Entry of table t (margins included), and its hidden flag. */
int64_t *rx_ops_stats_at(rx_ops_stats *s, rx_ops_stats_tab t, int i, int j);
int64_t rx_ops_stats_get(const rx_ops_stats *s, rx_ops_stats_tab t, int i, int j);
int rx_ops_stats_is_hidden(const rx_ops_stats *s, rx_ops_stats_tab t, int i, int j);

/* Recompute every margin from the cells (exact figures, nothing hidden). */
void rx_ops_stats_margins(rx_ops_stats *s);

/*
 * Encode records as one canonical payload: "RXST", version, count, then the
 * records sorted by (scope, node), all of one year and round (docs/stats.md).
 */
int rx_ops_stats_encode(rx_buf *out, const rx_ops_stats *recs, size_t n,
	rx_error *err);

/*
 * Strict decoder: every bound, the order, canonical varints, hidden entries
 * carry 0, margins add up where a line is fully shown, a school's own
 * exact figures (a payload without a county record) hide nothing, no
 * trailing byte. *out is malloc'ed (free()).
 * RX_EINPUT with the reason.
 */
int rx_ops_stats_decode(rx_ops_stats **out, size_t *n, const uint8_t *p,
	size_t len, rx_error *err);

/* --- Collection: the latest figures a node holds and can open. --- */

typedef struct rx_ops_stats_pub {
	char author[RX_NODE_ID_LEN + 1]; /* who signed (school, device or county) */
	rx_role role;                    /* the author's role */
	int64_t time;                    /* signing time */
	uint64_t seq;
	rx_ops_stats *recs;              /* decoded records */
	size_t n;
} rx_ops_stats_pub;

typedef struct rx_ops_stats_set {
	rx_ops_stats_pub *pub; /* latest per (publisher unit, year, round), sorted */
	size_t n;
	size_t skipped;        /* stats change-sets refused (bad signature, bad payload, wrong school) */
} rx_ops_stats_set;

/*
 * Walk every refs/runxin/nodes/ branch of repo, open each stats change-set
 * sealed to box_pk (signature checked against the directory in db), decode
 * it, check that its records belong to the author (a school's own node,
 * a device's school, or a county's own schools), and keep the latest per
 * unit, year and round (signing time, then sequence). Free with
 * rx_ops_stats_set_free.
 */
int rx_ops_stats_collect(rx_ops_stats_set *out, git_repository *repo, sqlite3 *db,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err);
void rx_ops_stats_set_free(rx_ops_stats_set *s);

/*
 * For the audit: the latest school figures per school (from schools' own
 * publications, else the county's published view), each school once, for
 * the latest school year and round each school published. *out malloc'ed.
 */
int rx_ops_stats_schools(rx_ops_stats **out, size_t *n, const rx_ops_stats_set *set,
	rx_error *err);

/* --- Disclosure control and the published view. --- */

typedef struct rx_ops_stats_pubopts {
	int64_t threshold;      /* 1..threshold hidden; 0: RX_OPS_THRESHOLD_DEFAULT */
	double epsilon;         /* > 0: geometric noise per table before suppression */
	const uint8_t *dp_seed; /* tests only: reproducible noise (32 bytes) */
	int64_t protection;     /* a hidden count's feasible values, at least; 0: RX_OPS_PROTECTION_DEFAULT */
	int cross_off;          /* tests only: suppress table by table, without the linked check */
	int csv_plain;          /* report CSV: no BOM, LF line ends (for tools); else BOM + CRLF */
	int lang_zh;            /* report CSV: Chinese headers, labels and values */
} rx_ops_stats_pubopts;

/* -- The attacker's linked system over a published round (ops/stats/linked.c, docs/disclosure.md). -- */

#define RX_OPS_PROTECTION_DEFAULT 3 /* a hidden 1 is never pinned to 1..2 */

/* What an attacker works out from a published round. */
typedef struct rx_ops_stats_leak {
	size_t hidden;   /* hidden entries */
	size_t exact;    /* of those, determined exactly */
	size_t narrow;   /* of those, fewer feasible values than the protection (exact ones included) */
	int exact_check; /* 1: the exact linear check ran; 0: too large, bound propagation only */
} rx_ops_stats_leak;

/* The relations between tables an attacker knows (docs/disclosure.md): count, name. */
size_t rx_ops_stats_relations(void);
const char *rx_ops_stats_relation_name(size_t r);
/* 1 when relation r holds on s, 0 when not, -1 when one of its entries is hidden. */
int rx_ops_stats_relation_holds(const rx_ops_stats *s, size_t r);

/*
 * Attack view[0..n) (a county's schools then its aggregate, or one record):
 * every table's margins, the county sums, and each relation that holds on
 * exact (NULL: that is not contradicted by view itself), hidden >= 1
 * (zeros are shown). Exact linear determinacy plus interval propagation.
 * mask (n * RX_STATS_NTABLES * RX_OPS_STATS_ENTRIES, or NULL) gets 1 for
 * each narrow entry. RX_EINPUT when the published numbers contradict.
 */
int rx_ops_stats_attack(rx_ops_stats_leak *lk, uint8_t *mask, const rx_ops_stats *view,
	const rx_ops_stats *exact, size_t n, int64_t protection, rx_error *err);

/* One repair step: for each narrow hidden entry hide one more entry linked to it. */
int rx_ops_stats_widen(size_t *added, rx_ops_stats *view, const rx_ops_stats *exact,
	size_t n, int64_t protection, rx_error *err);

/*
 * The published view of a county: the n school records (exact) become n
 * masked records plus the county aggregate (scope county, node county),
 * every table a linked family suppressed with rx_ops_suppress; noise first
 * when epsilon > 0 (*eps_spent the total). *out has n + 1 records, malloc'ed.
 */
int rx_ops_stats_family(rx_ops_stats **out, const rx_ops_stats *schools, size_t n,
	const char *county, const rx_ops_stats_pubopts *o, double *eps_spent,
	rx_error *err);

/*
 * The city total of counties' published aggregates: an entry is shown only
 * when it is shown in every county (so it adds nothing to what they published).
 */
void rx_ops_stats_city_total(rx_ops_stats *out, const rx_ops_stats *const *counties,
	size_t n, const char *city);

/* --- Reports. --- */

typedef enum { RX_STATS_CSV, RX_STATS_JSON, RX_STATS_HTML } rx_ops_stats_format;

typedef struct rx_ops_stats_unit {
	const rx_ops_stats *s;  /* published view */
	const char *name;       /* display name */
	const char *parent;     /* county node of a school in a city report, or NULL */
} rx_ops_stats_unit;

typedef struct rx_ops_stats_report {
	const char *title;          /* "宝应县" */
	int threshold;
	double epsilon_spent;       /* 0: no noise */
	const rx_ops_stats_unit *total; /* the county (or city) total */
	const rx_ops_stats_unit *units; /* its schools (and counties) */
	size_t n;
	int csv_excel;              /* CSV: UTF-8 BOM and CRLF, as Excel (Chinese Windows) opens it */
	int zh;                     /* CSV: Chinese headers, labels and values */
} rx_ops_stats_report;

/* Render a report (every figure already published) as CSV, JSON or HTML. */
int rx_ops_stats_render(rx_buf *out, const rx_ops_stats_report *r,
	rx_ops_stats_format f, rx_error *err);

/* A rate num/den in percent into out ("*" when either is hidden, "-" for den 0). */
void rx_ops_stats_rate(char out[static 16], int64_t num, int num_hidden,
	int64_t den, int den_hidden);

/* -- A school's statistics computed from its archive (docs/stats.md). -- */

/*
 * The figures of school `school` for the school year holding today and the
 * given round (NULL: the round of the latest screening): counts only, no
 * name, no student number, no free text.
 */
int rx_ops_stats_compute(rx_ops_stats *out, rx_archive *a, const char *school,
	const char *round, rx_schema_date today, rx_error *err);



/* A county or city hub opened for statistics: its keys, repository and what it holds. */
typedef struct rx_ops_stats_hub {
	rx_home *h;
	rx_secrets *s;
	git_repository *repo;
	uint8_t box_pk[32], box_sk[32];
	rx_ops_stats_set set;
	int year;        /* the school year and round reported on */
	char round[17];
} rx_ops_stats_hub;

/* Unlock a county or city home and collect the stats it can open; year/round NULL/0: latest. */
int rx_ops_stats_hub_open(rx_ops_stats_hub *hub, rx_home *h, const rx_home_opts *o, int year,
	const char *round, rx_error *err);
void rx_ops_stats_hub_close(rx_ops_stats_hub *hub);

/* The county's published view: its schools then its aggregate (*n records, malloc'ed). */
int rx_ops_stats_county_view(rx_ops_stats **out, size_t *n, rx_ops_stats_hub *hub,
	const rx_ops_stats_pubopts *po, double *eps, rx_error *err);

/* The threshold setting (stats.threshold), else disclosure_threshold of the policy file. */
int rx_ops_stats_threshold(rx_home *h);
/* The protection setting (stats.protection), else disclosure_protection of the policy file. */
int rx_ops_stats_protection(rx_home *h);

/* -- Publishing: figures sealed to the county and city above, and the stats settings. -- */

/* What one publication holds. */
typedef struct rx_ops_stats_published {
	int scope;                     /* RX_OPS_STATS_SCHOOL or _COUNTY */
	char unit[RX_NODE_ID_LEN + 1]; /* the school or county published for */
	int year;                      /* the school year and round published */
	char round[17];
	int64_t count;                 /* students (a school) or schools (a county) */
	double epsilon;                /* noise spent (a county), 0: none */
	int unchanged;                 /* 1: the same figures were published before; nothing new */
} rx_ops_stats_published;

/*
 * Publish as h's role: a school or device computes its school's figures for
 * round (NULL: latest) from its archive; a county publishes its suppressed
 * view for year and round (0/NULL: latest) under po. Either is sealed to the
 * county and city above and signed with the keys o unlocks; *out says what
 * was published. Figures identical to the last ones published are not
 * published again (out->unchanged), also when a power cut fell between
 * writing that change-set and noting it. RX_EUSAGE at the city.
 */
int rx_ops_stats_publish(rx_ops_stats_published *out, rx_home *h, const rx_home_opts *o,
	int year, const char *round, const rx_ops_stats_pubopts *po, rx_error *err);

/*
 * Store one stats setting given as "threshold=1..100" (stats.threshold) or
 * "ratio=100..5000" (compliance.ratio); RX_EUSAGE for anything else.
 */
int rx_ops_stats_setting_set(rx_home *h, const char *kv, rx_error *err);

/* Render the report of a county or the city to path (NULL: stdout). */
int rx_ops_stats_report_write(rx_home *h, const rx_home_opts *o, int year, const char *round,
	const rx_ops_stats_pubopts *po, rx_ops_stats_format f, const char *path,
	rx_error *err);

/* -- Compliance policy: the thresholds of schema/rules/default.compliance (docs/rules.md section 8). -- */

/* School type (a setting of the school, `stats setting type=`) and highest stage taught. */
enum { RX_SCHOOL_TYPE_UNSET, RX_SCHOOL_URBAN, RX_SCHOOL_TOWNSHIP, RX_SCHOOL_VILLAGE };
enum { RX_STAGE_UNSET, RX_STAGE_PRIMARY, RX_STAGE_JUNIOR, RX_STAGE_SENIOR };

#define RX_OPS_COMPLIANCE_HOLIDAYS 16

typedef struct rx_ops_compliance_cfg {
	int students_per_teacher;  /* ratio: students per teacher, full- and part-time */
	int full_time_from;        /* RX_STAGE_*: from this stage up >= 1 full-time */
	unsigned full_time_types;  /* 1 << RX_SCHOOL_*: these need >= 1 full-time */
	unsigned part_time_types;  /* these may meet everything with part-time */
	int room_hours;            /* counselling room hours in every judged week */
	int lessons;               /* lessons per class in every judged fortnight */
	int committee_from_grade, committee_min;
	int coverage_pct, visit_pct; /* by the end of the school year */
	int term[2][4];            /* autumn, spring: start month, day, end month, day */
	int holiday[RX_OPS_COMPLIANCE_HOLIDAYS][4];
	int nholidays;
	long today;                /* the audit's day (rx_schema_date_days); 0: not set */
	int disclosure_threshold;  /* published counts 1..this are hidden (a hub's stats.threshold overrides) */
	int disclosure_protection; /* a hidden count keeps at least this many feasible values */
} rx_ops_compliance_cfg;

/* Parse a compliance file ("key = value" lines, # comments); RX_EINPUT with the line. */
int rx_ops_compliance_cfg_parse(rx_ops_compliance_cfg *c, const char *text, size_t len,
	rx_error *err);

/* The built-in default.compliance; RX_EINTERNAL if it does not parse. */
int rx_ops_compliance_cfg_init(rx_ops_compliance_cfg *c, rx_error *err);

/*
 * The judged blocks of len days (7: weeks, 14: fortnights) of the school year
 * starting in September of year: counted from each term's first day, whole
 * inside the term, ended before today (days), without a holiday day.
 * Writes at most max first days into starts; returns how many there are.
 */
size_t rx_ops_compliance_blocks(long *starts, size_t max, const rx_ops_compliance_cfg *c,
	int year, int len, long today);

/* "urban", "乡镇中心", ... -> RX_SCHOOL_*, "primary", "初中", ... -> RX_STAGE_*; 0 if unknown. */
int rx_ops_school_type_parse(const char *s);
int rx_ops_school_stage_parse(const char *s);
const char *rx_ops_school_type_zh(int t);
const char *rx_ops_school_stage_zh(int s);

#endif
