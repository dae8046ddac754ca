/* The school's archive on this node: the unlocked store and repository, its records, per-student summaries. */
#ifndef RX_OPS_ARCHIVE_H
#define RX_OPS_ARCHIVE_H

#include <git2.h>

#include "ops/home/home.h"
#include "ops/util/util.h"
#include "schema/import.h"
#include "schema/obligation.h"
#include "schema/record.h"
#include "sync/meta.h"
#include "sync/store.h"

/* -- The unlocked archive of a node: state store, git repository, and the write path. -- */

typedef struct rx_archive {
	rx_home *h;
	rx_secrets *s;
	rx_sync_store *st;
	git_repository *repo;
	uint64_t node;        /* this node's id as 64 bits (the ops' author) */
	uint64_t hlc;         /* this node's clock state */
	uint8_t box_pk[32];   /* the master's box key: epoch 0 of the archive, reports */
	uint8_t box_sk[32];
	const char *operator; /* who reads or writes now (the web interface's login), else the setting */
	struct rx_epochs *ep; /* key epochs held (ops/home/epochs.h) */
} rx_archive;

/*
 * Unlock the node (passphrase), derive its data keys, open the store and the
 * repository, and apply any own change-set not applied yet (after a crash).
 * RX_EUSAGE if this node holds no data key (a device not joined yet).
 */
int rx_archive_open(rx_archive **out, rx_home *h, const rx_home_opts *o,
	rx_error *err);
void rx_archive_close(rx_archive *a);

/* The next clock value of this node (persisted by rx_archive_write). */
uint64_t rx_archive_tick(rx_archive *a);

/* Move this node's clock past a clock seen in a change-set. */
void rx_archive_observe(rx_archive *a, uint64_t hlc);

/*
 * Write ops as one archive change-set (every op stamped with this node and
 * the given clock when its node is 0), then apply it to the store. Either
 * both happen or, after a crash, the change-set is applied on next open.
 */
int rx_archive_write(rx_archive *a, rx_sync_op *ops, size_t n, rx_error *err);

/*
 * Apply a verified change-set that this node can open (archive of its own
 * school) inside the caller's transaction, and mark it applied. Re-applying
 * is a no-op.
 */
int rx_archive_apply_cs(rx_archive *a, const git_oid *id, rx_error *err);

/* Fill the apply hook of a sync so that archive change-sets are applied as verified. */
struct rx_sync_opts;
void rx_archive_sync_hook(rx_archive *a, struct rx_sync_opts *so);

struct rx_cs;
/*
 * Key epochs (docs/lifecycle.md). Rotate: open a new epoch, keep it in
 * HOME/epochs and grant it, in one signed archive change-set, to every
 * device of this school that is not revoked. Only a school rotates.
 */
int rx_archive_rotate(rx_archive *a, rx_error *err);
/* The key new archive change-sets are sealed to: the newest epoch's, else box_pk. */
const uint8_t *rx_archive_seal_key(const rx_archive *a);
/*
 * An archive change-set sealed to none of the held epochs: 1 if it was a
 * grant of this node's school to this node bringing new epochs (kept in
 * HOME/epochs), 2 if a grant with nothing new or this node's own, 0 if
 * this node cannot read it, < 0 on a bad grant.
 */
int rx_archive_epoch_cs(rx_archive *a, const struct rx_cs *cs, rx_error *err);
/* The held key (epoch 0: the master's) a change-set is sealed to, or 0 with none. */
int rx_archive_epoch_key(const rx_archive *a, const struct rx_cs *cs,
	const uint8_t **pk, const uint8_t **sk);

/* Apply every held archive change-set the store has not seen (after a sync). */
int rx_archive_catch_up(rx_archive *a, rx_error *err);

/* -- Records of the archive on this node: load, scan, counters, write, access log, today. -- */

/* A set of records of one type, sorted by id (after rx_recset_load). */
typedef struct rx_recset {
	rx_schema_rec *r;
	size_t n, cap;
} rx_recset;

/* Load every record of t (only owner's, if not NULL) into *set, sorted by id. */
int rx_recset_load(rx_recset *set, rx_archive *a, const rx_schema_type *t,
	const char *owner, rx_error *err);
