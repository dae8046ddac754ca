#!/usr/bin/env bash
# Disk full: import and sync with a small file-size limit (ulimit -f: a
# write past it fails with EFBIG once SIGXFSZ is ignored) and, where mount
# works, on a 2 MiB tmpfs (ENOSPC). Each must fail with one line saying the
# disk is full and what to do, exit 5 (4 for a full stick: retry once there
# is space), and leave the previous state intact.
. "$(dirname "$0")/rel.sh"

rel_world 1200 || { echo "FAIL building the world"; exit 1; }

# full OP LIMIT_KB WANT: OP under ulimit -f LIMIT_KB from its snapshot.
full() {
	local op=$1 kb=$2 want=$3 home remote
	home=$(rel_home "$op") remote=$(rel_remote "$op")
	rel_restore "$(rel_pre "$op")"
	rel_dump "$home" "$T/before"
	[ -n "$remote" ] && rel_all_refs "$W/$remote" >"$T/before.remote"
	# shellcheck disable=SC2046
	expect "$want" "$op with files capped at $kb KiB exits $want" -- \
		bash -c 'ulimit -f "$1"; shift; exec "$@"' sh "$kb" "$RUNXIN" $(rel_argv "$op")
	check "  one line" [ "$(grep -vc "文件编码" "$T/err")" = 1 ]
	check "  says the disk is full and what to do" grep -q 'disk full.*free space.*again' "$T/err"
	sed 's/^/    /' "$T/err"
	rel_sound "$home" "$remote" >"$T/sound" ; CHECKS=$((CHECKS + 1))
	if [ -s "$T/sound" ]; then FAILED=$((FAILED + 1)); echo "FAIL   sound afterwards"; cat "$T/sound"; else echo "ok     sound afterwards"; fi
	rel_dump "$home" "$T/after"
	check "  the state as before" cmp -s "$T/before" "$T/after"
	[ -n "$remote" ] && { rel_all_refs "$W/$remote" >"$T/after.remote"
		check "  the remote as before" cmp -s "$T/before.remote" "$T/after.remote"; }
}

# the roster's change-set and the state db's WAL are far above 32 KiB
full roster 32 5
full screening 32 5
full sync_stick 32 5

# a 2 MiB tmpfs as the stick (root only; skipped where mount is refused)
mkdir -p "$T/mnt"
if mount -t tmpfs -o size=2m tmpfs "$T/mnt" 2>"$T/mount.err"; then
	trap 'umount "$T/mnt" 2>/dev/null; rel_stop_daemon; rm -rf "$T"' EXIT
	rel_restore s3
	dd if=/dev/zero of="$T/mnt/photos" bs=1k count=1900 2>/dev/null
	cp -a "$W/stick.git" "$T/mnt/stick.git" 2>/dev/null
	rm -f "$T/mnt/photos"; dd if=/dev/zero of="$T/mnt/photos" bs=1k count=$((2048 - 8 - $(du -sk "$T/mnt/stick.git" | cut -f1))) 2>/dev/null
	rel_all_refs "$T/mnt/stick.git" >"$T/before.remote"
	rel_dump dev "$T/before"
	expect 4 "sync to a full tmpfs stick exits 4" -- "$RUNXIN" -C dev sync "$T/mnt/stick.git"
	check "  one line" [ "$(grep -vc "文件编码" "$T/err")" = 1 ]
	check "  says the disk is full and what to do" grep -q 'disk full.*free space.*again' "$T/err"
	sed 's/^/    /' "$T/err"
	rel_all_refs "$T/mnt/stick.git" >"$T/after.remote"
	check "  the stick's branches as before" cmp -s "$T/before.remote" "$T/after.remote"
	check "  the stick is sound" git --git-dir="$T/mnt/stick.git" fsck --strict --no-dangling
	rm -f "$T/mnt/photos"
	expect 0 "with space again, the sync goes through" -- "$RUNXIN" -C dev sync "$T/mnt/stick.git"
	umount "$T/mnt"
else
	echo "skipped: the tmpfs part: mount refused ($(head -1 "$T/mount.err"))"
fi
finish
