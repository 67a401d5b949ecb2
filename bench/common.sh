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
