/* The dashboard: students by level (confirmed or still only proposed), what is owed (overdue first), the last sync. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/archive/render.h"
#include "ops/hub/hub.h"
#include "ops/ui/uiInt.h"

#define DUES_SHOWN 60

static void levels(rx_buf *b, const rx_summaries *ss, const rx_ui_scope *sc)
{
	static const char *const name[] = { "无", "黄", "橙", "红" };
	size_t conf[4] = { 0 }, prop[4] = { 0 }, unconfirmed = 0;

	for (size_t i = 0; i < ss->students.n; i++) {
		const rx_summary *s = &ss->s[i];
		if (s->left || !rx_ui_scope_sees(sc, s->st))
			continue;
		if (s->confirmed >= 0 && s->confirmed <= RX_SCHEMA_LEVEL_RED)
			conf[s->confirmed]++;
		else if (s->proposed > RX_SCHEMA_LEVEL_NONE)
			prop[s->proposed]++, unconfirmed++;
	}
	rx_buf_puts(b, "<h2>预警等级</h2><table class=\"levels\"><tr><th>等级</th><th>已确认</th>"
		"<th>仅建议, 待一对一评估确认</th></tr>", NULL);
	for (int l = RX_SCHEMA_LEVEL_RED; l >= 0; l--)
		rx_ui_printf(b, "<tr class=\"lv%d\"><td><a href=\"/students?level=%d\">%s</a></td>"
			"<td>%zu</td><td>%zu</td></tr>", l, l, name[l], conf[l], prop[l]);
	rx_ui_printf(b, "</table><p>待确认 %zu 名。</p>", unconfirmed);
}

static void red_list(rx_buf *b, const rx_summaries *ss, const rx_ui_scope *sc)
{
	size_t n = 0;
	char gc[64];

	rx_buf_puts(b, "<h2>红色预警学生</h2><table><tr><th>学号</th><th>姓名</th><th>班级</th>"
		"<th>原因</th></tr>", NULL);
	for (size_t i = 0; i < ss->students.n; i++) {
		const rx_summary *s = &ss->s[i];
		if (s->left || s->ob.level != RX_SCHEMA_LEVEL_RED || !rx_ui_scope_sees(sc, s->st))
			continue;
		rx_rec_grade_class(s->st, gc, sizeof(gc));
		rx_ui_put(b, "<tr class=\"lv3\"><td><a href=\"/student?no=", s->st->id);
		rx_ui_put(b, "\">", s->st->id);
		rx_ui_put(b, "</a></td><td>", rx_schema_rec_get(s->st, "n"));
		rx_ui_put(b, "</td><td>", gc);
		rx_ui_put(b, "</td><td>", s->why[0] ? s->why : (s->confirmed == RX_SCHEMA_LEVEL_RED ?
			"评估确认为红" : "极端事件或观察报告"));
		rx_buf_puts(b, "</td></tr>", NULL);
		n++;
	}
	rx_buf_puts(b, "</table>", NULL);
	if (!n)
		rx_buf_puts(b, "<p>没有红色预警学生。</p>", NULL);
}

static void due_row(rx_buf *b, const rx_archive_dues *ds, const rx_summaries *ss,
	const rx_schema_due *d)
{
	const rx_schema_rec *w = ds->who[d->ref];
	const rx_summary *s = NULL;
	char no[33] = "", gc[64] = "", what[320];

	if (w) {
		rx_schema_rec_owner(w, no);
		s = no[0] ? rx_summaries_find(ss, no) : NULL;
	}
	if (s)
		rx_rec_grade_class(s->st, gc, sizeof(gc));
	snprintf(what, sizeof(what), "%s", d->what ? d->what : rx_schema_action_zh(d->act));
	rx_ui_printf(b, "<tr class=\"%s\"><td>", d->days_left < 0 ? "late" : "");
	if (d->days_left < 0)
		rx_ui_printf(b, "逾期 %ld 天", -d->days_left);
	else
		rx_ui_printf(b, "还剩 %ld 天", d->days_left);
	rx_buf_puts(b, "</td><td>", NULL);
	if (s) {
		rx_ui_put(b, "<a href=\"/student?no=", no);
		rx_ui_put(b, "\">", rx_schema_rec_get(s->st, "n"));
		rx_ui_put(b, "</a> ", gc);
	} else
		rx_ui_esc(b, w ? w->type->zh : "全校");
	rx_ui_put(b, "</td><td>", what);
	if (d->count)
		rx_ui_printf(b, " (尚有 %zu 名学生未完成)", d->count);
	else if (s && d->act == RX_ACT_ASSESSMENT && s->why[0])
		rx_ui_put(b, " (", s->why), rx_buf_puts(b, ")", NULL);
	rx_ui_printf(b, "</td><td>%04d-%02d-%02d</td></tr>", d->deadline.year, d->deadline.month,
		d->deadline.day);
}

/* A head teacher sees the duties of their own students only (not school-wide ones). */
static int due_seen(const rx_archive_dues *ds, const rx_summaries *ss, const rx_schema_due *d,
	const rx_ui_scope *sc)
{
	const rx_schema_rec *w = ds->who[d->ref];
	const rx_summary *s;
	char no[33];

	if (!sc->s || !sc->s->head)
		return 1;
	if (!w)
		return 0;
	rx_schema_rec_owner(w, no);
	s = no[0] ? rx_summaries_find(ss, no) : NULL;
	return s && rx_ui_scope_sees(sc, s->st);
}

