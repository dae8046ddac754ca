/* Printing transfers: the section of `inbox` and `transfer --list`, and what `show` says of a student transferred away. */
#include <string.h>

#include "ops/archive/render.h"
#include "ops/transfer/transferInt.h"

static const char *state_zh(rx_ops_transfer_state s)
{
	return s == RX_TF_ACCEPTED ? "已接收" : s == RX_TF_REFUSED ? "被拒绝" : "待接收";
}

static const char *state_en(rx_ops_transfer_state s)
{
	return s == RX_TF_ACCEPTED ? "accepted" : s == RX_TF_REFUSED ? "refused" : "pending";
}

/*
 * The student's name, from the offer's student record (readable only by the
 * two schools); not once accepted at the sender, whose policy keeps only
 * to whom and when.
 */
static const char *student_name(const rx_ops_transfer_entry *e, int incoming)
{
	static char buf[129];
	const rx_sync_batch *b = &e->doc.recs;

	if (!incoming && e->state == RX_TF_ACCEPTED)
		return "";
	for (size_t i = 0; i < b->n; i++)
		if (!strcmp(b->ops[i].kind, "st") && !strcmp(b->ops[i].id, e->doc.no) &&
		    !strcmp(b->ops[i].field, "n") && b->ops[i].value_len < sizeof(buf)) {
			memcpy(buf, b->ops[i].value, b->ops[i].value_len);
			buf[b->ops[i].value_len] = 0;
			return buf;
		}
	return "";
}

/* The records (distinct kind and id) an offer carries. */
static size_t records(const rx_ops_transfer_entry *e)
{
	const rx_sync_batch *b = &e->doc.recs;
	size_t n = 0;

	for (size_t i = 0; i < b->n; i++)
		n += strcmp(b->ops[i].kind, "tf") && (i == 0 || strcmp(b->ops[i].kind, b->ops[i - 1].kind) ||
			strcmp(b->ops[i].id, b->ops[i - 1].id));
	return n;
}

void rx_ops_transfer_print(FILE *f, const rx_ops_transfer_set *s, sqlite3 *db,
	const char *self)
{
	char name[RX_NAME_MAX + 1];
	size_t in = 0, out = 0;

	if (s->n)
		fprintf(f, "档案转接 (transfers):\n编号      方向\t学校\t学号\t姓名\t发出日期\t状态\n");
	for (size_t i = 0; i < s->n; i++) {
		const rx_ops_transfer_entry *e = &s->e[i];
		int incoming = !strcmp(e->doc.to, self);

		in += incoming, out += !incoming;
		rx_ops_transfer_school_name(name, db, incoming ? e->doc.from : e->doc.to);
		fprintf(f, "%s  %s\t%s\t%s\t%s\t%s\t%s", e->id, incoming ? "转入 来自" : "转出 到",
			name, e->doc.no, student_name(e, incoming), e->doc.date, state_zh(e->state));
		if (e->state != RX_TF_PENDING)
			fprintf(f, " %s", e->answered);
		if (e->state == RX_TF_REFUSED)
			fprintf(f, " 理由: %s", e->reason ? e->reason : "");
		fputc('\n', f);
	}
	if (s->n)
		fprintf(f, "共 %zu 份档案转接: 转入 %zu, 转出 %zu (%zu transfers: %zu in, %zu out)\n",
			s->n, in, out, s->n, in, out);
	if (s->unreadable)
		fprintf(f, "经本节点转交的档案转接 %zu 份, 本节点无法读取 (%zu transfer change-sets "
			"relayed here, not readable by this node)\n", s->unreadable, s->unreadable);
	if (s->opened_unsealed)
		fprintf(f, "安全警告: %zu 份不是发给本节点的档案转接竟能打开 (%zu transfer change-sets not "
			"sealed to this node opened: a key leak)\n", s->opened_unsealed, s->opened_unsealed);
	if (s->refused)
		fprintf(f, "注意: %zu 个档案转接变更集未通过核验, 已忽略 (%zu transfer change-sets "
			"failed verification and were ignored)\n", s->refused, s->refused);
}

void rx_ops_transfer_json(FILE *f, const rx_ops_transfer_set *s, sqlite3 *db,
	const char *self, size_t *count)
{
	char name[RX_NAME_MAX + 1];

	for (size_t i = 0; i < s->n; i++) {
		const rx_ops_transfer_entry *e = &s->e[i];
		int incoming = !strcmp(e->doc.to, self);
		rx_json j = RX_JSON_INIT(f);

		if ((*count)++)
			fputc(',', f);
		rx_ops_transfer_school_name(name, db, incoming ? e->doc.from : e->doc.to);
		rx_json_obj_begin(&j, NULL);
		rx_json_str(&j, "type", "transfer");
		rx_json_str(&j, "id", e->id);
		rx_json_str(&j, "direction", incoming ? "in" : "out");
		rx_json_str(&j, "school", incoming ? e->doc.from : e->doc.to);
		rx_json_str(&j, "school_name", name);
		rx_json_str(&j, "student", e->doc.no);
		rx_json_str(&j, "name", student_name(e, incoming));
		rx_json_str(&j, "sent", e->doc.date);
		rx_json_str(&j, "state", state_en(e->state));
		rx_json_str(&j, "answered", e->answered);
		rx_json_str(&j, "reason", e->reason ? e->reason : "");
		rx_json_int(&j, "records", (long long)records(e));
		rx_json_obj_end(&j);
	}
}

int rx_ops_transfer_show_gone(FILE *f, rx_archive *a, const char *no, int json, rx_error *err)
{
	rx_recset set = { 0 };
	rx_json j = RX_JSON_INIT(f);
	int rc;

	if ((rc = rx_recset_load(&set, a, rx_schema_type_find("tr"), no, err)) < 0)
		return rc;
	if (!set.n) {
		rx_recset_free(&set);
		return rx_error_set(err, RX_EINPUT, "学号不在花名册中 (unknown student)");
	}
	if (json)
		rx_json_arr_begin(&j, NULL);
	else
		fprintf(f, "学号 %s 的档案已转出, 本校只保留转接记录 (transferred away: only the transfer "
			"record is kept)\n", no);
	for (size_t i = 0; i < set.n; i++) {
		if (json) {
			rx_rec_json(&j, &set.r[i]);
			continue;
		}
		rx_rec_print(f, &set.r[i]);
	}
	if (json) {
		rx_json_arr_end(&j);
		fputc('\n', f);
	}
	rx_recset_free(&set);
	{
		char what[64];
		snprintf(what, sizeof(what), "show %s", no);
		return rx_rec_access(a, what, err);
	}
}
