#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/images) from the running workbench at 1280x800 under Xvfb.
# Needs Xvfb (apt-get install xvfb) and a build (mvn -B test-compile). Trains the sample's calibrated HBV and
# desktop δ model into a work folder first when they are not there (a few minutes on two cores).
# Usage: scripts/screenshots.sh [WORK_DIR] [--no-training]
#        scripts/screenshots.sh --groups PROJECT TEMPORAL_RUN PUB_GROUP ENSEMBLE_RUN
#   the run-group shots (pub-map, temporal-vs-spatial, ensemble-bands) of a project where a temporal run, its 3-fold
#   PUB group (train P --experiment E --holdout pub --folds 3) and a seed ensemble (--members 3) were trained
#        scripts/screenshots.sh --targets PROJECT RUN [BASIN]
#   the auxiliary-target shots (targets-results: flow and per-target metrics such as baseflow_nse side by side;
#   targets-hydrograph: the observation, e.g. the Lyne-Hollick baseflow, over the model's baseflow in the last year
#   of the test period) of RUN, a run of PROJECT trained on streamflow and an auxiliary observation (e.g.
#   train P --experiment delta-small-baseflow); BASIN defaults to the run's best by the target's NSE
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/hydrodelta-screenshots}"
[ "$work" = "--groups" ] || [ "$work" = "--targets" ] && work="${TMPDIR:-/tmp}/hydrodelta-screenshots"
cd "$root"
mvn -B -q -o -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work.cp" >/dev/null
deps="$(tr ':' '\n' < "$work.cp" | grep -v '/org/hydrodelta/' | paste -sd:)"
cp="app/target/test-classes:app/target/classes:maps/target/classes:core/target/classes:$deps"
if [ "${1:-}" = "--groups" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" java --add-modules=jdk.incubator.vector -XX:+UseParallelGC \
    -cp "$cp" org.hydrodelta.app.gui.ScreenshotTour --groups docs/images "$2" "$3" "$4" "$5"
fi
if [ "${1:-}" = "--targets" ]; then
  [ $# -ge 3 ] || { echo "usage: $0 --targets PROJECT RUN [BASIN]" >&2; exit 2; }
  exec xvfb-run -a -s "-screen 0 1400x900x24" java --add-modules=jdk.incubator.vector -XX:+UseParallelGC \
    -cp "$cp" org.hydrodelta.app.gui.ScreenshotTour --targets docs/images "$2" "$3" "${4:-}"
fi
xvfb-run -a -s "-screen 0 1400x900x24" java --add-modules=jdk.incubator.vector -XX:+UseParallelGC \
  -cp "$cp" org.hydrodelta.app.gui.ScreenshotTour docs/images "$work" "$root" ${2:-}
