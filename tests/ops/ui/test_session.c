/* Web sessions: idle expiry, tokens, CSRF comparison; HTML escaping. */
#include <sodium.h>

#include "ops/ui/uiInt.h"
#include "tests/harness.h"

static void test_expiry(void)
{
	rx_ui_sessions ss = { .idle = 900 };
	rx_ui_session *s = rx_ui_session_new(&ss, 1000);
	char tok[RX_UI_TOKEN_HEX + 1];

	memcpy(tok, s->token, sizeof(tok));
	CHECK_EQ(strlen(tok), RX_UI_TOKEN_HEX);
	CHECK(rx_ui_session_find(&ss, tok, 1899) == s);   /* touched: idle counts from 1899 */
	CHECK(rx_ui_session_find(&ss, tok, 2798) == s);
	CHECK(rx_ui_session_find(&ss, tok, 3698) == NULL); /* 900 s idle: ended */
	CHECK_EQ(rx_ui_session_expire(&ss, 3698), 0);
	CHECK(rx_ui_session_find(&ss, tok, 3699) == NULL); /* stays ended */
	s = rx_ui_session_new(&ss, 5000);
	memcpy(tok, s->token, sizeof(tok));
	CHECK(rx_ui_session_find(&ss, tok, 1000) == NULL); /* a clock set far back ends it */
}

static void test_tokens(void)
{
	rx_ui_sessions ss = { .idle = 900 };
	rx_ui_session *a = rx_ui_session_new(&ss, 10), *b = rx_ui_session_new(&ss, 10);
	char bad[RX_UI_TOKEN_HEX + 1];

	CHECK(a != b);
	CHECK(strcmp(a->token, b->token) != 0);
	CHECK(strcmp(a->token, a->csrf) != 0);
	CHECK(rx_ui_csrf_ok(a, a->csrf));
	CHECK(!rx_ui_csrf_ok(a, b->csrf));
	CHECK(!rx_ui_csrf_ok(a, NULL));
	CHECK(!rx_ui_csrf_ok(a, ""));
	CHECK(!rx_ui_csrf_ok(NULL, a->csrf));
	memcpy(bad, a->csrf, sizeof(bad));
	bad[RX_UI_TOKEN_HEX - 1] ^= 1;
	CHECK(!rx_ui_csrf_ok(a, bad));
	bad[RX_UI_TOKEN_HEX - 1] = 0; /* a prefix is not the token */
	CHECK(!rx_ui_csrf_ok(a, bad));
	CHECK(rx_ui_session_find(&ss, a->csrf, 11) == NULL); /* the CSRF token is no cookie */
	CHECK(rx_ui_session_find(&ss, "", 11) == NULL);
	/* all slots taken: the one idle longest gives way */
	for (int i = 0; i < RX_UI_SESSIONS; i++)
		rx_ui_session_new(&ss, 20 + i);
	CHECK_EQ(rx_ui_session_expire(&ss, 30), RX_UI_SESSIONS);
}

static void test_escape(void)
{
	rx_buf b = RX_BUF_INIT;

	rx_ui_esc(&b, "<script>alert('x')</script> & \"q\" 张三");
	rx_buf_cstr(&b, NULL);
	CHECK_STR((char *)b.data,
		"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; 张三");
	rx_buf_reset(&b);
	rx_ui_put(&b, "<td>", NULL);
	rx_buf_cstr(&b, NULL);
	CHECK_STR((char *)b.data, "<td>");
	rx_buf_free(&b);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	RUN(test_expiry);
	RUN(test_tokens);
	RUN(test_escape);
	return rx_test_done();
}
