/* runxin import roster|screening: CSV rows -> records, only changed fields written. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"
#include "schema/schema.h"

/* A refused row goes to stderr; the import goes on. */
static void refused(void *ctx, const rx_error *e)
{
	fprintf(stderr, "runxin import: %s\n", e->msg);
}

/* A note (the file's encoding, ignored columns, ...) goes to stderr too. */
static void note(void *ctx, const char *line)
{
	fprintf(stderr, "runxin import: %s\n", line);
}

static int parse_round(const char *round, const char *adm, int *out, rx_error *err)
{
	if (!round || !rx_schema_no_valid(round) || strlen(round) > 16)
		return rx_error_set(err, RX_EUSAGE,
			"--round needs 1–16 letters, digits, - or _ (e.g. 2024a)");
	*out = 0;
	if (adm && strcmp(adm, "1") && strcmp(adm, "2"))
		return rx_error_set(err, RX_EUSAGE, "--administration is 1 or 2");
	if (adm)
		*out = adm[0] - '0';
	return 0;
}

#define NAMED_MAX 30 /* students named after a complete roster marked them left */

/* Name the students a complete roster marked left; warn for each with a level or care work owed. */
static int name_left(rx_archive *a, const rx_archive_at_risk *before, rx_error *err)
{
	rx_archive_at_risk after = { 0 };
	size_t named = 0, more = 0;
	int rc;

	if ((rc = rx_archive_at_risk_load(&after, a, NULL, err)) < 0)
		return rc;
	for (size_t i = 0; i < before->n; i++) {
		if (rx_archive_at_risk_find(&after, before->s[i].no))
			continue;
		if (named == NAMED_MAX) {
			more++;
			continue;
		}
		printf("%s%s %s", named++ ? ", " : "  已标记离校 (marked left): ",
			before->s[i].no, before->s[i].name);
	}
	if (named)
		printf(more ? " 等, 另有 %zu 名\n" : "\n", more);
	for (size_t i = 0; i < before->n; i++)
		if (!rx_archive_at_risk_find(&after, before->s[i].no))
			rx_archive_at_risk_warn(stderr, &before->s[i]);
	rx_archive_at_risk_free(&after);
	return 0;
}

int rx_cmd_import(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *scale = NULL, *round = NULL, *adm = NULL, *pos[2];
	int complete = 0;
	const rx_argopt opts[] = { { "--scale", &scale, NULL }, { "--round", &round, NULL },
		{ "--administration", &adm, NULL }, { "--complete", NULL, &complete },
		{ NULL, NULL, NULL } };
	rx_schema_scale *sc = NULL;
	rx_schema_rules *rules = NULL;
	rx_archive_import_opts so = { .refused = refused, .note = note };
	rx_archive_imported n = { 0 };
	rx_archive_at_risk before = { 0 };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 2, 2, err)) < 0)
		return rc;
	if (complete && strcmp(pos[0], "roster"))
		return rx_error_set(err, RX_EUSAGE, "--complete 只用于花名册 (only for a roster)");
	if (!strcmp(pos[0], "screening")) {
		if (!scale)
			return rx_error_set(err, RX_EUSAGE, "import screening needs --scale");
		if ((rc = parse_round(round, adm, &so.adm, err)) < 0 ||
		    (rc = rx_schema_builtin_scale(&sc, scale, err)) < 0 ||
		    (rc = rx_schema_builtin_rules(&rules, "default", err)) < 0)
			goto out;
		so.scale = sc, so.rules = rules, so.round = round;
	} else if (strcmp(pos[0], "roster") || scale || round || adm) {
		return rx_error_set(err, RX_EUSAGE, "import roster FILE | import screening ...");
	}
	so.complete = complete;
	if ((rc = rx_home_open(&h, &o->home, err)) < 0 || (rc = rx_archive_open(&a, h, &o->home, err)) < 0)
		goto out;
	if (complete && (rc = rx_archive_at_risk_load(&before, a, NULL, err)) < 0)
		goto out;
	if ((rc = rx_archive_csv_import(&n, a, pos[1], &so, err)) < 0)
		goto out;
	printf("%zu 行已导入, %zu 行被拒绝, %zu 个字段有变化 (rows imported, refused, fields changed)\n",
		n.rows, n.refused, n.fields);
	if (complete && !n.complete_skipped) {
		printf("%zu 名学生不在完整花名册中, 已标记离校 (students absent from the complete roster marked left)\n",
			n.left);
		if (n.left && (rc = name_left(a, &before, err)) < 0)
			goto out;
	}
	if (n.returned)
		printf("%zu 名学生重新出现在完整花名册中, 取消离校标记 (students back on the complete roster)\n",
			n.returned);
	if (n.refused)
		rc = rx_error_set(err, RX_EINPUT, "%zu 行被拒绝 (lines refused; the rest were kept)%s",
			n.refused, n.complete_skipped ?
			"; 未标记离校学生, 改正后重新导入 (--complete: nobody marked left; fix and import again)" : "");
	else if (n.complete_skipped)
		rc = rx_error_set(err, RX_EINPUT,
			"花名册为空, 未标记离校学生 (--complete: empty roster, nobody marked left)");
out:
	rx_archive_at_risk_free(&before);
	rx_archive_close(a);
	rx_home_close(h);
	rx_schema_rules_free(rules);
	rx_schema_scale_free(sc);
	return rc;
}
