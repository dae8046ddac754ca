/* A printable letter to the parents (知情书, 建议书): `print letter`'s HTML, its style allowed by hash only. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "ops/ui/uiInt.h"

/*
 * The letter's own <style> block is allowed by its SHA-256 and nothing
 * else inline is: a value that slipped into the template cannot style or
 * script the page.
 */
static int style_policy(char *out, size_t cap, const rx_buf *html)
{
	const char *s = (const char *)html->data, *a, *z;
	unsigned char h[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	char styles[160] = "";

	if ((a = strstr(s, "<style>")) && (z = strstr(a, "</style>")) && !strstr(z, "<style")) {
		a += strlen("<style>");
		crypto_hash_sha256(h, (const unsigned char *)a, (unsigned long long)(z - a));
		sodium_bin2base64(b64, sizeof(b64), h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
		snprintf(styles, sizeof(styles), " 'sha256-%s'", b64);
	}
	return snprintf(out, cap, "default-src 'none'; style-src 'self'%s; img-src 'self'; "
		"frame-ancestors 'none'; base-uri 'none'; form-action 'none'", styles) >= (int)cap;
}

void rx_ui_page_letter(rx_ui *u, rx_ui_req *r)
{
	const char *no = rx_ui_arg(r, "no"), *kind = rx_ui_arg(r, "kind");
	rx_archive_letter_opts o = { 0 };
	rx_buf html = RX_BUF_INIT;
	rx_error err = { 0 };

	if (!no || !rx_schema_no_valid(no) || !kind || (strcmp(kind, "inf") && strcmp(kind, "sug")))
		return rx_ui_message(r, 400, "无法打印", "请给出学号和信的种类 (student and kind)");
	if (!rx_ui_sees_student(u->a, r->sess, no))
		return rx_ui_message(r, 403, "无权查看", "这名学生不在你所带的班级 (not in a class you lead)");
	o.no = no, o.kind = kind;
	if (rx_archive_letter_write(&html, u->a, &o, &err) < 0 || rx_buf_cstr(&html, &err) < 0 ||
	    style_policy(r->csp, sizeof(r->csp), &html)) {
		rx_ui_message(r, err.code == RX_EINTERNAL ? 500 : 400, "无法打印", err.msg);
		goto out;
	}
	rx_buf_put(&r->out, html.data, html.len, NULL);
out:
	rx_buf_free(&html);
}
