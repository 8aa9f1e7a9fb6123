#!/usr/bin/env bash
# Trains one δ-model experiment with HydroDelta and with the δ-model authors' PyTorch code, on identical inputs and
# the same budget, one after the other on the same core, and prints both codes' test scores, time and memory.
#
#   1. `hydrodelta export-arrays` writes the arrays `train` trains on (loaded exactly as train loads them);
#   2. `hydrodelta train --threads 1 --evaluate`, then `evaluate --epoch <last>` (the authors test the last epoch;
#      HydroDelta's default is the best validation epoch: both are printed);
#   3. scripts/torchref-train.py: their train.trainModel / testModel on those arrays (normalised as their
#      traindPLHBV.py does), the test protocol of spec §5.6, NSE/KGE as HydroDelta's Metrics.
# Both programs are pinned with taskset to the same core, one thread, `nice`d. Nothing is downloaded.
#
# Usage: scripts/train-vs-pytorch.sh PROJECT EXPERIMENT [EPOCHS]
#   PROJECT is written into (runs/ beside it): pass a copy, e.g. cp -r sample-projects/camels-regions /tmp/cr
#   EPOCHS overrides training.epochs on both sides (default: the experiment's)
#
# Settings (environment variables):
#   TORCHREF_AUTHORS  folder holding the exported authors' files (required): from a clone R of mhpi/dPLHBVrelease,
#                       mkdir -p authors/hydroDL/model authors/hydroDL/data
#                       : > authors/hydroDL/__init__.py; : > authors/hydroDL/model/__init__.py
#                       for f in rnn crit dropout cnn train; do
#                         git -C "$R" show 997c0f5e:hydroDL-dev/hydroDL/model/$f.py > authors/hydroDL/model/$f.py; done
#                       git -C "$R" show 997c0f5e:hydroDL-dev/hydroDL/data/camels.py > authors/hydroDL/data/camels.py
#   TORCHREF_HARNESS  the reference harness (default: ../shared/tools/torchref/harness.py beside this repository)
#   HYDRODELTA        the launcher (default: app/target/dist/bin/hydrodelta, built by `mvn -B package`)
#   PYTHON            python3 with torch and numpy (default /usr/bin/python3, Debian's python3-torch)
#   OPENBLAS_DIR      put first on LD_LIBRARY_PATH for python (default /usr/lib/x86_64-linux-gnu/openblas-pthread)
#   CPUS              taskset core (default 0)
#   WORK              folder for the arrays and the PyTorch outputs (default: a new temporary folder, kept)
#   JAVA_OPTS         extra JVM options (default -Xmx4g)
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
HYDRODELTA="${HYDRODELTA:-$repo/app/target/dist/bin/hydrodelta}"
export TORCHREF_HARNESS="${TORCHREF_HARNESS:-$repo/../shared/tools/torchref/harness.py}"
PYTHON="${PYTHON:-/usr/bin/python3}"
CPUS="${CPUS:-0}"
OPENBLAS_DIR="${OPENBLAS_DIR:-/usr/lib/x86_64-linux-gnu/openblas-pthread}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx4g}"

