#!/usr/bin/env bash
# A gridexec cluster of separate JVMs on this host (the multiprocessing analogue), on 127.0.0.1 only.
#
#   deploy/local-cluster.sh start --nodes N [--coordinators C] [--workers W] [--mode M] [--run-dir DIR]
#                                 [--token TOKEN] [--store JDBC_URL|none]
#   deploy/local-cluster.sh status [--run-dir DIR]
#   deploy/local-cluster.sh stop [--run-dir DIR]
#   deploy/local-cluster.sh restart NAME [--kill] [--run-dir DIR] [--token TOKEN]
#
# start launches N node JVMs and C coordinator JVMs (default 1; named coordinator-0 .. coordinator-C-1,
# every one serving every job) in the background, each on its own ports (logs and pid files in the run
# directory, default under the system temp dir), waits until every node is ready and every coordinator
# is ready and sees every node, prints each coordinator's URL on a line of its own (progress goes to
# stderr: no other line of stdout starts with a URL), and returns. status prints ROLE PID ADDRESS STATE,
# one line per process, and the URL on coordinator lines. stop ends exactly the processes that start
# launched (the last started cluster when no --run-dir is given): the coordinators first, SIGTERM, so
# that they hand their jobs over and nodes drain and leave gracefully, then SIGKILL for any still alive
# after the grace period.
# restart stops one process of the cluster, NAME as status and the pid files name it (coordinator-0,
# node-1): SIGTERM and the grace period as stop gives, or SIGKILL at once with --kill (a crash); nothing
# when it is already gone. It then launches it again with the command line start gave it (saved in
# DIR/NAME.args, NUL-separated: the same name, cluster and ports), waits until it is ready (a coordinator:
# ready and seeing every live node of the run dir), and prints a coordinator's URL on stdout. A cluster
# started with a token needs it again (--token or GRIDEXEC_TOKEN): start writes that one was asked, never
# the token itself.
# Durable: the nodes write the cluster's jobs, queue, ledgers and artifacts to DIR/gridexec.db (SQLite;
# --store names another JDBC URL, none keeps nothing). start again with the same --run-dir after the
# processes ended (stop, kill -9, a reboot) resumes from that data, on new ports; while any of them is
# still alive, start refuses.
# With --token TOKEN, or GRIDEXEC_TOKEN in the environment (better: flags show in ps), the coordinators'
# API asks for that token (16 characters or more); it reaches the coordinators through their
# environment, never their command lines, and is written nowhere. Without one, the API asks for none.
# Members prove with a cluster secret that they belong: start generates one, once per run dir, into
# DIR/cluster-secret (mode 0600, readable by its owner only; a start or restart in the same run dir reuses
# it), and every process reads it from there (GRIDEXEC_CLUSTER_SECRET_FILE, never a command line). A
# member without it is not listed, not sent work, and what it writes to the maps is refused.
# Needs the build (mvn -q package -DskipTests), java (JAVA_HOME or PATH), curl and python3 (to pick ports).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
jar="$repo/client/target/gridexec-client.jar"
tmp="${TMPDIR:-/tmp}"
last_file="$tmp/gridexec-last-cluster"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
start_timeout="${GRIDEXEC_START_TIMEOUT:-120}"
stop_grace="${GRIDEXEC_STOP_GRACE:-45}"

die() { echo "local-cluster: $*" >&2; exit 2; }

usage() { # the comment block at the top of this file
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
}

# Sets the variable named $1 to a TCP port on 127.0.0.1 that can be bound now and that no earlier call of
# this run handed out. Ports are tried by binding a listening socket (without SO_REUSEADDR), so a port held
# by any socket, an outgoing connection's or one in TIME_WAIT included, is refused; candidates lie below
# Linux's ephemeral range (32768+), so that outgoing connections do not take them before the JVMs bind.
declare -A taken=()
can_bind() {
  python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(1)' "$1" 2>/dev/null
}
free_port() {
  local port
  command -v python3 >/dev/null 2>&1 || die "python3 is needed to pick free ports (apt-get install python3)"
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 12000 ))
    [ -n "${taken[$port]:-}" ] && continue
    if can_bind "$port"; then
      taken[$port]=1
      printf -v "$1" '%s' "$port"
      return
    fi
  done
  die "found no free port on 127.0.0.1"
}

http_ok() { curl -fsS --max-time 2 "$1" >/dev/null 2>&1; }

