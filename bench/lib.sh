# Shell functions the bench scripts share (sourced, not run).

# listening <port>: whether something listens on it.
listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port nothing listens on (others may run the platform on 3000 on this machine).
free_port() {
  local port
  while :; do
    port=$((30000 + RANDOM % 30000))
    if ! listening "$port"; then
      echo "$port"
      return
    fi
  done
}

# ready <port>: whether the platform on that port answers /health/ready.
ready() {
  curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null
}

# wait_for <what> <pid> <log> <seconds> <command...>: until the command succeeds, once a second;
# exits the script, with the end of <log>, if process <pid> dies, or when the time is up.
wait_for() {
  local what=$1 pid=$2 log=$3 seconds=$4
  shift 4
  for _ in $(seq 1 "$seconds"); do
    if "$@"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$what exited; the end of $log:" >&2; tail -40 "$log" >&2; exit 1
    fi
    sleep 1
  done
  echo "$what was not ready within $seconds s; see $log" >&2
  exit 1
}

# wait_ready <port> <log> <pid>: until the platform (process <pid>) is ready on that port.
wait_ready() {
  wait_for "the platform" "$3" "$2" 180 ready "$1"
}

# wait_for_port <port> <pid> <what> <log>: until process <pid> listens on that port.
wait_for_port() {
  wait_for "$3" "$2" "$4" 60 listening "$1"
}
