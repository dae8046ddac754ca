/* Letters to parents: placeholders escaped, one level's sections kept, bad templates refused; the built-in ones. */
#include <string.h>

#include "schema/builtin.h"
#include "schema/letter.h"
#include "tests/harness.h"

static const rx_schema_letter_var vars[] = {
	{ "school", "城关中学" }, { "name", "<b>小&明's \"家\"</b>" }, { "class", "8年级2班" },
	{ "level", "红色" }, { "date", "2024年10月20日" }, { "contact", "王老师" },
	{ "head_teacher", "" }, { "basis", "根据学校心理健康测评和心理健康教师的一对一专业评估" },
};

/* Render tpl for section; the result (NUL-terminated) in *out, or the error code. */
static int render(rx_buf *out, const char *tpl, const char *section, rx_error *err)
{
	rx_schema_letter l = { tpl, strlen(tpl), vars, sizeof(vars) / sizeof(vars[0]), section };
	int rc;

	rx_buf_reset(out);
	rx_error_clear(err);
	if ((rc = rx_schema_letter_render(out, &l, err)) == 0)
		rc = rx_buf_cstr(out, err);
	return rc;
}

static void test_fill(void)
{
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };

	REQUIRE(render(&b, "<p>{{ name }}, {{class}}</p>", NULL, &err) == 0);
	CHECK_STR((char *)b.data,
		"<p>&lt;b&gt;小&amp;明&#39;s &quot;家&quot;&lt;/b&gt;, 8年级2班</p>");
	REQUIRE(render(&b, "a{{#red}}R{{name}}{{/red}}{{#yellow}}Y{{/yellow}}b", "red", &err) == 0);
	CHECK_STR((char *)b.data, "aR&lt;b&gt;小&amp;明&#39;s &quot;家&quot;&lt;/b&gt;b");
	REQUIRE(render(&b, "a{{#red}}R{{/red}}{{#yellow}}Y{{/yellow}}b", "yellow", &err) == 0);
	CHECK_STR((char *)b.data, "aYb");
	REQUIRE(render(&b, "{{head_teacher}}|{ not one }|", NULL, &err) == 0);
	CHECK_STR((char *)b.data, "|{ not one }|");
	rx_buf_free(&b);
}

static void test_bad(void)
{
	static const struct { const char *tpl, *want; } bad[] = {
		{ "ok\n{{nam}}", "第 2 行" }, { "{{name", "unclosed" }, { "{{na\nme}}", "unclosed" },
		{ "{{#red}}{{#yellow}}{{/yellow}}{{/red}}", "nested" },
		{ "{{#red}}x", "not closed" }, { "{{/red}}", "without its open" },
		{ "{{#red}}x{{/yellow}}", "without its open" }, { "\xff", "UTF-8" },
	};
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	char *big = malloc(RX_SCHEMA_LETTER_MAX + 2);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(render(&b, bad[i].tpl, "red", &err), RX_EINPUT);
		CHECK(strstr(err.msg, bad[i].want) != NULL);
	}
	REQUIRE(big != NULL);
	memset(big, 'x', RX_SCHEMA_LETTER_MAX + 1);
	big[RX_SCHEMA_LETTER_MAX + 1] = 0;
	CHECK_EQ(render(&b, big, "red", &err), RX_EINPUT);
	free(big);
	rx_buf_free(&b);
}

/* Each built-in letter renders for each level: no placeholder left, its own text only. */
static void test_builtin(void)
{
	static const char *const kinds[] = { "inf", "sug" };
	static const char *const levels[] = { "red", "orange", "yellow" };
	static const char *const marks[2][3] = {
		{ "红色预警表示", "橙色预警表示", "黄色预警表示" },
		{ "绿色通道", "专业社会组织", "快乐成长小组" } };
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };

	for (int k = 0; k < 2; k++) {
		const rx_schema_builtin *t = rx_schema_builtin_find("html", kinds[k]);

		REQUIRE(t != NULL);
		for (int l = 0; l < 3; l++) {
			rx_schema_letter x = { (const char *)t->data, t->len, vars,
				sizeof(vars) / sizeof(vars[0]), levels[l] };

			rx_buf_reset(&b);
			REQUIRE(rx_schema_letter_render(&b, &x, &err) == 0);
			REQUIRE(rx_buf_cstr(&b, &err) == 0);
			CHECK(strstr((char *)b.data, "{{") == NULL);
			CHECK(strstr((char *)b.data, "}}") == NULL);
			CHECK(strstr((char *)b.data, "&lt;b&gt;小&amp;明") != NULL);
			CHECK(strstr((char *)b.data, "<b>小") == NULL);
			for (int o = 0; o < 3; o++)
				CHECK((strstr((char *)b.data, marks[k][o]) != NULL) == (o == l));
		}
	}
	rx_buf_free(&b);
}

int main(void)
{
	RUN(test_fill);
	RUN(test_bad);
	RUN(test_builtin);
	return rx_test_done();
}