die() { echo "train-vs-pytorch: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: $0 PROJECT EXPERIMENT [EPOCHS]"
project="$(readlink -f "$1")"; experiment="$2"; epochs="${3:-}"
[ -f "$project" ] || die "no project file $1"
case "$project" in "$repo"/*) die "$project is inside the repository: training writes runs/ beside it; pass a copy";; esac
[ -x "$HYDRODELTA" ] || die "launcher not found at $HYDRODELTA (build with 'mvn -B package' or set HYDRODELTA)"
[ -f "$TORCHREF_HARNESS" ] || die "reference harness not found at $TORCHREF_HARNESS (set TORCHREF_HARNESS)"
[ -n "${TORCHREF_AUTHORS:-}" ] || die "set TORCHREF_AUTHORS to the folder with the exported authors' files (see $0)"
for f in model/rnn.py model/train.py data/camels.py; do
  [ -f "$TORCHREF_AUTHORS/hydroDL/$f" ] || die "$TORCHREF_AUTHORS/hydroDL/$f is missing (see the header of $0)"
done
command -v taskset >/dev/null || die "taskset (util-linux) is needed to pin both programs to the same core"
"$PYTHON" -c 'import torch, numpy' 2>/dev/null || die "$PYTHON cannot import torch and numpy (set PYTHON)"
export TORCHREF_AUTHORS OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK"

# Runs a command niced and pinned to $CPUS; prints its output to $2, its CPU seconds and peak RSS (KiB) to $1.
pinned() {
  local usage="$1" log="$2"; shift 2
  nice "$PYTHON" - "$usage" taskset -c "$CPUS" "$@" >"$log" 2>&1 <<'EOF'
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{r.ru_utime + r.ru_stime:.1f} {r.ru_maxrss}\n")
sys.exit(rc)
EOF
}

echo "train-vs-pytorch: $(date -u '+%Y-%m-%d %H:%M UTC'), $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo "  $project, experiment $experiment${epochs:+, $epochs epochs}, core $CPUS, work folder $WORK"
echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

"$HYDRODELTA" export-arrays "$project" --experiment "$experiment" "$WORK/arrays" 2>/dev/null \
  || die "export-arrays failed (run it alone to see why)"

# A: HydroDelta
t0=$(date +%s)
pinned "$WORK/hd.usage" "$WORK/hd.log" "$HYDRODELTA" train "$project" --experiment "$experiment" --threads 1 \
  ${epochs:+--epochs "$epochs"} --evaluate --attribute-sensitivity never || { cat "$WORK/hd.log" >&2; die "hydrodelta train failed"; }
hd_wall=$(( $(date +%s) - t0 ))
run="$(sed -n 's/^run folder: //p' "$WORK/hd.log")"
last="$(tail -1 "$run/log.csv" | cut -d, -f2)"
"$HYDRODELTA" evaluate "$project" --run "$run" --epoch "$last" --attribute-sensitivity never >"$WORK/hd-last.log" 2>/dev/null \
  || die "hydrodelta evaluate --epoch $last failed"
hd_ep="$("$PYTHON" - "$run/timing.csv" "$run/log.csv" <<'EOF'
import csv, statistics, sys
sec = [float(r["seconds"]) for r in csv.DictReader(open(sys.argv[1]))]
ep = [int(r["epoch"]) for r in csv.DictReader(open(sys.argv[2]))]
per = {}
for s, e in zip(sec, ep):
    per[e] = per.get(e, 0) + s
print(f"{statistics.median(per.values()):.1f}")
EOF
)"

# B: the authors' code
t0=$(date +%s)
ld="${LD_LIBRARY_PATH:-}"; [ -d "$OPENBLAS_DIR" ] && ld="$OPENBLAS_DIR${ld:+:$ld}"
LD_LIBRARY_PATH="$ld" pinned "$WORK/pt.usage" "$WORK/pt.log" "$PYTHON" "$repo/scripts/torchref-train.py" \
  "$WORK/arrays" --out "$WORK/pytorch" ${epochs:+--epochs "$epochs"} || { cat "$WORK/pt.log" >&2; die "torchref-train failed"; }
pt_wall=$(( $(date +%s) - t0 ))

"$PYTHON" - "$WORK" "$hd_wall" "$pt_wall" "$hd_ep" <<'EOF'
import json, re, statistics, sys
work, hd_wall, pt_wall, hd_ep = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
def medians(path):
    t = open(path).read()
    g = lambda k: float(re.search(r"^median " + k + r"\s+(\S+)", t, re.M).group(1))
    ck = re.search(r"^evaluated checkpoint: (.*)$", t, re.M).group(1)
    return g("nse"), g("kge"), ck
hd_cpu, hd_rss = open(work + "/hd.usage").read().split()
pt_cpu, pt_rss = open(work + "/pt.usage").read().split()
res = json.loads([l for l in open(work + "/pt.log") if l.startswith("RESULT ")][-1][7:])
nb, nl, cb = medians(work + "/hd.log")
n2, k2, c2 = medians(work + "/hd-last.log")
print(f"budget: {res['epochs']} epochs x {res['iterationsPerEpoch']} iterations (HydroDelta "
      f"{res['hydrodeltaIterationsPerEpoch']}), batch {res['batch']}, rho {res['rho']}, warm-up {res['bufftime']}, "
      f"{res['basins']} basins, 1 thread")
print(f"{'':60s} {'NSE':>6s} {'KGE':>6s}  {'train s/epoch':>13s} {'CPU s':>7s} {'wall s':>7s} {'peak RSS':>9s}")
print(f"{'HydroDelta, ' + c2:60s} {n2:6.3f} {k2:6.3f}  {hd_ep:8.1f} wall {float(hd_cpu):7.0f} {hd_wall:7d} "
      f"{int(hd_rss) / 1024:5.0f} MiB")
print(f"{'HydroDelta, ' + cb:60s} {nb:6.3f} {nl:6.3f}")
print(f"{'PyTorch (authors), epoch ' + str(res['epochs']):60s} {res['medianNse']:6.3f} {res['medianKge']:6.3f}  "
      f"{statistics.median(res['cpuPerEpoch']):8.1f} CPU  {float(pt_cpu):7.0f} {pt_wall:7d} {int(pt_rss) / 1024:5.0f} MiB"
      f"  (training wall {statistics.median(res['wallPerEpoch']):.1f} s/epoch)")
print("train s/epoch: HydroDelta the wall clock of its training iterations (timing.csv, median epoch), PyTorch the"
      " CPU time of trainModel's epochs (median); CPU s, wall s and peak RSS: the whole process (loading, training,"
      " HydroDelta's validations, test)")
print(f"load average after: {open('/proc/loadavg').read().split()[:3]}")
EOF
