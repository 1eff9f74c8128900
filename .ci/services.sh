#!/usr/bin/env bash
# Makes sure the services the 'services' test profile talks to are running on this machine:
# PostgreSQL on 127.0.0.1:5432 with trust authentication. Installs it from Debian's packages
# when it is missing, starts it when it is stopped.
set -euo pipefail

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "installing PostgreSQL"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
hba=/etc/postgresql/$version/main/pg_hba.conf
if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
  echo "host all all 127.0.0.1/32 trust" | cat - "$hba" > "$hba.new" && mv "$hba.new" "$hba"
  chown postgres:postgres "$hba"
  pg_ready && pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi
if ! pg_ready; then
  echo "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
pg_ready || { echo "PostgreSQL did not start" >&2; exit 1; }
echo "PostgreSQL $version is ready on 127.0.0.1:5432"