/* A duty of a student with a warning level (proposed or confirmed). */
static int due_warned(const rx_archive_dues *ds, const rx_summaries *ss, const rx_schema_due *d)
{
	const rx_schema_rec *w = ds->who[d->ref];
	const rx_summary *s;
	char no[33];

	if (!w)
		return 0;
	rx_schema_rec_owner(w, no);
	s = no[0] ? rx_summaries_find(ss, no) : NULL;
	return s && (s->ob.level > RX_SCHEMA_LEVEL_NONE || s->proposed > RX_SCHEMA_LEVEL_NONE);
}

/*
 * Warned students' duties come first: a red student's referral must not
 * sink below a whole school's yearly home contacts, however late those are.
 */
static void dues(rx_buf *b, const rx_archive_dues *ds, const rx_summaries *ss,
	const rx_ui_scope *sc)
{
	static const char *const part[] = { "其他学生和全校", "预警学生" };
	size_t late = 0, n = 0, shown = 0, head;

	for (size_t i = 0; i < ds->n; i++)
		if (due_seen(ds, ss, &ds->d[i], sc))
			n++, late += ds->d[i].days_left < 0;
	rx_ui_printf(b, "<h2>待办事项</h2><p>共 %zu 项, 其中逾期 %zu 项 (预警学生的在前, "
		"再按紧急程度)。</p><table class=\"dues\"><tr><th>期限</th><th>学生</th><th>事项</th>"
		"<th>截止日期</th></tr>", n, late);
	for (int warned = 1; warned >= 0; warned--) {
		head = 0;
		for (size_t i = 0; i < ds->n && shown < DUES_SHOWN; i++) {
			const rx_schema_due *d = &ds->d[i];
			if (!due_seen(ds, ss, d, sc) || due_warned(ds, ss, d) != warned)
				continue;
			if (!head++)
				rx_ui_printf(b, "<tr class=\"part\"><th colspan=\"4\">%s</th></tr>", part[warned]);
			due_row(b, ds, ss, d), shown++;
		}
	}
	rx_buf_puts(b, "</table>", NULL);
	if (n > shown)
		rx_ui_printf(b, "<p>另有 %zu 项未列出 (命令 runxin due 可列出全部)。</p>", n - shown);
}

static void sync_state(rx_buf *b, rx_home *h)
{
	char *last = rx_home_get(h, "ui.last_sync");
	rx_receipt *rc = NULL;
	size_t n = 0;
	char when[32];

	rx_buf_puts(b, "<h2>同步</h2>", NULL);
	rx_ui_put(b, "<p>上次同步: ", last ? last : "本界面尚未同步过");
	rx_buf_puts(b, "</p>", NULL);
	if (rx_hub_receipts(&rc, &n, h, NULL) == 0)
		for (size_t i = 0; i < n; i++) {
			time_t t = (time_t)rc[i].time;
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
			rx_ui_put(b, "<p>回执: ", rc[i].hub_name);
			rx_ui_printf(b, " 于 %s 已保存本机 %llu 个变更集中的 %llu 个%s</p>", when,
				(unsigned long long)rc[i].own, (unsigned long long)rc[i].covered,
				rc[i].covered >= rc[i].own ? " (全部安全)" : "");
		}
	free(rc);
	free(last);
}

void rx_ui_page_home(rx_ui *u, rx_ui_req *r)
{
	rx_summaries ss = { 0 };
	rx_archive_dues ds = { 0 };
	rx_ui_scope sc = { 0 };
	rx_schema_date today;
	rx_error err = { 0 };

	if (rx_rec_today(&today, &err) < 0 || rx_summaries_load(&ss, u->a, NULL, today, &err) < 0 ||
	    rx_archive_dues_load(&ds, &ss, today, &err) < 0 ||
	    rx_ui_scope_open(&sc, u->a, r->sess, &err) < 0) {
		rx_ui_message(r, 500, "出错了", err.msg);
		goto out;
	}
	/* names of students at risk are shown: logged as `due` is */
	if (rx_rec_access(u->a, "due", &err) < 0) {
		rx_ui_message(r, 500, "出错了", err.msg);
		goto out;
	}
	rx_ui_page_begin(&r->out, "首页", r->sess->csrf);
	if (r->sess->head)
		rx_ui_put(&r->out, "<p>班主任 ", r->sess->who), rx_buf_puts(&r->out, ": 只显示你所带班级的学生。</p>", NULL);
	levels(&r->out, &ss, &sc);
	red_list(&r->out, &ss, &sc);
	dues(&r->out, &ds, &ss, &sc);
	if (!r->sess->head) {
		sync_state(&r->out, u->h);
		rx_buf_puts(&r->out, "<p><a href=\"/users\">班主任账号</a></p>", NULL);
	}
	rx_ui_page_end(&r->out);
out:
	rx_ui_scope_close(&sc);
	rx_archive_dues_free(&ds);
	rx_summaries_free(&ss);
}
