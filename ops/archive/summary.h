/* Per-student summaries: proposed and confirmed level, and the facts obligations need. */
#ifndef RX_NODE_SUMMARY_H
#define RX_NODE_SUMMARY_H

#include "node/records.h"
#include "schema/obligation.h"

#define RX_SUMMARY_SC_MAX 64 /* screening administrations kept per student */

typedef struct rx_sc_entry {
	char round[17], scale[33];
	int adm;
	rx_schema_date d;
	rx_schema_level lv;
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
void rx_summaries_free(rx_summaries *ss);

/* Fill in an incident's review facts from its report (NULL: none). */
void rx_summary_incident(rx_schema_oblig_incident *out, const rx_schema_rec *in,
	const rx_schema_rec *rr);

#endif
