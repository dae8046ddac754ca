/* Web sessions: random cookie tokens, a CSRF token each, ended after a time of inactivity. */
#include <string.h>

#include <sodium.h>

#include "ops/ui/uiInt.h"

void rx_ui_token(char out[static RX_UI_TOKEN_HEX + 1])
{
	unsigned char raw[RX_UI_TOKEN_HEX / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, RX_UI_TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void rx_ui_session_end(rx_ui_session *s)
{
	sodium_memzero(s, sizeof(*s));
}

rx_ui_session *rx_ui_session_new(rx_ui_sessions *ss, time_t now)
{
	rx_ui_session *pick = &ss->s[0];

	rx_ui_session_expire(ss, now);
	for (size_t i = 0; i < RX_UI_SESSIONS; i++) {
		if (!ss->s[i].token[0]) {
			pick = &ss->s[i];
			break;
		}
		if (ss->s[i].seen < pick->seen)
			pick = &ss->s[i];
	}
	rx_ui_session_end(pick);
	rx_ui_token(pick->token);
	rx_ui_token(pick->csrf);
	pick->seen = now;
	return pick;
}

size_t rx_ui_session_expire(rx_ui_sessions *ss, time_t now)
{
	size_t live = 0;

	for (size_t i = 0; i < RX_UI_SESSIONS; i++) {
		if (!ss->s[i].token[0])
			continue;
		/* a clock set back counts as activity, never as a longer session */
		if (now - ss->s[i].seen >= ss->idle || now < ss->s[i].seen - 60)
			rx_ui_session_end(&ss->s[i]);
		else
			live++;
	}
	return live;
}

rx_ui_session *rx_ui_session_find(rx_ui_sessions *ss, const char *token, time_t now)
{
	rx_ui_session *hit = NULL;

	rx_ui_session_expire(ss, now);
	if (!token || strlen(token) != RX_UI_TOKEN_HEX)
		return NULL;
	for (size_t i = 0; i < RX_UI_SESSIONS; i++)
		if (ss->s[i].token[0] &&
		    sodium_memcmp(ss->s[i].token, token, RX_UI_TOKEN_HEX) == 0)
			hit = &ss->s[i];
	if (hit)
		hit->seen = now;
	return hit;
}

int rx_ui_csrf_ok(const rx_ui_session *s, const char *given)
{
	return s && given && strlen(given) == RX_UI_TOKEN_HEX &&
		sodium_memcmp(s->csrf, given, RX_UI_TOKEN_HEX) == 0;
}