/* The record with this id, or NULL. */
rx_schema_rec *rx_recset_find(const rx_recset *set, const char *id);
void rx_recset_free(rx_recset *set);

/* Load one record; *found 0 when it has no visible field. */
int rx_rec_get(rx_schema_rec *out, rx_archive *a, const rx_schema_type *t,
	const char *id, int *found, rx_error *err);

/*
 * Give a new record of a COUNTER type its id: this node's tag (the first six
 * hex digits of its id) and the next value of the setting seq.<kind>.
 */
int rx_rec_new_id(rx_schema_rec *r, rx_archive *a, rx_error *err);

/* Write the ops of r that differ from old (NULL: all); *changed = ops written. */
int rx_rec_write(rx_archive *a, const rx_schema_rec *r, const rx_schema_rec *old,
	size_t *changed, rx_error *err);

/*
 * Append an access record (kind "ax"): what was shown ("show S001",
 * "list st"), the operator (setting `operator`), the time (UTC); the device
 * is the op's author. Written through rx_archive_write, so it is signed.
 */
int rx_rec_access(rx_archive *a, const char *what, rx_error *err);

/* Today: $RUNXIN_TODAY (YYYY-MM-DD) if set, else the local date. */
int rx_rec_today(rx_schema_date *out, rx_error *err);

/*
 * rx_schema_rec_set, but a date field also takes today/今天/今日 and
 * yesterday/昨天/昨日, as of rx_rec_today.
 */
int rx_rec_set(rx_schema_rec *r, const char *name, const char *value, rx_error *err);

/*
 * A new record whose type is dated by a required field left unset: set it
 * to today; *field is then that field's Chinese label, else NULL.
 */
int rx_rec_date_default(rx_schema_rec *r, const char **field, rx_error *err);

/* Parse a stored YYYY-MM-DD (year 0 when v is NULL or bad). */
rx_schema_date rx_rec_date(const char *v);



/*
 * One line for a teacher: the type's Chinese name, then every field set as
 * "label value" in Chinese (ops/archive/render.h), no student number;
 * records updated by id end with "编号 ID".
 */
void rx_rec_print(FILE *f, const rx_schema_rec *r);
/* The same without the type's name, leaving out field skip (NULL: none). */
void rx_rec_print_fields(FILE *f, const rx_schema_rec *r, const char *skip);
/* The record as a JSON object {"type", "id", fields...}. */
void rx_rec_json(rx_json *j, const rx_schema_rec *r);

/* -- Per-student summaries: proposed and confirmed level, and the facts obligations need. -- */

#define RX_SUMMARY_SC_MAX 64 /* screening administrations kept per student */

typedef struct rx_sc_entry {
	char round[17], scale[33];
	int adm;
	rx_schema_date d;
	rx_schema_level lv;
	int total;            /* -1: not scored (a scale not built in) */
	signed char band;     /* band of the total, -1: unknown */
	unsigned char crit;   /* bit i: the scale's critical rule i holds (item 9) */
	unsigned char std;    /* total is the scale's standard score */
	unsigned char voided; /* the result is void (a validity rule, no norm) */
} rx_sc_entry;

typedef struct rx_summary {
	rx_schema_rec *st;           /* the student record (in students) */
	rx_schema_oblig_student ob;  /* facts for the obligations; ob.ref = index */
	rx_schema_level proposed;    /* latest round, MISSING when never screened */
	int discordant;
	char round[17];              /* the latest round */
	rx_schema_level confirmed;   /* latest assessment, MISSING when none */
	rx_sc_entry sc[RX_SUMMARY_SC_MAX];
	size_t nsc;
	int left;                     /* marked left: out of due and current counts */
	rx_schema_date observed;      /* latest observation report (ob), year 0: none */
	rx_schema_level observed_lv;  /* the level it proposes */
	char observed_ro[4];          /* who reported it (ro: cm, ob, ht, te, pt, ot) */
	int mentor;                   /* a care plan names a mentor (成长导师) */
	rx_schema_date screened_last; /* latest screening administration of any round */
	rx_schema_date contacted;     /* latest family contact: home visit, notice, counselling */
	/* what made the proposal, for a teacher, e.g. "PHQ-9 第9题 阳性; PHQ-9 总分 16
	   (中重度)"; empty when nothing stands out (docs/rules.md section 1) */
	char why[256];
	char assessed_round[17];      /* the round the latest confirmation was made against */
	/* every confirmation (newest kept): a re-confirmation of the same level keeps the clocks */
	rx_schema_date conf_d[RX_SUMMARY_SC_MAX];
	rx_schema_level conf_lv[RX_SUMMARY_SC_MAX];
	size_t nconf;
} rx_summary;

