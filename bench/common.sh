# Helpers the bench scripts share; sourced, not run.

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_haproxy_tcp NAME BACKEND_PORT WORKDIR: HAProxy 2.6 in TCP mode on a free port in front of
# 127.0.0.1:BACKEND_PORT, the peer configuration of ../shared/bench/*-proxy-peers.sh. Sets
# HAPROXY_PORT and HAPROXY_PID; the caller kills HAPROXY_PID when done.
start_haproxy_tcp() {
  local name="$1" backend_port="$2" workdir="$3"
  HAPROXY_PORT=$(free_port)
  cat > "$workdir/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode tcp
  timeout connect 5s
  timeout client 1h
  timeout server 1h
listen $name
  bind 127.0.0.1:$HAPROXY_PORT
  server backend 127.0.0.1:$backend_port
CFG
  haproxy -db -f "$workdir/haproxy.cfg" >"$workdir/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
}

# machine_state LABEL: one line saying when, on how many cores, under what load a figure was taken,
# and whether that counts as quiet (1-minute load average below the core count) or busy. Every
# script prints it before and after measuring, so a figure never travels without it.
machine_state() {
  local cores load state
  cores=$(nproc)
  read -r load _ < /proc/loadavg
  state=$(awk -v l="$load" -v c="$cores" 'BEGIN { print (l < c ? "quiet" : "busy") }')
  echo "machine $1: $(date -u +%FT%TZ), $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg) ($state)"
}

# stats NUMBERS...: "median min max" of the numbers.
stats() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{ if(NR==0){print "nan nan nan"; exit}
    m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.3f %.3f %.3f\n", m, a[1], a[NR] }'
}
