#!/usr/bin/env bash
# Makes sure what the tests need is here: Chromium for Playwright and a PostgreSQL server for the second
# dialect. Safe to run again and again; prints what it did. Sourced by scripts/test.sh so that
# TEST_DATABASE_URL reaches the test runners.
#
# - Chromium: Playwright cannot download its own browser on these machines, so we use Debian's packages
#   (/usr/bin/chromium, and /usr/bin/chromium-headless-shell, which the browser tests run: about twice as fast on
#   two cores), installed with apt-get when we are root. Elsewhere Playwright's own browser is used.
# - PostgreSQL: on these machines a server listens on 127.0.0.1:5432 with trust auth and a database `test`;
#   if it is down we start it with pg_ctlcluster. When none can be had, the PostgreSQL half is skipped loudly.

if { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromium-headless-shell ]; } && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "provision: installing Debian's chromium and its headless shell for the browser tests…"
  # Without the shell where it cannot be had (an older Debian): the tests then run the full browser.
  apt_chromium() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
  (apt-get update -qq && { apt_chromium chromium chromium-headless-shell || apt_chromium chromium; }) || echo "provision: could not install chromium"
fi

# A font with Chinese glyphs, so that the screenshots of the zh screens show text rather than empty boxes
# (Debian's chromium brings none; a tablet or phone has its own). 1.6 MB.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "provision: installing a Chinese font for the zh screenshots…"
  install_font() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1; }
  install_font || (apt-get update -qq && install_font) || echo "provision: could not install a Chinese font"
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
  if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "provision: starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
  fi
  if pg_up; then
    export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
  else
    echo "provision: no PostgreSQL on 127.0.0.1:5432 — the PostgreSQL half of the tests is SKIPPED in this run"
  fi
fi