typedef struct rx_summaries {
	rx_recset students;   /* sorted by student number */
	rx_summary *s;        /* s[i] belongs to students.r[i] */
	rx_recset incidents;  /* every incident (kind "in") */
	rx_recset reviews;    /* every review report (kind "rr") */
} rx_summaries;

/*
 * Load the students (only `owner`, if not NULL) and everything obligations
 * need, as of today. Free with rx_summaries_free.
 */
int rx_summaries_load(rx_summaries *out, rx_archive *a, const char *owner,
	rx_schema_date today, rx_error *err);
rx_summary *rx_summaries_find(const rx_summaries *ss, const char *no);

/*
 * Load student no's summary as of today (*today set): *s points into *ss,
 * which the caller frees. RX_EINPUT "unknown student" when no is not on
 * the roster.
 */
int rx_summaries_load_one(rx_summaries *ss, rx_summary **s,
	rx_schema_date *today, rx_archive *a, const char *no, rx_error *err);
void rx_summaries_free(rx_summaries *ss);

/* Fill in an incident's review facts from its report (NULL: none). */
void rx_summary_incident(rx_schema_oblig_incident *out, const rx_schema_rec *in,
	const rx_schema_rec *rr);

/* -- Importing a roster or screening CSV: rows -> records, only changed fields written. -- */

typedef struct rx_archive_import_opts {
	const rx_schema_scale *scale;  /* NULL: a roster; else screenings of this scale */
	const rx_schema_rules *rules;  /* screening: the rules that give each row its level */
	const char *round;             /* screening: the round, e.g. 2024a */
	int adm;                       /* screening: administration 1 or 2; 0: choose */
	int complete;                  /* roster: the file is complete; mark absent students left */
	/* Called with each refused row's one-line reason (may be NULL); the import goes on. */
	void (*refused)(void *ctx, const rx_error *e);
	/* Called with each one-line note (the encoding, ignored columns, ...); may be NULL. */
	void (*note)(void *ctx, const char *line);
	void *ctx;
	/* a preview (the web interface): check and count every row, write nothing */
	int dry_run;
	/* pass every refused row to refused, not only the first RX_ARCHIVE_REFUSALS_SHOWN */
	int every_refusal;
} rx_archive_import_opts;

/* Refused rows: the first ones shown, the rest counted by kind of error. */
#define RX_ARCHIVE_REFUSALS_SHOWN 20
#define RX_ARCHIVE_REFUSAL_KINDS 8
typedef struct rx_archive_refusals {
	size_t n, hidden;       /* rows refused; not shown */
	size_t hidden_kind;     /* the one kind of all hidden rows, or SIZE_MAX */
	char kind[RX_ARCHIVE_REFUSAL_KINDS][160]; /* messages without line and values */
	size_t count[RX_ARCHIVE_REFUSAL_KINDS];   /* the last slot counts all other kinds */
} rx_archive_refusals;

/* Count a refused row; 1 when it is to be shown, 0 when only counted. */
int rx_archive_refusals_add(rx_archive_refusals *r, const rx_error *e);
/*
 * The closing line into out[cap] ("... 还有 9,981 行同样的错误 (...)", and
 * when most of the file's rows (kept: the rows kept) fail alike, what that
 * suggests: the wrong encoding or the wrong file). 1 if there is one, else 0.
 */
int rx_archive_refusals_summary(const rx_archive_refusals *r, size_t kept, char *out,
	size_t cap);

