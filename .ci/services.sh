#!/usr/bin/env bash
# Makes sure the services the 'services' test profile talks to are running on this machine:
# PostgreSQL on 127.0.0.1:5432 with trust authentication, Mosquitto on 127.0.0.1:1883, and
# Debian's Chromium for the browser test (driven by playwright-core from .ci/node_modules), and
# python3 and the npm packages of the guide's examples (docs/examples) for GuideExamplesTests.
# Installs what is missing from Debian's packages, starts what is stopped.
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

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

mqtt_ready() { (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; }
if ! mqtt_ready; then
  if ! command -v mosquitto >/dev/null; then
    echo "installing Mosquitto"
    apt_install mosquitto
  fi
  echo "starting Mosquitto"
  mosquitto -d -c /etc/mosquitto/mosquitto.conf
  for _ in $(seq 1 15); do mqtt_ready && break; sleep 1; done
fi
mqtt_ready || { echo "Mosquitto did not start on 127.0.0.1:1883" >&2; exit 1; }
echo "Mosquitto is ready on 127.0.0.1:1883"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Chromium"
  apt_install chromium
fi
/usr/bin/chromium --version
if [ ! -d "$(dirname "$0")/node_modules/playwright-core" ]; then
  (cd "$(dirname "$0")" && npm install --no-audit --no-fund --loglevel=error)
fi

if ! command -v python3 >/dev/null; then
  echo "installing Python 3"
  apt_install python3
fi
python3 --version
(cd "$(dirname "$0")/../docs/examples/js" && npm install --no-audit --no-fund --loglevel=error)
echo "the guide's JavaScript examples have their packages"
