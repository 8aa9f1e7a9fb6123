#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/images) from the running workbench at 1280x800 under Xvfb.
# Needs Xvfb (apt-get install xvfb) and a build (mvn -B test-compile). Trains the sample's calibrated HBV and
# desktop δ model into a work folder first when they are not there (a few minutes on two cores).
# Usage: scripts/screenshots.sh [WORK_DIR] [--no-training]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/hydrodelta-screenshots}"
cd "$root"
mvn -B -q -o -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work.cp" >/dev/null
deps="$(tr ':' '\n' < "$work.cp" | grep -v '/org/hydrodelta/' | paste -sd:)"
cp="app/target/test-classes:app/target/classes:maps/target/classes:core/target/classes:$deps"
xvfb-run -a -s "-screen 0 1400x900x24" java --add-modules=jdk.incubator.vector -XX:+UseParallelGC \
  -cp "$cp" org.hydrodelta.app.gui.ScreenshotTour docs/images "$work" "$root" ${2:-}
