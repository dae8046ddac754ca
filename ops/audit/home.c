/* Run the integrity audit over this node's home and report it; needs no passphrase. */
#include <stdio.h>
#include <time.h>

#include "ops/archive/archive.h"
#include "ops/audit/audit.h"
#include "ops/home/home.h"

static int write_report(const rx_ops_audit *a, rx_ops_audit_format fmt,
	const char *path, const rx_ops_compliance_lines *c, rx_error *err)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	rx_ops_audit_extra extra = { (const char *const *)c->lines, c->n, c->findings,
		c->checked };
	int rc;

	if (!f)
		return rx_error_set(err, RX_EUSAGE, "cannot write %s", path);
	rc = rx_ops_audit_write(a, fmt, f, c->n ? &extra : NULL, err);
	if (path && fclose(f) != 0 && rc == 0)
		rc = rx_error_set(err, RX_EINTERNAL, "cannot write %s", path);
	return rc;
}

static int verdict(const rx_ops_audit *a, const char *path, rx_error *err)
{
	rx_ops_audit_summary s;

	rx_ops_audit_summary_get(a, &s);
	if (path)
		printf("audit: %zu branches, %zu change-sets verified; %zu integrity "
			"findings, %zu notes; report in %s\n", s.branches, s.changesets,
			s.integrity, s.notes, path);
	if (s.integrity)
		return rx_error_set(err, RX_ESECURITY, "%zu integrity finding%s "
			"(完整性问题)", s.integrity, s.integrity == 1 ? "" : "s");
	return 0;
}

int rx_ops_audit_home(const rx_home_opts *o, rx_ops_audit_format fmt, const char *path,
	int hubs_only, rx_error *err)
{
	git_repository *repo = NULL;
	rx_ops_audit *a = NULL;
	rx_ops_compliance_lines c = { 0 };
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_home_open(&h, o, err)) < 0)
		return rc;
	if (hubs_only && h->role != RX_ROLE_CITY && h->role != RX_ROLE_COUNTY) {
		rc = rx_error_set(err, RX_EUSAGE, "the audit runs at a city or county "
			"hub; use 'runxin verify' here");
		goto out;
	}
	if ((rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = rx_ops_audit_run(&a, repo, h->db, (int64_t)time(NULL), err)) < 0 ||
	    (hubs_only && (rc = rx_ops_compliance_collect(&c, h, o, err)) < 0) ||
	    (rc = write_report(a, fmt, path, &c, err)) < 0)
		goto out;
	rc = verdict(a, path, err);
out:
	rx_ops_compliance_lines_free(&c);
	rx_ops_audit_free(a);
	git_repository_free(repo);
	rx_home_close(h);
	return rc;
}
