#!/usr/bin/env bash
# npm run test:slurm — the README's Slurm job array (docs/scale-out/parley.sbatch, the shipped file)
# on a real single-node Slurm: munged, slurmctld and slurmd brought up on this machine in a
# temporary folder, and torn down again whatever happens (trap on EXIT).
#
# 1. A 4-shard array of a 4,000-run batch (1,000-run chunks, one per shard), merged by a job that
#    waits for the array (--dependency=afterok, as the README says): summary.json equals an
#    unsharded run's byte for byte.
# 2. Scheduler behaviour, on a batch large enough to catch its shards while they simulate: one task
#    gets the SIGTERM that Slurm sends at a time limit (scancel --signal=TERM --full: the job is not
#    cancelled, so Slurm records how the script ended: FAILED), another is cancelled (scancel:
#    CANCELLED). Neither leaves a folder merge would take for complete; an afterok merge job is
#    never started; merge refuses and names both shards; resubmitting those two array indices
#    completes the batch, and the merge equals the unsharded run's byte for byte.
#
# Needs root (it installs Debian's slurm-wlm and munge if they are missing, and runs the daemons).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
script=docs/scale-out/parley.sbatch

say() { printf '[test:slurm %3ds] %s\n' "$SECONDS" "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root: it installs slurm-wlm and munge and runs munged, slurmctld and slurmd"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing Debian's slurm-wlm and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

tmp="$(mktemp -d /tmp/parley-slurm.XXXXXX)"
chmod 755 "$tmp" # munged refuses a socket in a folder that others cannot enter
export SLURM_CONF="$tmp/slurm.conf"
started=() # "name:pid" of every background process this script started (daemons, unsharded runs)

stop_cluster() {
  local status=$? entry pid running i
  set +e
  trap - EXIT INT TERM
  if [ -n "${started[*]}" ]; then
    say "tearing the cluster down"
    # Jobs first: their processes belong to slurmstepd, which outlives slurmd.
    if scontrol ping >/dev/null 2>&1; then
      scancel --user=root >/dev/null 2>&1
      for _ in $(seq 1 40); do
        [ -z "$(squeue -h -o %i 2>/dev/null)" ] && [ -z "$(job_pids)" ] && break
        sleep 0.5
      done
    fi
    for pid in $(job_pids); do kill -KILL "$pid" 2>/dev/null; done
    # Last started first (munged last), and only this shell's children still running (a finished
    # one's pid may have been reused).
    running=" $(jobs -pr | tr '\n' ' ') "
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
      entry="${started[i]}" pid="${entry##*:}"
      [[ "$running" == *" $pid "* ]] || continue
      kill -TERM "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then say "${entry%:*} (pid $pid) ignored SIGTERM; killing it"; kill -KILL "$pid"; fi
      wait "$pid" 2>/dev/null
    done
  fi
  if [ "$status" != 0 ]; then
    say "logs of the failed run:" >&2
    for log in "$tmp"/log/* "$tmp"/jobs/*; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -n 25 "$log" >&2; }
    done
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The processes of the jobs on this node (slurmd asks each slurmstepd).
job_pids() { scontrol listpids 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ { print $1 }'; }

# Two free TCP ports on localhost (the OS picks them, both held open at once so they differ).
free_ports() {
  node -e 'const net = require("node:net");
    const open = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => ok(s)); });
    Promise.all([open(), open()]).then((servers) => { console.log(servers.map((s) => s.address().port).join(" ")); servers.forEach((s) => s.close()); });'
}

start_daemon() { # NAME COMMAND... : runs it in the foreground of a background job, logging to log/NAME.out
  local name="$1"; shift
  "$@" >"$tmp/log/$name.out" 2>&1 &
  started+=("$name:$!")
}

# --- the cluster --------------------------------------------------------------------------------
mkdir -p "$tmp"/{munge,run,log,state,spool,jobs}
chmod 700 "$tmp/munge"
say "starting munged (own key and socket in $tmp)"
mungekey --create --keyfile="$tmp/munge/munge.key"
start_daemon munged munged --foreground --socket="$tmp/run/munge.socket" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/run/munged.pid" --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed"
for _ in $(seq 1 40); do [ -S "$tmp/run/munge.socket" ] && break; sleep 0.25; done
munge -n -S "$tmp/run/munge.socket" | unmunge -S "$tmp/run/munge.socket" >/dev/null || fail "munged does not answer"

host="$(hostname -s)"
# This machine as slurmd sees it (CPUs, sockets, cores, threads, RealMemory), so the node is not drained.
node_line="$(slurmd -C | head -n 1 | sed "s/^NodeName=[^ ]*/NodeName=$host/")"
read -r ctld_port slurmd_port < <(free_ports)
cat >"$SLURM_CONF" <<EOF
ClusterName=parleytest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/run/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
# No cgroups in a container: track a job's processes by parentage, bind nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
# Seconds between a cancellation's SIGTERM and its SIGKILL.
KillWait=5
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=parley Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
say "starting slurmctld and slurmd ($(sinfo --version); node: $node_line)"
start_daemon slurmctld slurmctld -D
start_daemon slurmd slurmd -D
for _ in $(seq 1 60); do
  [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break
  sleep 0.5
done
[ "$(sinfo -h -o %t 2>/dev/null)" = idle ] || fail "the node did not come up idle: $(sinfo -h -o '%t %E' 2>&1)"
say "cluster up: partition $(sinfo -h -o '%P %D node(s) %c CPUs %t')"

# --- helpers on jobs ----------------------------------------------------------------------------
# Submits the shipped script as an array: submit_array RUNS OUT ARRAY (the batch in PARLEY_* variables).
submit_array() {
  PARLEY_RUNS="$1" PARLEY_SEED=7 PARLEY_SHARDS=4 PARLEY_OUT="$2" \
    sbatch --parsable --array="$3" --cpus-per-task=1 --output="$tmp/jobs/%A_%a.out" "$script"
}
wait_job() { # JOB SECONDS: until no task of JOB is pending, running or completing
  local deadline=$((SECONDS + $2))
  while squeue -h -r -o %F | grep -qx "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "job $1 still in the queue after $2 s: $(squeue -h -r -j "$1" -o '%i %T %R' | tr '\n' ';')"
    sleep 0.5
  done
}
task_field() { # JOB_TASK FIELD: a field of scontrol's record of a job or an array task
  scontrol -o show job "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}
report() { # JOB_TASK: the shard's own last line of report ("Shard K/N: runs … simulated in … s.")
  say "   task ${1#*_}: $(grep -m 1 '^Shard' "$tmp/jobs/$1.out")"
}
expect_state() { # JOB_TASK STATE
  local state; state="$(task_field "$1" JobState)"
  [ "$state" = "$2" ] || fail "job $1 is $state (exit code $(task_field "$1" ExitCode)), expected $2; its output: $(cat "$tmp/jobs/${1}.out" 2>/dev/null)"
}
same_summary() { # REFERENCE MERGED LABEL
  cmp "$1/summary.json" "$2/summary.json" || fail "$3: merged summary.json differs from the unsharded run's"
  say "$3: merged summary.json is byte-identical to the unsharded run's ($(wc -c <"$2/summary.json") bytes)"
}
parley() { node bin/parley.mjs "$@"; }
declare -A reference # RUNS -> pid of the unsharded run to compare with
start_reference() { # RUNS OUT: started in the background, to run while Slurm schedules
  node bin/parley.mjs run models/ukraine-2025.yaml --runs "$1" --seed 7 --out "$2" >"$tmp/log/reference-$1.out" 2>&1 &
  reference[$1]=$!
  started+=("unsharded run of $1:$!")
}
finish_reference() { # RUNS
  wait "${reference[$1]}" || fail "the unsharded run of $1 failed: $(cat "$tmp/log/reference-$1.out")"
}

# --- 1. four shards, merged after the array ---------------------------------------------------------
small="$tmp/small"
big="$tmp/big"
say "unsharded runs to compare with (4,000 and 100,000 runs, seed 7) started in the background"
start_reference 4000 "$small/unsharded"
start_reference 100000 "$big/unsharded"
job="$(submit_array 4000 "$small/shards" 0-3)"
# The glob is expanded by the merge job's shell when it starts, after the array.
merge_job="$(sbatch --parsable --dependency="afterok:$job" --output="$tmp/jobs/merge-%j.out" \
  --wrap "node bin/parley.mjs merge $small/shards/* --out $small/merged")"
say "1. submitted $script as array job $job (tasks 0-3) and merge job $merge_job (afterok:$job)"
wait_job "$job" 90
for k in 0 1 2 3; do expect_state "${job}_$k" COMPLETED; report "${job}_$k"; done
wait_job "$merge_job" 60
expect_state "$merge_job" COMPLETED
say "1. all four tasks and the merge job COMPLETED"
finish_reference 4000
same_summary "$small/unsharded" "$small/merged" "1"

# A shard that fails is a failed task: resubmitting index 2, whose folder exists, makes parley
# refuse (exit 2, it never overwrites), and the script passes that on to Slurm.
before="$(cat "$small/shards/2"/* | cksum)"
job="$(submit_array 4000 "$small/shards" 2)"
wait_job "$job" 60
expect_state "${job}_2" FAILED
[ "$(task_field "${job}_2" ExitCode)" = 2:0 ] || fail "task ${job}_2 exit code $(task_field "${job}_2" ExitCode), expected 2:0"
grep -q 'already exists' "$tmp/jobs/${job}_2.out" || fail "task ${job}_2 did not say why: $(cat "$tmp/jobs/${job}_2.out")"
[ "$(cat "$small/shards/2"/* | cksum)" = "$before" ] || fail "the finished shard 2 was changed"
say "1. resubmitting finished shard 2: Slurm recorded FAILED, exit code 2:0 (already exists); the shard untouched"

# --- 2. a shard killed by the scheduler, recovered by resubmission ------------------------------
# 100,000 runs: 25,000 a shard, seconds of simulation each (about 2 s on an idle 2-core EPYC), long
# enough to signal a shard while it simulates.
job="$(submit_array 100000 "$big/shards" 0-3)"
merge_job="$(sbatch --parsable --dependency="afterok:$job" --output="$tmp/jobs/merge-%j.out" \
  --wrap "node bin/parley.mjs merge $big/shards/* --out $big/merged-by-slurm")"
say "2. submitted array job $job (tasks 0-3) and merge job $merge_job (afterok:$job)"
catch_running() { # TASK: waits until the task's parley has opened its (hidden) partial folder
  local deadline=$((SECONDS + 60))
  until compgen -G "$big/shards/.$1.partial" >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || fail "task $1 never started simulating"
    sleep 0.1
  done
}
catch_running 0
# scancel may report an error when the task ends while it retries (Slurm 22.05 answers "transitional
# state" first): what counts is what Slurm records for the task, checked below.
scancel --signal=TERM --full "${job}_0" 2>/dev/null || true
say "2. task 0 is simulating: sent it SIGTERM as at a time limit (scancel --signal=TERM --full)"
catch_running 3
scancel "${job}_3" 2>/dev/null || true
say "2. task 3 is simulating: cancelled it (scancel)"
wait_job "$job" 90
for k in 0 3; do
  [ ! -e "$big/shards/$k" ] || fail "task $k finished before the scheduler stopped it (its folder $big/shards/$k exists); make the batch larger"
done
expect_state "${job}_0" FAILED
expect_state "${job}_3" CANCELLED
expect_state "${job}_1" COMPLETED
expect_state "${job}_2" COMPLETED
say "2. Slurm recorded task 0 FAILED (exit code $(task_field "${job}_0" ExitCode)), task 3 CANCELLED, tasks 1-2 COMPLETED; no folder 0 or 3 ($(cd "$big/shards" && ls -A | tr '\n' ' '))"

for _ in $(seq 1 60); do
  [ "$(task_field "$merge_job" Reason)" = DependencyNeverSatisfied ] && break
  sleep 0.5
done
[ "$(task_field "$merge_job" JobState)" = PENDING ] && [ "$(task_field "$merge_job" Reason)" = DependencyNeverSatisfied ] ||
  fail "merge job $merge_job: $(task_field "$merge_job" JobState) ($(task_field "$merge_job" Reason)), expected PENDING (DependencyNeverSatisfied)"
scancel "$merge_job"
say "2. the afterok merge job was never started (DependencyNeverSatisfied); cancelled it"

set +e
refusal="$(parley merge "$big"/shards/* --out "$big/merged-early" 2>&1)"
code=$?
set -e
[ "$code" = 2 ] || fail "merge of an incomplete batch exited $code, expected 2: $refusal"
grep -q 'missing shards 0/4, 3/4' <<<"$refusal" || fail "merge did not name the missing shards 0/4 and 3/4: $refusal"
[ ! -e "$big/merged-early" ] || fail "the refused merge wrote $big/merged-early"
say "2. merge refused (exit 2): $(grep -o 'missing shards.*' <<<"$refusal")"

job="$(submit_array 100000 "$big/shards" 0,3)"
say "2. resubmitted array indices 0 and 3 as job $job"
wait_job "$job" 90
for k in 0 3; do expect_state "${job}_$k" COMPLETED; report "${job}_$k"; done
parley merge "$big"/shards/* --out "$big/merged" >/dev/null
finish_reference 100000
same_summary "$big/unsharded" "$big/merged" "2"

say "passed: 2 batches on Slurm $(sinfo --version | awk '{ print $2 }'), $SECONDS s"
