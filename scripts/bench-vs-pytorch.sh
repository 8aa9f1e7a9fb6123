#!/usr/bin/env bash
# Side-by-side speed of HydroDelta and the δ-model authors' PyTorch code on the same shapes, same machine, same run.
#
# Runs the reference harness (the authors' files from mhpi/dPLHBVrelease, imported unmodified; see
# ../shared/tools/torchref/README.md) and `hydrodelta bench` alternately (A B A B ...), both pinned with taskset to
# the same cores and thread count, and prints every run, the medians and the ratios. Nothing is downloaded.
#
# Usage: scripts/bench-vs-pytorch.sh [iteration] [lstm] [hbv]      (default: all three)
#
# Settings (environment variables):
#   TORCHREF_AUTHORS  folder holding the exported authors' files, hydroDL/model/{rnn,crit,dropout,cnn}.py (required)
#                     export them from a clone R of mhpi/dPLHBVrelease:
#                       mkdir -p authors/hydroDL/model; : > authors/hydroDL/__init__.py; : > authors/hydroDL/model/__init__.py
#                       for f in rnn crit dropout cnn; do
#                         git -C "$R" show 997c0f5e:hydroDL-dev/hydroDL/model/$f.py > authors/hydroDL/model/$f.py; done
#   TORCHREF_HARNESS  the harness (default: ../shared/tools/torchref/harness.py beside this repository)
#   HYDRODELTA        the launcher (default: app/target/dist/bin/hydrodelta, built by `mvn -B verify`);
#                     it runs the `java` of JAVA_HOME, else the one on PATH (Java 17 or newer)
#   PYTHON            python3 with torch and numpy (default /usr/bin/python3, Debian's python3-torch)
#   OPENBLAS_DIR      put first on LD_LIBRARY_PATH for python (default /usr/lib/x86_64-linux-gnu/openblas-pthread
#                     when it exists: Debian's torch otherwise uses the slow reference BLAS)
#   THREADS           threads of both programs (default 1)
#   CPUS              taskset core list (default: 0 for one thread, 0-(THREADS-1) otherwise)
#   ROUNDS            A B rounds per measure (default 2); the medians are over rounds
#   ITERATIONS        timed iterations per run (default 2)
#   WARMUP            untimed iterations before them, the same for both programs (default 8 for iteration and lstm:
#                     the JVM's optimising compiler reaches the LSTM's loops only during the 4th-8th iteration (with
#                     the Vector API kernel for every product, 2026-12-05: 5 left one round of two at 2.86 s against
#                     2.00 s), and a training run does thousands; PyTorch is steady from its second)
#   JAVA_OPTS         extra JVM options (default -Xmx2g)
#   TORCH_KEEP_MEMORY 1 (default): run python with MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ so high that
#                     glibc keeps freed tensors in the process instead of unmapping them and taking page faults to
#                     map them again every iteration (the JVM keeps its heap the same way); on a virtual machine where
#                     page faults are dear this alone made the authors' code 2-3x slower (2026-12-05: HBV 189,000 ->
#                     527,000 component-days/s, 800,000 -> 200,000 page faults). 0: glibc's defaults
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
HYDRODELTA="${HYDRODELTA:-$repo/app/target/dist/bin/hydrodelta}"
HARNESS="${TORCHREF_HARNESS:-$repo/../shared/tools/torchref/harness.py}"
PYTHON="${PYTHON:-/usr/bin/python3}"
THREADS="${THREADS:-1}"
if [ "$THREADS" -le 1 ]; then CPUS="${CPUS:-0}"; else CPUS="${CPUS:-0-$((THREADS - 1))}"; fi
ROUNDS="${ROUNDS:-2}"
ITERATIONS="${ITERATIONS:-2}"
WARMUP="${WARMUP:-8}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
OPENBLAS_DIR="${OPENBLAS_DIR:-/usr/lib/x86_64-linux-gnu/openblas-pthread}"
TORCH_KEEP_MEMORY="${TORCH_KEEP_MEMORY:-1}"

die() { echo "bench-vs-pytorch: $*" >&2; exit 2; }
[ -x "$HYDRODELTA" ] || die "launcher not found at $HYDRODELTA (build with 'mvn -B verify' or set HYDRODELTA)"
[ -f "$HARNESS" ] || die "reference harness not found at $HARNESS (set TORCHREF_HARNESS)"
[ -n "${TORCHREF_AUTHORS:-}" ] || die "set TORCHREF_AUTHORS to the folder with the exported authors' files (see the header of $0)"
[ -f "$TORCHREF_AUTHORS/hydroDL/model/rnn.py" ] || die "$TORCHREF_AUTHORS/hydroDL/model/rnn.py is missing (see the header of $0)"
command -v taskset >/dev/null || die "taskset (util-linux) is needed to pin both programs to the same cores"
"$PYTHON" -c 'import torch, numpy' 2>/dev/null || die "$PYTHON cannot import torch and numpy (set PYTHON)"
export TORCHREF_AUTHORS
export OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"

