/* Audit verdicts: integrity and compliance apart; a report with compliance shortfalls never says PASS for the whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/audit/auditInt.h"
#include "tests/harness.h"

static char *render(rx_ops_audit *a, rx_ops_audit_format f, const rx_ops_audit_extra *x)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	rx_error err = { 0 };

	if (!m)
		abort();
	CHECK_EQ(rx_ops_audit_write(a, f, m, x, &err), 0);
	fclose(m);
	return buf;
}

static void test_verdicts(void)
{
	rx_ops_audit *a = calloc(1, sizeof(*a));
	const char *lines[] = { "已核查 2 所学校：1 项不达标", "学校甲: 有逾期未完成的工作 [overdue]" };
	rx_ops_audit_extra shortfall = { lines, 2, 1, 1 }, met = { lines, 1, 0, 1 };
	char *s;

	REQUIRE(a);
	/* integrity intact, one compliance shortfall: no PASS anywhere */
	s = render(a, RX_AUDIT_HTML, &shortfall);
	CHECK(!strstr(s, "通过 PASS"));
	CHECK(strstr(s, "1 项不达标") != NULL);
	CHECK(strstr(s, "class=\"badge warn\"") != NULL);
	free(s);
	s = render(a, RX_AUDIT_TEXT, &shortfall);
	CHECK(!strstr(s, "PASS"));
	CHECK(strstr(s, "合规 1 项不达标") != NULL);
	free(s);
	s = render(a, RX_AUDIT_JSON, &shortfall);
	CHECK(strstr(s, "\"compliance_shortfalls\":1") != NULL);
	free(s);
	/* compliance met: both verdicts good, said apart */
	s = render(a, RX_AUDIT_HTML, &met);
	CHECK(strstr(s, "达标 met") != NULL);
	free(s);
	/* no compliance checked: the integrity verdict alone */
	s = render(a, RX_AUDIT_HTML, NULL);
	CHECK(strstr(s, "通过 PASS") != NULL);
	free(s);
	free(a);
}

int main(void)
{
	RUN(test_verdicts);
	return rx_test_done();
}