typedef struct rx_archive_imported {
	size_t rows;     /* rows kept */
	size_t refused;  /* rows refused (the first 20 passed to opts.refused, then a summary) */
	size_t fields;   /* fields written (changed) */
	size_t changesets; /* change-sets written (one per batch with changes) */
	size_t left;     /* complete roster: students marked left (absent from the file) */
	size_t returned; /* complete roster: students marked left by an earlier one, back */
	int complete_skipped; /* complete roster: rows were refused, so nobody was marked left */
} rx_archive_imported;

/*
 * Import the CSV at path as roster rows or, with o->scale, screening rows of
 * o->round: each kept row becomes a record, and every field that differs
 * from the archive is written, in change-sets of at most 20,000 rows each
 * (memory stays flat in the file size; a batch written stays written when a
 * later one fails). A screening row's
 * administration is o->adm, else the one of the same date (a re-import),
 * else the first missing. Rows with unknown students or bad values are
 * refused, not fatal: *out counts them and 0 is returned.
 */
int rx_archive_csv_import(rx_archive_imported *out, rx_archive *a, const char *path,
	const rx_archive_import_opts *o, rx_error *err);

/* -- Adding or updating one record by hand (care work, incidents, reviews, students). -- */

/* Whether records of t are added by hand (not access logs, screenings, assessments). */
int rx_archive_rec_addable(const rx_schema_type *t);

typedef struct rx_archive_added {
	int updated;    /* 1: the record existed and was updated; 0: added */
	size_t fields;  /* fields written (changed) */
} rx_archive_added;

/*
 * Add r (its fields set by the caller), or update the record with this id
 * (NULL: new; its id from its keys, or the next counter of this node).
 * Values r does not set are kept from the existing record; the result is
 * validated and its student (or a review's incident) must exist. r->id is
 * set; r stays the caller's. RX_EINPUT on a bad record or reference.
 */
int rx_archive_rec_add(rx_archive_added *out, rx_archive *a, rx_schema_rec *r,
	const char *id, rx_error *err);

/* -- Confirming a student's level after a one-to-one assessment. -- */

typedef struct rx_archive_confirm {
	const char *no;         /* the student number */
	rx_schema_level level;  /* the confirmed level (not MISSING) */
	const char *reason;     /* why, required when level differs from the proposal; may be NULL */
} rx_archive_confirm;

typedef struct rx_archive_confirmed {
	char id[64];               /* the assessment record written */
	rx_schema_level level;     /* as confirmed */
	rx_schema_level proposed;  /* the proposal it was checked against (NONE if never screened) */
} rx_archive_confirmed;

/*
 * Write an assessment record (kind "as") for c->no as of today: the level,
 * the proposal and its round, the reason, and the operator. RX_EINPUT for
 * an unknown student, RX_EUSAGE when the level overrides the proposal
 * without a reason.
 */
int rx_archive_level_confirm(rx_archive_confirmed *out, rx_archive *a,
	const rx_archive_confirm *c, rx_error *err);

/* -- Obligations still owed: every student's and incident's, overdue first, then upcoming. -- */

struct rx_schema_calendar;
typedef struct rx_archive_dues {
	rx_schema_due *d;           /* sorted as rx_schema_due_sort: orange/red due now first, then overdue, then by deadline */
	size_t n;
	const rx_schema_rec **who;  /* by d[i].ref: the students, then the incidents; NULL: school-wide */
	struct rx_schema_calendar *cal; /* the calendar school-wide items' texts point into */
} rx_archive_dues;

/*
 * Collect every obligation of the loaded summaries still owed as of today,
 * under the default obligation rules. who points into ss, which must outlive
 * *out. Free with rx_archive_dues_free (also after a failure).
 */
int rx_archive_dues_load(rx_archive_dues *out, const rx_summaries *ss,
	rx_schema_date today, rx_error *err);
void rx_archive_dues_free(rx_archive_dues *ds);

/* Which obligations `due` shows, and how. */
typedef struct rx_archive_due_opts {
	const char *grade, *klass; /* as a teacher writes them (8, 初二; 3, 3班); NULL: any */
	const char *teacher;       /* head teacher's name (class records' ht); NULL: any */
	int overdue;               /* only the overdue ones */
	int json;
} rx_archive_due_opts;

/*
 * Append the obligations of the key groups and the calendar (schema/care.h)
 * of the students not left, and the school-wide items (who NULL), then sort.
 */
