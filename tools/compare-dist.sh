#!/usr/bin/env bash
# Byte-for-byte comparison of two builds of the site, for refactors that must not change the output:
#   bash tools/compare-dist.sh /tmp/dist-before dist
# The build stamp is left out: it records when and from which sources the build was made.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: bash tools/compare-dist.sh BEFORE_DIR AFTER_DIR" >&2
  exit 2
fi
if diff -r --brief --exclude=build-stamp.json "$1" "$2"; then
  echo "The two builds are byte for byte the same ($(find "$2" -type f | wc -l) files, the stamp aside)."
else
  echo "The builds differ (above). diff -r --exclude=build-stamp.json $1 $2 shows how." >&2
  exit 1
fi
