#!/usr/bin/env bash
# Unit tests of the Pod Security checker itself (tools/psa); JUnit into $CELLPIPE_RESULTS.
# The checks of our emitted documents against it are Jest (tests/security/) and run with jest.
set -uo pipefail
cd "$(dirname "$0")/../.."
out="${CELLPIPE_RESULTS:-.cache/test-results}"
mkdir -p "$out"
events=$(mktemp)
(cd tools/psa && GOFLAGS=-mod=mod go test -json ./...) >"$events" 2>&1
node tools/psa/go-test-junit.mjs "$events" "$out/psa.xml"
status=$?
rm -f "$events"
exit $status
