#!/usr/bin/python3
"""Cross-checks a torchref-train.py result against a HydroDelta evaluation of the same experiment.

  torchref-compare.py ARRAYS_DIR TORCHREF_OUT HYDRODELTA_EVAL_DIR

ARRAYS_DIR: written by `hydrodelta export-arrays`; TORCHREF_OUT: the --out folder of scripts/torchref-train.py;
HYDRODELTA_EVAL_DIR: a run's eval/<period>[_epoch_NNN]/ folder (metrics.csv and outputs/*.npy). Checks, printing
each figure:
  1. the observed flow HydroDelta scored equals the exported test flow (same inputs, same days);
  2. NSE and KGE recomputed by torchref-train.py's metrics() from HydroDelta's own simulated flow equal the values in
     its metrics.csv (same definitions);
  3. the two codes basin by basin: median NSE and KGE of each, the median paired difference (PyTorch - HydroDelta),
     the correlation across basins, and both codes' NSE scored by HydroDelta's definitions.
"""
import csv
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location("torchref_train",
                                              os.path.join(os.path.dirname(__file__), "torchref-train.py"))
tt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tt)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    arrays, ptout, ev = sys.argv[1:]
    meta = json.load(open(os.path.join(arrays, "meta.json")))
    p = meta["periods"]["test"]
    obs = np.load(os.path.join(arrays, "test_flow.npy"))[:, p["scoredFromIndex"]:]
    sim_pt = np.load(os.path.join(ptout, "test_sim.npy"))
    index = json.load(open(os.path.join(ev, "outputs", "index.json")))
    if index["basins"] != meta["basins"] or index["start"] != p["scoredStart"]:
        sys.exit("the evaluation's basins or first day differ from the exported arrays")
    obs_hd = np.load(os.path.join(ev, "outputs", "input_QOBS.npy"))
    sim_hd = np.load(os.path.join(ev, "outputs", "Q_ROUTED.npy"))
    same = np.array_equal(np.isnan(obs_hd), np.isnan(obs)) and np.array_equal(obs_hd[~np.isnan(obs_hd)],
                                                                             obs[~np.isnan(obs)].astype(np.float32))
    print(f"1. observed test flow: HydroDelta's == exported: {same} ({obs.shape[0]} basins x {obs.shape[1]} days)")
    rows = {r["basin_id"]: r for r in csv.DictReader(open(os.path.join(ev, "metrics.csv")))}
    ids = meta["basins"]
    hd = np.array([tt.metrics(sim_hd[k], obs_hd[k]) for k in range(len(ids))])
    ref = np.array([[float(rows[i]["nse"]), float(rows[i]["kge"])] for i in ids])
    ok = np.isfinite(ref)
    print(f"2. HydroDelta's NSE/KGE recomputed with torchref-train's metrics(): max |difference| "
          f"{np.max(np.abs(hd[ok] - ref[ok])):.2e} over {ok.sum()} values (metrics.csv prints 6 digits)")
    pt = np.array([tt.metrics(sim_pt[k], obs[k]) for k in range(len(ids))])
    for j, name in enumerate(("NSE", "KGE")):
        a, b = pt[:, j], ref[:, j]
        both = np.isfinite(a) & np.isfinite(b)
        print(f"3. {name}: median PyTorch {tt.nanmedian(a):.3f}, HydroDelta {tt.nanmedian(b):.3f}; paired "
              f"difference PyTorch - HydroDelta median {np.median(a[both] - b[both]):+.3f}, PyTorch better in "
              f"{int(np.sum(a[both] > b[both]))} of {int(both.sum())} basins, correlation across basins "
              f"{np.corrcoef(a[both], b[both])[0, 1]:.2f}")


if __name__ == "__main__":
    main()