# GET from a coordinator's API, with the token when there is one. curl reads the header from stdin
# (printf is a shell builtin), so the token is never on a command line.
api_get() {
  if [ -n "$token" ]; then
    printf 'Authorization: Bearer %s\n' "$token" | curl -fsS --max-time 2 -H @- "$1" 2>/dev/null
  else
    curl -fsS --max-time 2 "$1" 2>/dev/null
  fi
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# Whether process $1 is alive and is one of the cluster named $2 (its command line names the cluster), so
# that a pid file whose process is gone, and whose pid the system gave to another process since, is never
# taken for a live member (nor signalled). Without a cluster name (a run dir of an older script), alive is all.
ours() {
  alive "$1" || return 1
  [ -n "$2" ] || return 0
  ps -ww -o args= -p "$1" 2>/dev/null | grep -qwF -- "$2"
}

# The cluster name recorded in $1/cluster.txt, or nothing.
cluster_of() {
  [ -f "$1/cluster.txt" ] && sed -n 's/^cluster=//p' "$1/cluster.txt" | head -n 1 || true
}

resolve_run_dir() {
  if [ -n "$run_dir" ]; then
    echo "$run_dir"
  elif [ -f "$last_file" ]; then
    cat "$last_file"
  else
    die "no cluster was started (no $last_file); pass --run-dir DIR"
  fi
}

launch() { # role name args...
  local role=$1 name=$2
  shift 2
  local log="$run/$name.log" pidfile="$run/$name.pid"
  echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) local-cluster.sh starts $name" >> "$log"
  # setsid: the JVMs live on after this script (and the shell's Ctrl-C) returns. The subshell and the
  # launcher exec, so the pid recorded is the JVM's. Only the coordinators get a token, and only this one:
  # any other token setting in this environment is dropped, so that the script's probes agree with it.
  # Every process gets the run dir's cluster secret file, and no other cluster secret.
  # Logs are appended to, so that a resumed run dir keeps the logs of the processes before.
  (
    unset GRIDEXEC_TOKEN GRIDEXEC_TOKEN_FILE GRIDEXEC_CLUSTER_SECRET GRIDEXEC_CLUSTER_SECRET_FILE
    if [ -f "$run/cluster-secret" ]; then # a run dir of an older script has none: its members stay unauthenticated
      export GRIDEXEC_CLUSTER_SECRET_FILE="$run/cluster-secret"
    fi
    if [ "$role" = coordinator ] && [ -n "$token" ]; then
      export GRIDEXEC_TOKEN="$token"
    fi
    export GRIDEXEC_LOG_LEVEL="${GRIDEXEC_LOG_LEVEL:-INFO}"
    exec setsid "$repo/client/bin/$role" "$@" >>"$log" 2>&1 < /dev/null
  ) &
  echo $! > "$pidfile"
  printf '%s\0' "$role" "$@" > "$run/$name.args" # what restart launches again
}

# The run dir's cluster secret: made once (64 hex characters from the system's CSPRNG), owner-only from the
# moment it exists (umask 077), and kept: a start or restart in the same run dir reuses it.
cluster_secret() {
  local file="$run/cluster-secret"
  if [ ! -s "$file" ]; then
    ( umask 077; python3 -c 'import secrets; print(secrets.token_hex(32))' > "$file.tmp" && mv -f "$file.tmp" "$file" ) \
      || die "cannot write the cluster secret $file"
  fi
  chmod 600 "$file" || die "cannot make $file readable by its owner only"
}

join() { local IFS=$'\n'; echo "$*" | paste -sd ',' - | sed 's/,/, /g'; }

