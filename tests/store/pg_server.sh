#!/bin/sh
# pg_server.sh - a throwaway PostgreSQL server for the store's tests (a CTest
# fixture: tests/store.cmake starts it before the first PostgreSQL test and
# stops it after the last, even when a test failed).
#
# usage: pg_server.sh start|stop|restart STATE_DIR
#
# start: initdb (as the postgres user when run as root) into a new temporary
#   folder under /tmp, then pg_ctl start with the Unix socket in that folder
#   and TCP on a free port of 127.0.0.1 (local connections trusted, TCP ones
#   by password: the tests of a wrong password need them).  Writes
#   STATE_DIR/pg_service.conf (the service "raingan_test": the tests connect
#   with PGSERVICEFILE pointing there) and STATE_DIR/env (the folder, port and
#   programs).  A server left over by an interrupted run is stopped first.
#   RG_PG_DURABLE=1: fsync and the other defaults of a real server (benchmarks);
#   else they are off, for speed.
# stop: stop the server at once and remove its folder.
# restart: stop it (fast: clients are disconnected) and start it again on the
#   same folder and port, as an administrator restarting the server would.
set -eu
# the server and its programs read these: none of the caller's
unset PGHOST PGPORT PGDATA PGUSER PGDATABASE PGOPTIONS PGSERVICE PGSERVICEFILE

cmd=${1:-} state=${2:-}
[ -n "$cmd" ] && [ -n "$state" ] || { echo "usage: pg_server.sh start|stop|restart STATE_DIR" >&2; exit 2; }
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || {
	echo "pg_server.sh: no PostgreSQL server in /usr/lib/postgresql (apt-get install postgresql)" >&2
	exit 1
}

# The server refuses to run as root: as root, run its programs as postgres.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

stop() {
	[ -f "$state/env" ] || return 0
	. "$state/env"
	as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
	rm -f "$state/env" "$state/pg_service.conf"
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
	stop
	mkdir -p "$state"
	dir=$(mktemp -d /tmp/rg-pg-XXXXXX)
	[ "$(id -u)" != 0 ] || chown postgres:postgres "$dir"
	chmod 700 "$dir"
	if ! as_pg "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --no-sync \
		--auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	# fsync off: a throwaway server (a restart keeps the data: the OS still has it);
	# RG_PG_DURABLE=1 (the benchmarks) keeps the defaults of a real server
	fast="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
	[ "${RG_PG_DURABLE:-0}" = 0 ] || fast=""
	tries=0
	while :; do
		port=$(free_port)
		if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
			-o "-k $dir -p $port -c listen_addresses=127.0.0.1 $fast -c max_connections=200 \
-c shared_buffers=128MB" >/dev/null; then
			break
		fi
		tries=$((tries + 1))
		if [ $tries -ge 5 ]; then
			echo "pg_server.sh: the server does not start:" >&2
			tail -n 20 "$dir/server.log" >&2 || true
			rm -rf "$dir"
			exit 1
		fi
	done
	printf 'PG_DIR=%s\nPG_PORT=%s\nPG_BIN=%s\n' "$dir" "$port" "$bindir" >"$state/env"
	printf '[raingan_test]\nhost=%s\nport=%s\nuser=postgres\ndbname=postgres\n' "$dir" "$port" \
		>"$state/pg_service.conf"
	echo "PostgreSQL $("$bindir/postgres" --version | sed 's/^[^0-9]*//') on $dir (socket) and 127.0.0.1:$port"
}

restart() {
	. "$state/env"
	as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -m fast -w -t 60 restart >/dev/null
}

case $cmd in
start) start ;;
stop) stop ;;
restart) restart ;;
*) echo "usage: pg_server.sh start|stop|restart STATE_DIR" >&2; exit 2 ;;
esac
