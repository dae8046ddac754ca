/* Checks of a policy file: it parses as its kind, and its author may set it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ops/policy/policyInt.h"
#include "ops/stats/stats.h"
#include "schema/calendar.h"
#include "schema/groups.h"
#include "schema/obligation.h"

/* default.transfer: "keep = record" or "keep = archive", # comments. */
static int transfer_parse(const char *t, rx_error *err)
{
	int line = 0;

	for (const char *p = t; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		size_t n = strcspn(p, "\n");
		line++;
		if (!n || *p == '#' || (n == 13 && !memcmp(p, "keep = record", 13)) ||
		    (n == 14 && !memcmp(p, "keep = archive", 14)))
			continue;
		return rx_error_set(err, RX_EINPUT, "transfer line %d: expected keep = record "
			"or keep = archive", line);
	}
	return 0;
}

static int parse_as_kind(const rx_ops_policy_file *f, rx_error *err)
{
	rx_schema_scale *sc = NULL;
	rx_schema_rules *ru = NULL;
	int rc;

	if (!strcmp(f->kind, "scale")) {
		rc = rx_schema_scale_parse(&sc, f->data, f->len, err);
		rx_schema_scale_free(sc);
	} else if (!strcmp(f->kind, "rules")) {
		rc = rx_schema_rules_parse(&ru, f->data, f->len, err);
		rx_schema_rules_free(ru);
	} else if (!strcmp(f->kind, "due")) {
		rx_schema_oblig_cfg c;
		rc = rx_schema_oblig_parse(&c, f->data, f->len, err);
	} else if (!strcmp(f->kind, "groups")) {
		rx_schema_groups g;
		rc = rx_schema_groups_parse(&g, f->data, f->len, err);
	} else if (!strcmp(f->kind, "calendar")) {
		rx_schema_calendar c;
		rc = rx_schema_calendar_parse(&c, f->data, f->len, err);
	} else if (!strcmp(f->kind, "compliance")) {
		rx_ops_compliance_cfg c;
		memset(&c, 0, sizeof(c));
		rc = rx_ops_compliance_cfg_parse(&c, f->data, f->len, err);
	} else if (!strcmp(f->kind, "transfer")) {
		rc = transfer_parse(f->data, err);
	} else {
		rc = rx_error_set(err, RX_EINPUT, "unknown kind");
	}
	return rc < 0 ? RX_EINPUT : 0;
}

int rx_ops_policy_check_file(const rx_ops_policy_file *f, const char *label, rx_error *err)
{
	rx_error e = { 0 };

	/* only default.KIND is read for a kind other than scale */
	if (strcmp(f->kind, "scale") && strcmp(f->name, "default"))
		return rx_error_set(err, RX_EINPUT, "%s: 只读取 default.%s (only default.%s is "
			"read)", label, f->kind, f->kind);
	if (parse_as_kind(f, &e) < 0)
		return rx_error_set(err, RX_EINPUT, "%s: %s", label, e.msg);
	return 0;
}

/* disclosure_threshold and disclosure_protection of a compliance text; 0 if it does not parse. */
static int disclosure_of(int *thr, int *prot, const char *t, size_t n)
{
	rx_ops_compliance_cfg c;

	memset(&c, 0, sizeof(c));
	if (rx_ops_compliance_cfg_parse(&c, t, n, NULL) < 0)
		return 0;
	*thr = c.disclosure_threshold, *prot = c.disclosure_protection;
	return 1;
}

int rx_ops_policy_allowed(rx_role role, const rx_ops_policy_file *f,
	const rx_schema_builtin *city, rx_error *err)
{
	static const char *const county_kinds[] = { "scale", "due", "calendar",
		"compliance", NULL };
	int ok = role == RX_ROLE_CITY, thr, prot, cthr, cprot;

	if (role != RX_ROLE_CITY && role != RX_ROLE_COUNTY)
		return rx_error_set(err, RX_ESECURITY, "%s 无权设定政策 (a %s may not set policy)",
			rx_crypto_role_name(role), rx_crypto_role_name(role));
	for (size_t i = 0; !ok && county_kinds[i]; i++)
		ok = !strcmp(f->kind, county_kinds[i]);
	if (!ok)
		return rx_error_set(err, RX_ESECURITY, "县级不能设定 %s.%s, 只有市级能 "
			"(a county may not set %s files)", f->name, f->kind, f->kind);
	if (role == RX_ROLE_COUNTY && !strcmp(f->kind, "compliance") && city &&
	    disclosure_of(&cthr, &cprot, (const char *)city->data, city->len) &&
	    (!disclosure_of(&thr, &prot, f->data, f->len) || thr < cthr || prot < cprot))
		return rx_error_set(err, RX_ESECURITY, "县级不能调低市级的公开阈值 %d/%d "
			"(a county may not lower the city's disclosure threshold or protection)",
			cthr, cprot);
	return 0;
}

int rx_ops_policy_file_read(rx_ops_policy_file *f, const char *path, rx_error *err)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	struct stat st;
	FILE *fp = NULL;

	memset(f, 0, sizeof(*f));
	if (!dot || !rx_ops_policy_name_ok(base, (size_t)(dot - base)) ||
	    !rx_ops_policy_kind_known(dot + 1))
		return rx_error_set(err, RX_EINPUT, "%s: 文件名应为 名称.种类, 种类为 scale rules "
			"due groups calendar compliance transfer (name the file NAME.KIND)", path);
	memcpy(f->name, base, (size_t)(dot - base));
	snprintf(f->kind, sizeof(f->kind), "%s", dot + 1);
	if (!(fp = fopen(path, "rb")) || fstat(fileno(fp), &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || st.st_size > (off_t)RX_POLICY_FILE_MAX) {
		int e = errno;
		if (fp)
			fclose(fp);
		return rx_error_set(err, RX_EINPUT, "%s: %s", path, !fp ? strerror(e) :
			"空文件或超过 256 KiB (empty, or over 256 KiB)");
	}
	f->len = (size_t)st.st_size;
	if (!(f->data = malloc(f->len + 1)) || fread(f->data, 1, f->len, fp) != f->len) {
		fclose(fp);
		return rx_error_set(err, f->data ? RX_EINPUT : RX_EINTERNAL, "%s: cannot read", path);
	}
	fclose(fp);
	f->data[f->len] = 0;
	if (memchr(f->data, 0, f->len) || !rx_crypto_utf8_valid(f->data, f->len, 0))
		return rx_error_set(err, RX_EINPUT, "%s: 不是 UTF-8 文本 (not UTF-8 text)", path);
	return 0;
}