int rx_archive_care_dues(rx_archive_dues *out, const rx_summaries *ss, rx_schema_date today,
	rx_error *err);

/*
 * Print the due list as of today to f, most urgent first: a title, one
 * aligned row per obligation (days overdue or left, student, class,
 * action, deadline, level, head teacher) and a summary line; or with json
 * an array of objects. RX_EUSAGE for a grade or class that cannot be read,
 * RX_EINPUT for a head teacher no class has. Logged as an access ("due").
 */
int rx_archive_due_print(FILE *f, rx_archive *a, const rx_archive_due_opts *o,
	rx_error *err);

/* -- Students about to leave with a warning level or care work owed (at_risk.c). -- */

typedef struct rx_archive_risk {
	char no[33], name[97];
	rx_schema_level lv;  /* confirmed, else proposed; MISSING: never screened */
	size_t open;         /* obligations still owed (those `due` lists for the student) */
	char why[256];       /* what the level rests on, for a teacher ("PHQ-9 第9题 阳性"); may be "" */
} rx_archive_risk;

typedef struct rx_archive_at_risk {
	rx_archive_risk *s;  /* every student not left (only owner, if given) */
	size_t n;
} rx_archive_at_risk;

/* Load, as of today, each student's level and open obligations. Free with rx_archive_at_risk_free. */
int rx_archive_at_risk_load(rx_archive_at_risk *out, rx_archive *a, const char *owner,
	rx_error *err);
const rx_archive_risk *rx_archive_at_risk_find(const rx_archive_at_risk *r, const char *no);
/* One line on f for a student at yellow or above, or with obligations owed; nothing otherwise. */
void rx_archive_at_risk_warn(FILE *f, const rx_archive_risk *r);
void rx_archive_at_risk_free(rx_archive_at_risk *r);

/* -- Listing records of a type, filtered by the student's level, key group, grade, class. -- */

typedef struct rx_archive_filter {
	const char *level, *flag, *grade, *klass;  /* as given; NULL: any */
	rx_schema_level lv;                        /* level, parsed */
	uint32_t bits;                             /* flag (key group), parsed */
} rx_archive_filter;

/* Parse f->level and f->flag into f->lv and f->bits; RX_EUSAGE when unknown. */
int rx_archive_filter_parse(rx_archive_filter *f, rx_error *err);
/* 1 if student s passes the parsed filter f (the web interface's list). */
int rx_archive_filter_keep(const rx_archive_filter *f, const rx_summary *s);

/*
 * Print the records of t to out, one line each (students with their
 * effective and proposed level), or with json an array of objects. Records
 * of per-student types are kept only when their student passes f. Listing a
 * personal type is logged as an access ("list CODE").
 */
int rx_archive_list_print(FILE *out, rx_archive *a, const rx_schema_type *t,
	const rx_archive_filter *f, int json, rx_error *err);

/* -- A student's timeline: the whole archive of one student, by date. -- */

/*
 * The student a teacher means by who: a 学号, else an exact name. The
 * 学号 into no. RX_EINPUT when none matches; RX_EUSAGE naming each
 * (学号, class) when several students have that name.
 */
int rx_archive_student_find(char no[static 33], rx_archive *a, const char *who,
	rx_error *err);

/*
 * Print student no's timeline to f: the student, the proposed (and whether
 * discordant) and effective level, then every record of the student by date
 * (ties by id); with json one object with the levels and a "timeline" array.
 * RX_EINPUT for an unknown student. The showing is logged as an access
 * ("show NO").
 */
int rx_archive_timeline_print(FILE *f, rx_archive *a, const char *no, int json,
	rx_error *err);

/* -- Incidents: students involved and classmates named (lists of student numbers). -- */

/*
 * The next student number of a list (separated by ; , 、 or spaces, full-width
 * too) into out; returns where to go on, NULL at the end.
 */
const char *rx_archive_nos_next(const char *p, char out[static 33]);
/* 1 if the list (may be NULL) holds no. */
int rx_archive_nos_has(const char *list, const char *no);
/*
 * Check and rewrite *list as "S001;S002" (duplicates dropped; NULL when
 * empty). RX_EINPUT naming label and the bad entry.
 */
