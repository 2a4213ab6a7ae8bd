#!/usr/bin/env bash
# `npm test`: every test. Unit and API tests (vitest) on SQLite and, when a server is there, PostgreSQL;
# then the browser tests (Playwright driving real Chromium against the real server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/provision.sh
# tsconfig.json extends SvelteKit's generated .svelte-kit/tsconfig.json; a fresh clone has none until this runs.
npx svelte-kit sync
echo "test: API and unit tests on sqlite${TEST_DATABASE_URL:+ and postgres}"
npx vitest run
echo "test: browser tests"
npx playwright test
