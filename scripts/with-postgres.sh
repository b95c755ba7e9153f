#!/usr/bin/env bash
# with-postgres.sh CMD... — run CMD with a throwaway PostgreSQL server.
#
# Does what CI does for the PostgreSQL tests: installs Debian's postgresql
# package when initdb is missing, creates a cluster in a temporary folder
# (owned by the postgres user when run as root, since PostgreSQL refuses to
# run as root), starts it on 127.0.0.1 on a free port, exports its URL as
# NEWSGRAPH_TEST_POSTGRES, runs CMD, and stops and removes the cluster when
# CMD ends, however it ends. The exit status is CMD's.
#
#   scripts/with-postgres.sh go test ./internal/store/...
#   WITH_POSTGRES_DURABLE=1 scripts/with-postgres.sh bench.sh   # keep fsync on
#
# The cluster trades durability for speed (fsync off) unless
# WITH_POSTGRES_DURABLE=1: it is thrown away at the end anyway.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARG...]" >&2
  exit 2
fi

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

PGBIN=$(find_bin)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed (initdb not found); install Debian's postgresql package" >&2
    exit 1
  fi
  echo "with-postgres: installing postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(find_bin)
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: no initdb after installing postgresql" >&2
  exit 1
fi

# as runs a command as the cluster's owner: postgres when we are root.
as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-pg.XXXXXX")
chmod 755 "$DIR"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$DIR"
fi
cleanup() {
  status=$?
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 ||
      as "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM # until CMD runs

as "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
  { cat "$DIR/initdb.log" >&2; exit 1; }

opts="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c max_connections=200"
if [ "${WITH_POSTGRES_DURABLE:-0}" != 1 ]; then
  opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi

# Pick a free port; retry on the (unlikely) race with another process.
started=0
for _ in 1 2 3 4 5 6 7 8 9 10; do
  PORT=$((20000 + RANDOM % 40000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    continue # in use
  fi
  if as "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "$opts -p $PORT" -w -t 60 start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "with-postgres: could not start PostgreSQL:" >&2
  cat "$DIR/server.log" >&2 || true
  exit 1
fi

export NEWSGRAPH_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') at $NEWSGRAPH_TEST_POSTGRES" >&2
# CMD runs in the background (keeping our standard input) so that a TERM or
# INT sent to this script is passed on to it and the cluster still goes.
set +e
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
wait "$child"
status=$?
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
set -e
exit $status
