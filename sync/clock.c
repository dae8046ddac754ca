/* How far a change-set may run ahead of the verifier's clock (docs/sync.md, Time rules). */
#include <stdlib.h>
#include <time.h>

#include "sync/changeset.h"
#include "sync/directory.h"
#include "sync/verify.h"

int64_t rx_sync_clock_ahead(sqlite3 *db)
{
	char *v = db ? rx_directory_setting(db, "clock-ahead-hours") : NULL, *end;
	long h = v ? strtol(v, &end, 10) : 0;
	int ok = v && *v && !*end && h >= 1 && h <= 168;

	free(v);
	return ok ? (int64_t)h * 3600 : RX_SYNC_CLOCK_AHEAD_DEFAULT;
}

int rx_sync_clock_after(int64_t *time, int64_t last, rx_error *err)
{
	char when[32];
	struct tm tm;
	time_t t = (time_t)last;

	if (*time >= last)
		return 0;
	if (last - *time <= RX_SYNC_CLOCK_AHEAD_DEFAULT) {
		*time = last;
		return 0;
	}
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	return rx_error_set(err, RX_EINPUT, "本机时钟有误：早于本节点上次写入的时间 %s，"
		"未写入；请校正日期和时间后重试 (this computer's clock is behind this "
		"node's last change-set; set the date and time right and try again)", when);
}
