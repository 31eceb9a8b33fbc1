#!/usr/bin/env bash
# PostgreSQL and Redis for the queue-mode end-to-end suite (test/e2e/queue.e2e.test.ts): throwaway
# servers on loopback ports of their own, data in a temp dir, gone when this script ends.
#
#   queue-services.sh install                       # apt-get install what is missing (root only)
#   queue-services.sh run <pg port> <redis port> <database>...
#
# `run` prints one JSON line once both answer and the databases exist, then stays in the
# foreground until its stdin closes or it gets SIGTERM/SIGINT, and then stops both servers and
# deletes their data. The test starts it with a pipe as stdin, so the servers cannot outlive the
# test process even when that is killed. Exit 3: a port was taken (the caller picks others).
set -euo pipefail

log() { echo "[queue-services] $*" >&2; }

pg_bindir() {
	# Debian installs the server outside PATH, one directory per major version.
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	[[ -n "$dir" && -x "$dir/postgres" && -x "$dir/initdb" ]] && echo "$dir"
}

missing_packages() {
	local missing=()
	pg_bindir >/dev/null || missing+=(postgresql)
	command -v redis-server >/dev/null || missing+=(redis-server)
	echo "${missing[@]}"
}

install() {
	local missing
	missing=$(missing_packages)
	if [[ -z "$missing" ]]; then
		log "postgresql and redis-server are installed"
		return
	fi
	if [[ $(id -u) -ne 0 ]]; then
		log "missing Debian packages: $missing (run as root, or: sudo apt-get install $missing)"
		exit 1
	fi
	log "apt-get update && apt-get install $missing"
	# Debian's postinst scripts try to start the services; without an init system that just warns.
	# The package lists of a fresh CI image are empty or stale: refresh them first.
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >&2
}

run() {
	local pg_port=$1 redis_port=$2
	shift 2
	local databases=("$@")
	install
	local bindir
	bindir=$(pg_bindir)

	# PostgreSQL refuses to run as root; Debian's package creates the postgres user.
	# setpriv execs (runuser would stay in between as a parent), so $! below is the postmaster itself.
	local pg_user=postgres as_pg=()
	if [[ $(id -u) -eq 0 ]]; then
		as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
	else
		pg_user=$(id -un)
	fi

	# Globals, not locals: the EXIT trap runs after this function has returned.
	root=$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e-queue-XXXXXX")
	chmod 755 "$root"
	mkdir -p "$root/pg" "$root/redis"
	chown "$pg_user" "$root/pg"

	pg_pid='' redis_pid=''
	cleanup() {
		trap - EXIT INT TERM
		# SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, close clients, exit.
		[[ -n "$pg_pid" ]] && kill -INT "$pg_pid" 2>/dev/null || true
		[[ -n "$redis_pid" ]] && kill -TERM "$redis_pid" 2>/dev/null || true
		for pid in $pg_pid $redis_pid; do
			for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -KILL "$pid" 2>/dev/null || true
		done
		rm -rf "$root"
	}
	trap cleanup EXIT
	trap 'exit 0' INT TERM

	"${as_pg[@]}" "$bindir/initdb" -D "$root/pg/data" -U postgres -A trust -E UTF8 --no-locale >"$root/initdb.log" 2>&1 ||
		{ cat "$root/initdb.log" >&2; exit 1; }
	# TCP on loopback only, no Unix socket (nothing to clash with a system cluster's /var/run one).
	# fsync off: the data is thrown away at the end, and a busy shared machine is slow enough.
	"${as_pg[@]}" "$bindir/postgres" -D "$root/pg/data" -p "$pg_port" -c listen_addresses=127.0.0.1 \
		-c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
		>"$root/postgres.log" 2>&1 &
	pg_pid=$!
	redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$root/redis" \
		--daemonize no --logfile "$root/redis.log" &
	redis_pid=$!

	local ready=''
	for _ in $(seq 300); do
		if ! kill -0 "$pg_pid" 2>/dev/null || ! kill -0 "$redis_pid" 2>/dev/null; then break; fi
		if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && [[ $(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null) == PONG ]]; then
			ready=1
			break
		fi
		sleep 0.1
	done
	if [[ -z "$ready" ]]; then
		cat "$root/postgres.log" "$root/redis.log" >&2 2>/dev/null || true
		if grep -qiE 'address already in use|could not create any TCP/IP sockets' "$root/postgres.log" "$root/redis.log" 2>/dev/null; then exit 3; fi
		log "PostgreSQL or Redis did not start"
		exit 1
	fi
	for db in "${databases[@]}"; do
		"$bindir/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\"" >&2
	done
	log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, Redis $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/') on 127.0.0.1:$redis_port, data in $root"
	printf '{"postgres":{"host":"127.0.0.1","port":%s,"user":"postgres","bindir":"%s"},"redis":{"host":"127.0.0.1","port":%s},"dir":"%s"}\n' \
		"$pg_port" "$bindir" "$redis_port" "$root"

	# Until the test closes our stdin (or dies, which closes it too). `read` returns on EOF.
	while read -r _; do :; done
}

case "${1:-}" in
install) install ;;
run)
	shift
	[[ $# -ge 2 ]] || { echo "usage: $0 run <pg port> <redis port> <database>..." >&2; exit 2; }
	run "$@"
	;;
*)
	echo "usage: $0 install | run <pg port> <redis port> <database>..." >&2
	exit 2
	;;
esac