int rx_archive_nos_norm(char **list, const char *label, rx_error *err);

/*
 * Before an incident r is written: no= joins the students involved (st),
 * st and cm are normalised, and every student named must be on the roster.
 */
int rx_archive_incident_prepare(rx_archive *a, rx_schema_rec *r, rx_error *err);
/* 1 if incident in involves no or names no as a classmate to follow up. */
int rx_archive_incident_names(const rx_schema_rec *in, const char *no);
/* Every incident that involves or names student no, sorted by id. */
int rx_archive_incidents_of(rx_recset *out, rx_archive *a, const char *no, rx_error *err);

/*
 * Load every incident into ss->incidents (only those naming owner, if not
 * NULL) and set each named student's ob.incident / ob.incident_classmate.
 */
int rx_summaries_incidents_load(rx_summaries *ss, rx_archive *a, const char *owner,
	rx_error *err);
/* An incident proposes red for each student involved, from its date (see incident.c). */
void rx_summary_incident_propose(rx_summary *s);

/* -- A letter to a student's parents (知情书, 建议书) as printable HTML. -- */

typedef struct rx_archive_letter_opts {
	const char *no;      /* the student number */
	const char *kind;    /* "inf" (知情书) or "sug" (建议书) */
	const char *contact; /* NULL: the school's psychology teachers (staff), else the operator */
	int *contact_blank;  /* if not NULL: set to 1 when no contact is known (the line is blank) */
} rx_archive_letter_opts;

/*
 * Render the letter of o->kind for student o->no into out: the template
 * HOME/letters/KIND.html if the school put one there, else the built-in
 * one, filled with the school, the student's name and class, the level
 * last confirmed, today's date, the contact and the head teacher, every
 * value HTML-escaped. The writing is logged as an access ("letter KIND NO").
 * RX_EINPUT for an unknown student, one with no confirmed warning level,
 * or a bad template; RX_EUSAGE for another kind.
 */
int rx_archive_letter_write(rx_buf *out, rx_archive *a, const rx_archive_letter_opts *o,
	rx_error *err);
/* -- Students who leave, and deleting a wrong record (docs/records.md). -- */

/* Whether the student record is marked as left (field lf). */
int rx_archive_student_left(const rx_schema_rec *st);

/*
 * Mark student no as left on `on` for reason (gr/tr/dr/nr, or their Chinese
 * or English names: 毕业/转学/辍学/不在完整花名册中). The student and every
 * record stay. RX_EINPUT for an unknown student, one already left or a bad
 * reason; nothing is written then.
 */
int rx_archive_student_leave(rx_archive *a, const char *no, const char *reason,
	rx_schema_date on, rx_error *err);

/* Students a complete roster may mark left at once, whatever the school's size. */
#define RX_ARCHIVE_LEAVE_SAFE 10

/*
 * After a complete roster: mark every student not in seen[nseen] (sorted
 * here) and not already left as left on `on` for reason nr; a student in
 * seen who was marked left for reason nr (absent from an earlier complete
 * roster) is back: lf and lr are cleared (field tombstones). One
 * change-set; *left and *returned count them. RX_EINPUT, nothing written,
 * when more than RX_ARCHIVE_LEAVE_SAFE students and over half the school
 * would leave (a class's list given as the whole school's).
 */
int rx_archive_leave_absent(size_t *left, size_t *returned, rx_archive *a, char (*seen)[33],
	size_t nseen, rx_schema_date on, rx_error *err);

/* Whether records of t may be deleted by hand (not the access log, not students). */
/* Whether deleting a record of type t needs a reason (screening, incident, review, confirmation). */
int rx_archive_rec_delete_needs_reason(const rx_schema_type *t);
int rx_archive_rec_deletable(const rx_schema_type *t);

/*
 * Delete record id of t: a record tombstone (docs/ops.md) and an access
 * record "delete CODE ID[: reason]" in one signed change-set. RX_EINPUT when
 * t may not be deleted or there is no such record; nothing is written then.
 */
int rx_archive_rec_delete(rx_archive *a, const rx_schema_type *t, const char *id,
	const char *reason, rx_error *err);

#endif
