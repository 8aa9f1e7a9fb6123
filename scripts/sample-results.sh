#!/usr/bin/env bash
# Regenerates the README's results table: trains and evaluates the δ model (HBV 1.0 and HBV 1.1p), the plain LSTM
# and the calibrated HBV of the camels-regions sample project (a copy in a temporary folder) and prints median test metrics.
# Usage: scripts/sample-results.sh [THREADS]   (after `mvn -B install`)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/app/target/dist/bin/hydrodelta"
work="$(mktemp -d)"
cp -r "$root/sample-projects/camels-regions" "$work/"
proj="$work/camels-regions/camels-regions.hdproj"
threads="${1:-0}"
printf '| experiment | model | median NSE | median KGE | median FHV %% | median FLV (MHPI) %% | BFI sim / obs | train + evaluate |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for exp in delta-desktop delta11p-desktop lstm-desktop calibrated-hbv; do
  start=$(date +%s)
  "$bin" train "$proj" --experiment "$exp" --threads "$threads" --evaluate > "$work/$exp.out" 2> "$work/$exp.err"
  secs=$(( $(date +%s) - start ))
  summary=$(ls -d "$work"/camels-regions/runs/"$exp"_*/eval/test | tail -1)/metrics_summary.csv
  get() { v=$(awk -F, -v m="$1" '$1==m {print $2}' "$summary"); echo "${v:-–}"; }
  model=$(grep -o '"model" : "[^"]*"' "$(dirname "$(dirname "$(dirname "$summary")")")/config.json" | cut -d'"' -f4)
  printf '| %s | %s | %.3f | %.3f | %.1f | %.1f | %s / %s | %d min %02d s |\n' "$exp" "$model" "$(get nse)" "$(get kge)" \
    "$(get fhv)" "$(get flv_mhpi)" "$(get bfi_sim | cut -c1-4)" "$(get bfi_obs | cut -c1-4)" $((secs / 60)) $((secs % 60))
done
echo "(runs kept in $work)"