measures=("$@")
[ ${#measures[@]} -gt 0 ] || measures=(iteration lstm hbv)
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT

# Runs a command pinned to $CPUS; its output goes to $log/out, its peak resident set (KiB) to $log/rss.
pinned() {
  "$PYTHON" - "$log/rss" taskset -c "$CPUS" "$@" >"$log/out" 2>&1 <<'EOF'
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
EOF
}

run_torch() { # $1 measure -> prints "value rss_kib"
  local ld="${LD_LIBRARY_PATH:-}"
  [ -d "$OPENBLAS_DIR" ] && ld="$OPENBLAS_DIR${ld:+:$ld}"
  if [ "$TORCH_KEEP_MEMORY" = 1 ]; then export MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736
  else unset MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_; fi
  case "$1" in
    iteration) LD_LIBRARY_PATH="$ld" pinned "$PYTHON" "$HARNESS" --threads "$THREADS" iteration --config paper \
                 --variant fixed --warmup "$WARMUP" --iterations "$ITERATIONS" ;;
    lstm) LD_LIBRARY_PATH="$ld" pinned "$PYTHON" "$HARNESS" --threads "$THREADS" lstm --warmup "$WARMUP" \
            --iterations "$ITERATIONS" ;;
    hbv) LD_LIBRARY_PATH="$ld" pinned "$PYTHON" "$HARNESS" --threads "$THREADS" hbv --variant fixed --warmup 1 \
           --iterations "$ITERATIONS" ;;
  esac || { cat "$log/out" >&2; die "the PyTorch harness failed ($1)"; }
  "$PYTHON" - "$1" "$log/out" <<'EOF'
import json, statistics, sys
res = json.loads([l for l in open(sys.argv[2]) if l.startswith("RESULT ")][-1][7:])
if sys.argv[1] == "hbv":
    print(f'{statistics.median(p["component_days_per_s"] for p in res["per_iter"]):.4g}')
else:
    print(f'{res["median"]:.4g}')
EOF
  cat "$log/rss"
}

run_ours() { # $1 measure -> prints "value rss_kib"
  case "$1" in
    iteration) pinned "$HYDRODELTA" bench iteration --threads "$THREADS" --warmup "$WARMUP" --iterations "$ITERATIONS" ;;
    lstm) pinned "$HYDRODELTA" bench lstm --threads "$THREADS" --warmup "$WARMUP" --iterations "$ITERATIONS" --no-gemm ;;
    hbv) pinned "$HYDRODELTA" bench hbv --threads "$THREADS" ;;
  esac || { cat "$log/out" >&2; die "hydrodelta bench $1 failed"; }
  case "$1" in
    iteration) sed -n 's/^seconds per iteration: \([0-9.]*\) .*/\1/p' "$log/out" ;;
    lstm) sed -n 's/^forward+backward: \([0-9.]*\) s per iteration.*/\1/p' "$log/out" ;;
    hbv) sed -n 's/^ *\([0-9.]*\) million component-days\/s.*/\1e6/p' "$log/out" | head -1 ;;
  esac
  cat "$log/rss"
}

median() { "$PYTHON" -c 'import statistics,sys; print(f"{statistics.median(float(v) for v in sys.argv[1:]):.4g}")' "$@"; }
# medians of peak RSS in KiB, printed in MiB as an integer (the figure above is formatted for reading, e.g. 2.1e+06)
median_mib() { "$PYTHON" -c 'import statistics,sys; print(round(statistics.median(float(v) for v in sys.argv[1:]) / 1024))' "$@"; }

echo "bench-vs-pytorch: $(date -u '+%Y-%m-%d %H:%M UTC'), $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo "  threads $THREADS on cores $CPUS, $ROUNDS rounds A B, $WARMUP warm-up + $ITERATIONS timed iterations per run, JAVA_OPTS=$JAVA_OPTS, TORCH_KEEP_MEMORY=$TORCH_KEEP_MEMORY"
echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A unit=([iteration]="s per iteration" [lstm]="s per fwd+bwd" [hbv]="component-days/s")
summary=()
for m in "${measures[@]}"; do
  case "$m" in iteration|lstm|hbv) ;; *) die "unknown measure '$m' (iteration, lstm or hbv)";; esac
  a=(); b=(); ra=(); rb=()
  for r in $(seq 1 "$ROUNDS"); do
    out=$(run_torch "$m"); a+=("$(echo "$out" | sed -n 1p)"); ra+=("$(echo "$out" | sed -n 2p)")
    echo "  $m round $r  A PyTorch (authors, fixed): ${a[-1]} ${unit[$m]}, peak RSS $((${ra[-1]} / 1024)) MiB"
    out=$(run_ours "$m"); b+=("$(echo "$out" | sed -n 1p)"); rb+=("$(echo "$out" | sed -n 2p)")
    [ -n "${b[-1]}" ] || die "could not read the figure from 'hydrodelta bench $m'"
    echo "  $m round $r  B HydroDelta:               ${b[-1]} ${unit[$m]}, peak RSS $((${rb[-1]} / 1024)) MiB"
  done
  ma=$(median "${a[@]}"); mb=$(median "${b[@]}")
  if [ "$m" = hbv ]; then ratio=$("$PYTHON" -c "print(f'{$mb / $ma:.2f}')"); else ratio=$("$PYTHON" -c "print(f'{$ma / $mb:.2f}')"); fi
  summary+=("$(printf '%-10s PyTorch %-12s HydroDelta %-12s %-18s HydroDelta speed = %sx PyTorch; peak RSS %s / %s MiB' \
    "$m" "$ma" "$mb" "(${unit[$m]})" "$ratio" "$(median_mib "${ra[@]}")" "$(median_mib "${rb[@]}")")")
done
echo "medians (threads $THREADS, load average after: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %s\n' "${summary[@]}"
