/* Obligations: what is due for a student or an incident, and by when (pure; docs/records.md). */
#ifndef RX_SCHEMA_OBLIGATION_H
#define RX_SCHEMA_OBLIGATION_H

#include <stddef.h>

#include "crypto/error.h"
#include "schema/import.h"
#include "schema/rules.h"

/* Actions, in the order `due` prints them on the same day. */
typedef enum rx_schema_action {
	RX_ACT_ASSESSMENT,   /* 一对一专业评估 */
	RX_ACT_PARENTS,      /* 告知家长 (知情书/建议书) */
	RX_ACT_REFERRAL,     /* 转介就医 */
	RX_ACT_CARE_PLAN,    /* 一生一策 */
	RX_ACT_GROWTH_GROUP, /* 1+1+3 成长小组 */
	RX_ACT_FOLLOW_UP,    /* 跟踪随访 (recurring) */
	RX_ACT_COUNSELLING,  /* 心理辅导 (recurring) */
	RX_ACT_SCREENING,    /* 年度测评 (two administrations) */
	RX_ACT_HOME_VISIT,   /* 年度家访 */
	RX_ACT_HOME_VISIT_ON_SITE, /* 年度实地家访 */
	RX_ACT_REVIEW,       /* 复盘报告 */
	/* care after an incident, a referral's feedback, the second parent letter */
	RX_ACT_SUGGESTION,   /* 发送建议书 (the `parents` rule's second letter) */
	RX_ACT_INCIDENT_PARENTS,   /* 事发当天联系家长 */
	RX_ACT_INCIDENT_CARE_PLAN, /* 事后干预一生一策 */
	RX_ACT_CLASSMATE_FOLLOW_UP,/* 同学事后随访 */
	RX_ACT_FEEDBACK,     /* 医院反馈 (跟踪反馈) */
	RX_ACT_FEEDBACK_GREEN, /* 医院反馈, the referral went by the green channel */
	RX_ACT_MENTOR,       /* 选配成长导师 (key groups; schema/care.h) */
	RX_ACT_TERM_SCREENING, /* 本学期重点人员筛查 */
	RX_ACT_CONTACT,      /* a calendar item: contact the family */
	RX_ACT_CHECKLIST,    /* a school-wide calendar item */
	RX_ACT_KEY_PERIOD,   /* a key period's reminder, school-wide */
	RX_ACT_COUNT
} rx_schema_action;

/* Chinese label and English name of an action. */
const char *rx_schema_action_zh(rx_schema_action a);
const char *rx_schema_action_en(rx_schema_action a);

/* One per-level rule: act within `days` of the level's start, or every `days`. */
typedef struct rx_schema_oblig_rule {
	rx_schema_action act;
	int days;
	int every; /* 1: recurring, counted from the last session */
} rx_schema_oblig_rule;

#define RX_SCHEMA_OBLIG_RULES_MAX 16

/* The settings (schema/rules/default.due). */
typedef struct rx_schema_oblig_cfg {
	rx_schema_oblig_rule level[4][RX_SCHEMA_OBLIG_RULES_MAX]; /* by level */
	size_t nlevel[4];
	int review_days;      /* incident -> review report */
	int review_min_chars; /* characters over the four aspects */
	/* days (0 = the same day) after an incident, and after a referral; -1: not owed */
	int incident_assessment_days; /* one-to-one assessment of an involved student */
	int incident_parents_days;    /* contact with the parents */
	int incident_care_plan_days;  /* a care plan made after the incident */
	int incident_classmates_days; /* a session with each classmate named */
	int referral_feedback_days;   /* the hospital's feedback */
	/* screening (docs/rules.md section 1) */
	int critical_days;    /* a critical answer (item 9) -> assessment; 0: the same day */
	int discordant_days;  /* a discordant round -> assessment */
	int min_interval_days;/* between the two administrations of a round */
	int round_window_days;/* after the first, the second is awaited this long */
} rx_schema_oblig_cfg;

/* Parse a .due settings file (strict, as scales). 0 or RX_EINPUT naming the line. */
int rx_schema_oblig_parse(rx_schema_oblig_cfg *out, const char *text, size_t len,
	rx_error *err);
/* The embedded defaults (schema/rules/default.due). */
int rx_schema_oblig_default(rx_schema_oblig_cfg *out, rx_error *err);

/* Days since 1970-01-01 (proleptic Gregorian) and back. */
long rx_schema_date_days(rx_schema_date d);
rx_schema_date rx_schema_date_from_days(long days);
/* Start of the school year (Sept 1) holding d. */
rx_schema_date rx_schema_school_year_start(rx_schema_date d);