# Refuses a run dir whose processes are still alive; removes the pid files of processes that are gone.
take_run_dir() {
  local previous live=() stale=() f pid name
  previous="$(cluster_of "$run")"
  for f in "$run"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null || true)
    name=$(basename "$f" .pid)
    if ours "$pid" "$previous"; then
      live+=("$name (pid $pid)")
    else
      stale+=("$name (pid ${pid:-none})")
    fi
  done
  if [ ${#live[@]} -gt 0 ]; then
    die "$run already has a running cluster: $(join "${live[@]}") still alive; stop it first: $0 stop --run-dir $run"
  fi
  if [ ${#stale[@]} -gt 0 ]; then
    echo "local-cluster: the processes named by $run's pid files are gone (or their pids now belong to other processes): $(join "${stale[@]}"); replacing the pid files" >&2
    rm -f "$run"/*.pid
  fi
}

cmd_start() {
  [ -n "$nodes" ] || die "start needs --nodes N"
  [[ "$nodes" =~ ^[1-9][0-9]*$ ]] && [ "$nodes" -le 64 ] || die "--nodes must be an integer from 1 to 64, got '$nodes'"
  [[ "$coordinators" =~ ^[1-9][0-9]*$ ]] && [ "$coordinators" -le 16 ] \
    || die "--coordinators must be an integer from 1 to 16, got '$coordinators'"
  if [ -n "$workers" ]; then
    [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "--workers must be a positive integer, got '$workers'"
  fi
  case "$mode" in ""|threads|slots|gil) ;; *) die "--mode must be threads, slots or gil, got '$mode'";; esac
  [ "$store_given" != 1 ] || [ -n "$store_flag" ] || die "--store needs a JDBC URL (jdbc:sqlite:FILE, jdbc:postgresql://...) or none"
  token="${token_flag:-${GRIDEXEC_TOKEN:-}}"
  if [ -n "$token_given" ] || [ -n "$token" ]; then
    [ "${#token}" -ge 16 ] || die "the token (--token or GRIDEXEC_TOKEN) must be 16 characters or more"
    [[ "$token" =~ ^[!-~]+$ ]] || die "the token (--token or GRIDEXEC_TOKEN) must be printable ASCII without spaces"
  fi
  [ -f "$jar" ] || die "$jar is missing; build first: mvn -q package -DskipTests"
  command -v curl >/dev/null || die "curl is needed to wait for readiness"
  command -v "$java" >/dev/null || die "no java on PATH (or set JAVA_HOME)"

  run="${run_dir:-$tmp/gridexec-cluster-$(date +%Y%m%d-%H%M%S)-$$}"
  mkdir -p "$run" || die "cannot create the run dir $run"
  run="$(cd "$run" && pwd)"
  take_run_dir
  local store db=""
  if [ -z "$store_flag" ]; then
    db="$run/gridexec.db"
    store="jdbc:sqlite:$db"
  elif [ "$store_flag" = none ]; then
    store=""
  else
    store="$store_flag"
  fi
  if [ -n "$db" ] && [ -s "$db" ]; then
    echo "resuming the data kept in $run ($db): jobs, queue, ledgers and artifacts of the cluster that ran there" >&2
  elif [ -f "$run/cluster.txt" ]; then
    echo "reusing $run (no data of the cluster that ran there is kept in it)" >&2
  fi

  cluster_secret
  cluster="gridexec-local-$RANDOM$RANDOM"
  declare -a node_ports node_https coord_ports coord_https
  local i members=""
  for i in $(seq 0 $((nodes - 1))); do
    free_port "node_ports[$i]"
    free_port "node_https[$i]"
    members="$members${members:+,}127.0.0.1:${node_ports[$i]}"
  done
  for i in $(seq 0 $((coordinators - 1))); do
    free_port "coord_ports[$i]"
    free_port "coord_https[$i]"
    members="$members,127.0.0.1:${coord_ports[$i]}"
  done

  {
    echo "cluster=$cluster"
    for i in $(seq 0 $((coordinators - 1))); do
      echo "coordinator-$i=127.0.0.1:${coord_ports[$i]} http://127.0.0.1:${coord_https[$i]}"
    done
    for i in $(seq 0 $((nodes - 1))); do
      echo "node-$i=127.0.0.1:${node_ports[$i]} http://127.0.0.1:${node_https[$i]}"
    done
  } > "$run/cluster.txt"

  for i in $(seq 0 $((nodes - 1))); do
    launch node "node-$i" --cluster-name "$cluster" --host 127.0.0.1 \
      --port "${node_ports[$i]}" --members "$members" --name "node-$i" --http-port "${node_https[$i]}" \
      ${workers:+--workers "$workers"} ${mode:+--mode "$mode"} ${store:+--store "$store"}
  done
  for i in $(seq 0 $((coordinators - 1))); do
    launch coordinator "coordinator-$i" --cluster-name "$cluster" --name "coordinator-$i" \
      --host 127.0.0.1 --port "${coord_ports[$i]}" --members "$members" --http-port "${coord_https[$i]}"
  done
  echo "$run" > "$last_file"
  run_dir="$run"
  if [ -n "$token" ]; then : > "$run/token-asked"; else rm -f "$run/token-asked"; fi

  echo "starting $nodes node(s) and $coordinators coordinator(s) (logs in $run)" >&2
  local deadline=$(( $(date +%s) + start_timeout ))
  while :; do
    local ready=0 coordinators_ready=0 seen least=""
    for i in $(seq 0 $((nodes - 1))); do
      http_ok "http://127.0.0.1:${node_https[$i]}/health/ready" && ready=$((ready + 1))
    done
    # A coordinator is ready when its /health/ready says so and its /nodes lists every node.
    for i in $(seq 0 $((coordinators - 1))); do
      seen=$(api_get "http://127.0.0.1:${coord_https[$i]}/nodes" | grep -o '"name"' | wc -l || true)
      seen=$((${seen:-0} + 0))
      if [ -z "$least" ] || [ "$seen" -lt "$least" ]; then least=$seen; fi
      if [ "$seen" -eq "$nodes" ] && http_ok "http://127.0.0.1:${coord_https[$i]}/health/ready"; then
        coordinators_ready=$((coordinators_ready + 1))
      fi
    done
    if [ "$ready" -eq "$nodes" ] && [ "$coordinators_ready" -eq "$coordinators" ]; then
      break
    fi
    local f
    for f in "$run"/*.pid; do
      if ! alive "$(cat "$f")"; then
        echo "local-cluster: $(basename "$f" .pid) exited during start-up; the end of its log:" >&2
        tail -n 20 "$run/$(basename "$f" .pid).log" >&2 || true
        cmd_stop >/dev/null 2>&1 || true
        exit 1
      fi
    done
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "local-cluster: not ready after ${start_timeout}s ($ready/$nodes nodes ready, $coordinators_ready/$coordinators" \
        "coordinators ready, the least informed sees ${least:-0} node(s)); logs in $run" >&2
      cmd_stop >/dev/null 2>&1 || true
      exit 1
    fi
    sleep 0.5
  done
  [ -n "$token" ] && echo "the API asks for the token given (send it with GRIDEXEC_TOKEN or --token)" >&2
  for i in $(seq 0 $((coordinators - 1))); do
    echo "http://127.0.0.1:${coord_https[$i]}"
  done
}

cmd_status() {
  run="$(resolve_run_dir)"
  [ -f "$run/cluster.txt" ] || die "$run holds no cluster"
  local cluster name rest
  cluster="$(cluster_of "$run")"
  while IFS='=' read -r name rest; do
    [ "$name" = "cluster" ] && continue
    local address=${rest%% *} url=${rest#* } role=node pid="" state=stopped
    [[ "$name" == coordinator* ]] && role=coordinator
    [ -f "$run/$name.pid" ] && pid=$(cat "$run/$name.pid")
    if ours "$pid" "$cluster"; then
      state=running
      http_ok "$url/health/ready" && state=ready
    fi
    if [ "$role" = coordinator ]; then
      echo "$role ${pid:--} $address $state $url"
    else
      echo "$role ${pid:--} $address $state"
    fi
  done < "$run/cluster.txt"
}

cmd_stop() {
  run="$(resolve_run_dir)"
  local pids=() f pid cluster
  cluster="$(cluster_of "$run")"
  # The coordinators first, so that they dispatch nothing to nodes that are leaving.
  for f in "$run"/coordinator*.pid "$run"/node-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if ours "$pid" "$cluster"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$(( $(date +%s) + stop_grace ))
  for pid in ${pids[@]+"${pids[@]}"}; do
    while alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    if alive "$pid"; then
      echo "local-cluster: $pid did not stop within ${stop_grace}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$run"/*.pid
  echo "stopped ${#pids[@]} process(es) of $run" >&2
}

# Ends process $1 (its name $2 for messages): SIGKILL at once when $3 is kill, else SIGTERM, and SIGKILL after the
# grace period.
end_process() {
  local pid=$1 name=$2 how=$3 deadline
  if [ "$how" = kill ]; then
    kill -KILL "$pid" 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  deadline=$(( $(date +%s) + stop_grace ))
  while alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
  if alive "$pid"; then
    echo "local-cluster: $name ($pid) did not stop within ${stop_grace}s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  fi
}

cmd_restart() {
  [ -n "$target" ] || die "restart needs the name of a process of the cluster (coordinator-0, node-1; see status)"
  run="$(resolve_run_dir)"
  [ -f "$run/cluster.txt" ] || die "$run holds no cluster"
  local cluster line="" address url role pid="" args=()
  cluster="$(cluster_of "$run")"
  local name rest
  while IFS='=' read -r name rest; do
    [ "$name" = "$target" ] && [ "$name" != cluster ] && line=$rest
  done < "$run/cluster.txt"
  [ -n "$line" ] \
    || die "$run's cluster has no process named '$target'; its processes: $(sed -n 's/=.*//p' "$run/cluster.txt" | grep -vx cluster | paste -sd ' ' -)"
  [ -f "$run/$target.args" ] || die "$run/$target.args is missing (a run dir of an older script): restart the whole cluster with stop and start"
  mapfile -d '' args < "$run/$target.args"
  role=${args[0]}
  address=${line%% *} url=${line#* }
  token="${token_flag:-${GRIDEXEC_TOKEN:-}}"
  if [ "$role" = coordinator ] && [ -f "$run/token-asked" ] && [ -z "$token" ]; then
    die "the cluster of $run was started with a token: give it again (--token or GRIDEXEC_TOKEN), or $target would serve without one"
  fi
  if [ -n "$token" ]; then
    [ "${#token}" -ge 16 ] || die "the token (--token or GRIDEXEC_TOKEN) must be 16 characters or more"
    [[ "$token" =~ ^[!-~]+$ ]] || die "the token (--token or GRIDEXEC_TOKEN) must be printable ASCII without spaces"
  fi
  local others=0 f
  for f in "$run"/*.pid; do
    [ -f "$f" ] && [ "$(basename "$f" .pid)" != "$target" ] && ours "$(cat "$f")" "$cluster" && others=$((others + 1))
  done
  [ "$others" -gt 0 ] || die "no other process of $run's cluster is running: start the cluster instead ($0 start --run-dir $run ...)"
  [ -f "$run/$target.pid" ] && pid=$(cat "$run/$target.pid")
  if ours "$pid" "$cluster"; then
    echo "stopping $target (pid $pid) with SIG$([ "$restart_how" = kill ] && echo KILL || echo TERM)" >&2
    end_process "$pid" "$target" "$restart_how"
  fi
  launch "$role" "$target" "${args[@]:1}"
  pid=$(cat "$run/$target.pid")
  echo "$run" > "$last_file"
  echo "started $target again (pid $pid, $address, $url; log $run/$target.log)" >&2

  local deadline=$(( $(date +%s) + start_timeout )) nodes_live seen
  while :; do
    if [ "$role" = coordinator ]; then
      nodes_live=0
      for f in "$run"/node-*.pid; do
        [ -f "$f" ] && ours "$(cat "$f")" "$cluster" && nodes_live=$((nodes_live + 1))
      done
      seen=$(api_get "$url/nodes" | grep -o '"name"' | wc -l || true)
      [ "$((${seen:-0} + 0))" -ge "$nodes_live" ] && http_ok "$url/health/ready" && break
    else
      http_ok "$url/health/ready" && break
    fi
    if ! alive "$pid"; then
      echo "local-cluster: $target exited during start-up; the end of its log:" >&2
      tail -n 20 "$run/$target.log" >&2 || true
      rm -f "$run/$target.pid"
      exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "local-cluster: $target not ready after ${start_timeout}s (it keeps running; log $run/$target.log)" >&2
      exit 1
    fi
    sleep 0.5
  done
  [ "$role" = coordinator ] && echo "$url"
  return 0
}

[ $# -ge 1 ] || { usage >&2; exit 2; }
command="$1"
shift
target="" restart_how=term
if [ "$command" = restart ] && [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  target="$1"
  shift
fi
nodes="" coordinators=1 workers="" mode="" run_dir="" token="" token_flag="" token_given="" store_flag="" store_given=""
while [ $# -gt 0 ]; do
  case "$1" in
    --token) token_flag="${2:-}" token_given=1; shift 2 ;;
    --nodes) nodes="${2:-}"; shift 2 ;;
    --coordinators) coordinators="${2:-}"; shift 2 ;;
    --workers) workers="${2:-}"; shift 2 ;;
    --mode) mode="${2:-}"; shift 2 ;;
    --run-dir) run_dir="${2:-}"; shift 2 ;;
    --store) store_flag="${2:-}" store_given=1; shift 2 ;;
    --kill) [ "$command" = restart ] || die "--kill is an option of restart only"; restart_how=kill; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

case "$command" in
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  restart) cmd_restart ;;
  -h|--help|help) usage ;;
  *) die "unknown command '$command'; use start, status, stop or restart" ;;
esac
