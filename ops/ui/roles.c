/* Roles: the node's passphrase (psychology teacher) sees the school; a head teacher's login only their classes. */
#include <stdio.h>
#include <string.h>

#include "ops/ui/uiInt.h"

void rx_ui_head_key(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "ui.head.%s", name);
}

int rx_ui_scope_open(rx_ui_scope *sc, rx_archive *a, const rx_ui_session *s, rx_error *err)
{
	memset(sc, 0, sizeof(*sc));
	sc->s = s;
	if (!s || !s->head)
		return 0;
	return rx_recset_load(&sc->classes, a, rx_schema_type_find("cl"), NULL, err);
}

int rx_ui_scope_sees(const rx_ui_scope *sc, const rx_schema_rec *st)
{
	const char *g = rx_schema_rec_get(st, "gr"), *c = rx_schema_rec_get(st, "c"), *ht;
	const rx_schema_rec *cl;
	char id[64];

	if (!sc->s || !sc->s->head)
		return 1;
	if (!g || !c)
		return 0;
	snprintf(id, sizeof(id), "%s/%s", g, c);
	cl = rx_recset_find(&sc->classes, id);
	ht = cl ? rx_schema_rec_get(cl, "ht") : NULL;
	return ht && !strcmp(ht, sc->s->who);
}

void rx_ui_scope_close(rx_ui_scope *sc)
{
	rx_recset_free(&sc->classes);
}

int rx_ui_sees_student(rx_archive *a, const rx_ui_session *s, const char *no)
{
	rx_ui_scope sc;
	rx_schema_rec st;
	int found = 0, ok = 0;

	if (!s || !s->head)
		return 1;
	if (rx_ui_scope_open(&sc, a, s, NULL) < 0)
		return 0;
	if (rx_rec_get(&st, a, rx_schema_type_find("st"), no, &found, NULL) == 0) {
		ok = found && rx_ui_scope_sees(&sc, &st);
		rx_schema_rec_clear(&st);
	}
	rx_ui_scope_close(&sc);
	return ok;
}
