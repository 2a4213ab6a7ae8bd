#!/usr/bin/env bash
# `npm test`: every test. Unit and API tests (vitest) on SQLite and, when a server is there, PostgreSQL;
# then the browser tests (Playwright driving real Chromium against the real server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/provision.sh
# Types first: vitest and Vite strip them without a look, so a type error would otherwise land unseen. `npm run
# check` also writes .svelte-kit/tsconfig.json (svelte-kit sync), which tsconfig.json extends and a fresh clone
# lacks.
echo "test: types (the API; its tests, the bench and the scripts; the front end and its tests)"
npm run --silent check
# The front end before the API tests: headers.test.ts checks the built pages' Content-Security-Policy only when
# build/ exists, and a fresh clone has none until the browser tests build it. Playwright's global setup then finds
# build/ up to date and does not build it again.
echo "test: build the front end"
npx vite build --logLevel error
echo "test: API and unit tests on sqlite${TEST_DATABASE_URL:+ and postgres}"
npx vitest run
echo "test: browser tests"
npx playwright test