/*
 * What is known of one student, loaded by the caller. A date with year 0
 * means "none". Dates are the latest of their kind unless said otherwise.
 */
typedef struct rx_schema_oblig_student {
	size_t ref;                 /* the caller's index, copied to each due */
	rx_schema_level level;      /* effective level (confirmed, else proposed): shown, counted */
	rx_schema_date level_since; /* when that level started */
	rx_schema_level proposed;   /* latest round's proposal (MISSING: none) */
	rx_schema_date proposed_since;
	rx_schema_date assessed;    /* latest one-to-one assessment */
	rx_schema_date notice;      /* latest parent notice */
	rx_schema_date referral;
	rx_schema_date care_plan;
	rx_schema_date growth_group;/* care plan with mentor and three peers */
	rx_schema_date session;     /* latest counselling session */
	int screened;               /* administrations of one scale this school year (max) */
	rx_schema_date visit;       /* latest home visit this school year */
	int visit_on_site;          /* that year has an on-site visit */
	int key_group;              /* any key-group flag */
	/* notice (above): the latest 知情书 signed by the parents */
	rx_schema_date suggestion;  /* latest 建议书 sent */
	rx_schema_date parent_contact; /* latest notice or home visit of any mode */
	rx_schema_date incident;    /* latest incident the student was involved in */
	rx_schema_date incident_classmate; /* latest incident naming the student as a classmate */
	rx_schema_date feedback;    /* the latest referral's feedback (year 0: none) */
	int referral_green;         /* the latest referral went by the green channel */
	/* screening: care duties follow the confirmed level from its date (assessed) */
	rx_schema_level confirmed;  /* latest confirmation (MISSING or NONE: none) */
	rx_schema_date care_since;  /* first confirmation of the confirmed level's latest run:
	                               its care duties count from here (year 0: assessed) */
	rx_schema_date critical_since;   /* latest critical answer (item 9) of the latest round */
	rx_schema_date discordant_since; /* discordant round: assessment on/after this settles it */
	rx_schema_date discordant_start; /* ... and is owed from this day */
	rx_schema_level discordant_level;/* the worse administration of that round */
	int assessed_stale;         /* the latest confirmation was of an earlier round: it does
	                               not settle this round's proposal, even on the same day */
	int no_fitting_scale;       /* 1: no scale fits the student's age/grade: no screening owed */
} rx_schema_oblig_student;

typedef struct rx_schema_oblig_incident {
	size_t ref;
	rx_schema_date date;
	rx_schema_date submitted;   /* year 0: no report submitted */
	size_t chars;               /* characters (code points) of the four aspects */
	int aspects;                /* aspects written, 0..4 */
	int signatures;             /* roles signed, 0..4 */
} rx_schema_oblig_incident;

typedef struct rx_schema_due {
	size_t ref;
	rx_schema_action act;
	rx_schema_level level;  /* the level it comes from (NONE for yearly ones) */
	rx_schema_date deadline;
	long days_left;         /* deadline - today; < 0: overdue */
	const char *what;       /* a calendar item's own text (NULL: the action's label) */
	size_t count;           /* a school-wide item: students it still waits for */
} rx_schema_due;

#define RX_SCHEMA_DUE_PER_STUDENT (RX_SCHEMA_OBLIG_RULES_MAX + 4 + 8)

/*
 * Append what student s still owes as of today to out (room for at least
 * RX_SCHEMA_DUE_PER_STUDENT). Returns the number appended.
 */
size_t rx_schema_oblig_student_due(const rx_schema_oblig_cfg *cfg,
	const rx_schema_oblig_student *s, rx_schema_date today, rx_schema_due *out);

/*
 * The duties of care after an incident (assessment, parents, care plan;
 * classmates' follow-up) and a referral's feedback, for student s, appended
 * to out[0..n) (the student's other dues; an earlier-due assessment there
 * is tightened rather than repeated). Returns the new count.
 */
size_t rx_schema_oblig_care_due(const rx_schema_oblig_cfg *cfg,
	const rx_schema_oblig_student *s, rx_schema_date today, rx_schema_due *out,
	size_t n);

/* 1 and *out filled if the incident's review report is still owed, else 0. */
int rx_schema_oblig_incident_due(const rx_schema_oblig_cfg *cfg,
	const rx_schema_oblig_incident *in, rx_schema_date today, rx_schema_due *out);

/*
 * Sort: what is due today or overdue for a student at orange or red first
 * (red before orange, most overdue first), then the rest overdue (most
 * overdue first), then upcoming by deadline.
 */
void rx_schema_due_sort(rx_schema_due *d, size_t n);

#endif
