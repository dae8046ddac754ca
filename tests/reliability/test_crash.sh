#!/usr/bin/env bash
# Crash suite: SIGKILL at a random moment of import roster, import
# screening, stats publish, sync with a hub (git daemon + pre-receive hook)
# and sync with a USB stick. After each kill the node must be sound
# (verify, sqlite integrity_check, git fsck at the home and the remote),
# show the state before or after the operation (one change-set is all or
# nothing; branches of a sync each all or nothing), and re-running the
# operation must end in the uninterrupted run's state: nothing doubled,
# nothing lost. RX_CRASH_TRIALS (default 20; 200 for the long run),
# RX_CRASH_SEED replays a run, RX_CRASH_STUDENTS sizes the school.
. "$(dirname "$0")/rel.sh"

TRIALS=${RX_CRASH_TRIALS:-20}
SEED=${RX_CRASH_SEED:-$(( $(date +%s%N | cut -c10-18 | sed 's/^0*//;s/^$/1/') % 1000000 ))}
STUDENTS=${RX_CRASH_STUDENTS:-1200}
echo "crash suite: seed $SEED, $TRIALS trials, $STUDENTS students (replay: RX_CRASH_SEED=$SEED RX_CRASH_TRIALS=$TRIALS)"
RANDOM=$SEED

rel_world "$STUDENTS" daemon || { echo "FAIL building the world"; exit 1; }
for op in $REL_OPS; do
	rel_reference "$op" || { echo "FAIL reference run of $op"; exit 1; }
	echo "figure: $op uninterrupted in $(cat "$T/ref/$op.ms") ms"
done

# trial OP N: kill OP after a delay uniform within its measured duration.
trial() {
	local op=$1 n=$2 home remote ms delay pid rc state fails=0
	home=$(rel_home "$op") remote=$(rel_remote "$op") ms=$(cat "$T/ref/$op.ms")
	delay=$(rel_rand "$ms")
	rel_restore "$(rel_pre "$op")"
	# shellcheck disable=SC2046
	"$RUNXIN" $(rel_argv "$op") >"$T/trial.out" 2>&1 &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	rel_hub_quiet
	[ "$rc" = 137 ] && state=killed || state="ended (exit $rc)"
	[ "$rc" = 137 ] || [ "$rc" = 0 ] || { echo "  the run failed: $(tail -1 "$T/trial.out")"; fails=$((fails + 1)); }
	rel_judge "$op" || fails=$((fails + $?))
	CHECKS=$((CHECKS + 1))
	if [ "$fails" = 0 ]; then
		echo "ok   trial $n: $op, kill at $delay of $ms ms: $state"
	else
		FAILED=$((FAILED + 1))
		echo "FAIL trial $n: $op, kill at $delay of $ms ms: $state (replay: RX_CRASH_SEED=$SEED)"
	fi
}

set -- $REL_OPS
nops=$#
for n in $(seq 1 "$TRIALS"); do
	i=$(( (n - 1) % nops + 1 ))
	trial "${!i}" "$n"
done
echo "figure: $TRIALS trials, $FAILED failed, seed $SEED"
finish
