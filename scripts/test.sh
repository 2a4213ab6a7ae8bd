#!/usr/bin/env bash
# `npm test`: every test. Unit and API tests (vitest) on SQLite and, when a server is there, PostgreSQL;
# then the browser tests (Playwright driving real Chromium against the real server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/provision.sh
# Types first: vitest and Vite strip them without a look, so a type error would otherwise land unseen. `svelte-kit
# sync` writes .svelte-kit/tsconfig.json, which tsconfig.json extends and a fresh clone lacks.
# The front end is built at the same time: headers.test.ts checks the built pages' Content-Security-Policy only when
# build/ exists, and a fresh clone has none until it is built; Playwright's global setup then finds build/ up to date
# and does not build it again. The two type checks take about 40 s of one core each and the build about 23 s of CPU
# (2026-12-05): one after another some 95 s, side by side on two cores about 50 s. The build reads the sources and
# writes only build/ and .svelte-kit/output, which neither check reads; the sync it starts with finds .svelte-kit as
# the sync below left it and rewrites nothing.
echo "test: types (the API; its tests, the bench and the scripts; the front end and its tests), and the front-end build"
npx svelte-kit sync
# The same two checks as `npm run check`, which runs them one after the other.
logs=$(mktemp -d)
run_logged() {
  local name=$1
  shift
  "$@" >"$logs/$name.log" 2>&1
}
run_logged types-api npx tsc -p tests/tsconfig.json --noEmit &
types_api=$!
run_logged types-web npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings &
types_web=$!
run_logged build npx vite build --logLevel error &
build=$!
failed=0
for job in "types-api:$types_api" "types-web:$types_web" "build:$build"; do
  if ! wait "${job#*:}"; then
    echo "test: ${job%%:*} FAILED:"
    failed=1
  fi
  cat "$logs/${job%%:*}.log"
done
rm -rf "$logs"
[ "$failed" = 0 ]
echo "test: API and unit tests on sqlite${TEST_DATABASE_URL:+ and postgres}"
npx vitest run
echo "test: browser tests"
# Without the screenshots the specs take for whoever works on a screen (tests/e2e/support/pages.ts): a minute of
# the run; `SCREENSHOTS=1 npm test` keeps them. A spec run on its own (npx playwright test x.spec.ts) takes them.
SCREENSHOTS=${SCREENSHOTS:-0} npx playwright test
