/* Finding a student by 学号 or by name, for commands a teacher types. */
#include <stdio.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/archive/render.h"

/* "张三 对应 2 名学生: 2024001 (7年级1班), 2024005 (8年级2班)" into err, as a usage error. */
static int ambiguous(const rx_recset *st, const char *who, size_t n, rx_error *err)
{
	char list[400], gc[64];
	size_t o = 0, shown = 0;

	list[0] = 0;
	for (size_t i = 0; i < st->n && shown < 8; i++) {
		const char *nm = rx_schema_rec_get(&st->r[i], "n");

		if (!nm || strcmp(nm, who))
			continue;
		rx_rec_grade_class(&st->r[i], gc, sizeof(gc));
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s (%s)", shown ? ", " : "",
			st->r[i].id, gc);
		if (o >= sizeof(list))
			break;
		shown++;
	}
	return rx_error_set(err, RX_EUSAGE, "%.60s 对应 %zu 名学生: %s%s; 请用学号 (several "
		"students have this name; give the 学号)", who, n, list, n > shown ? " 等" : "");
}

int rx_archive_student_find(char no[static 33], rx_archive *a, const char *who,
	rx_error *err)
{
	rx_recset st;
	const rx_schema_rec *hit = NULL;
	size_t n = 0;
	int rc;

	if ((rc = rx_recset_load(&st, a, rx_schema_type_find("st"), NULL, err)) < 0)
		return rc;
	if (!(hit = rx_recset_find(&st, who)))
		for (size_t i = 0; i < st.n; i++) {
			const char *nm = rx_schema_rec_get(&st.r[i], "n");

			if (nm && !strcmp(nm, who))
				hit = &st.r[i], n++;
		}
	if (hit && n <= 1)
		snprintf(no, 33, "%s", hit->id);
	else if (n > 1)
		rc = ambiguous(&st, who, n, err);
	else
		rc = rx_error_set(err, RX_EINPUT, "没有学号或姓名为 %.60s 的学生 (no student with "
			"this 学号 or name; see list student)", who);
	rx_recset_free(&st);
	return rc;
}
