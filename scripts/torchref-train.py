#!/usr/bin/python3
"""Trains and tests the delta-model authors' own PyTorch code on the arrays HydroDelta trains on.

Input: a folder written by `hydrodelta export-arrays PROJECT --experiment NAME OUT_DIR` (raw forcings, flow in mm/d,
attributes, periods and the resolved experiment configuration in meta.json). The authors' files
(mhpi/dPLHBVrelease, commit 997c0f5e, hydroDL-dev/hydroDL/model/{rnn,crit,dropout,cnn,train}.py and
hydroDL/data/camels.py) are imported UNMODIFIED from the folder TORCHREF_AUTHORS; nothing of theirs is kept in this
repository. What is changed, from outside their files, at run time:
  * the reference harness (../shared/tools/torchref/harness.py) makes .cuda() a no-op and replaces the one cuDNN call
    by the CPU ATen LSTM kernel with the same DropConnect weights; for the dynamic model (HBVMulTDET) its "fixed"
    variant is used (per-day slicing replaced by unbind(), bitwise-identical results, see the harness README);
  * `pandas` (imported at the top of train.py, used only to write test outputs as CSV) is a stub whose
    DataFrame.to_csv writes the same CSV with numpy;
  * hydroDL/data/camels.py imports pandas, hydroDL.utils and the CAMELS paths at its top, so its pandas-free
    normalisation functions (calStat, calStatgamma, getStatDic, transNormbyDic) are compiled from its source text
    alone and used as they are.

What it runs, as their example scripts do (traindPLHBV.py, testdPLHBV-Static.py / -Dynamic.py):
  * normalisation: statistics on the training basins and the training period (getStatDic: precipitation
    log10(sqrt(P) + 0.1) then z-score, everything else z-score, population std), NaN -> 0 after normalising and in
    the raw HBV forcing;
  * model: rnn.MultiInv_HBVModel (static parameters, HBVMul, 12 parameters) when the experiment has no dynamic
    parameter and no ET shape, else rnn.MultiInv_HBVTDModel (tdlst = the dynamic parameters, ETMod = etShape,
    staind -1, dydrop 0); nmul = hbv.components, hidden = network.hiddenSize, drinv = network.dropout,
    inittime = warmupDays, routing = hbv.routing;
  * training: their train.trainModel (their sampler, Adadelta with torch defaults, crit.RmseLossComb(lossAlpha),
    nEpoch = training.epochs, miniBatch = [batchSize, windowDays], bufftime = warmupDays), seeds = training.seed
    for random, numpy and torch;
  * test: their train.testModel in basin blocks, with the test protocol of HydroDelta (spec section 5.6, the span
    export-arrays wrote): the network reads from the first run-up day; static parameters from the last run-up day;
    a static model warms HBV up over the days before the scored period (inittime), a dynamic one runs HBV from a
    cold start over the whole span (inittime 0, staind = last run-up day) with routing from the last step;
  * scores: per basin NSE and KGE (Gupta 2009) over days where simulation and observation are finite, at least two
    such days, the definitions of HydroDelta's Metrics; the median over basins with a finite value.

Prints a line 'RESULT {json}' with the medians, epochs, iterations, CPU and wall time per epoch and the peak RSS;
writes test_sim.npy [basins, scored days] (their routed flow) and result.json into --out.

Usage: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 TORCHREF_AUTHORS=authors taskset -c 0 /usr/bin/python3 \
         scripts/torchref-train.py ARRAYS_DIR --out OUT_DIR [--epochs N] [--threads 1] [--test-block 25]
"""
import argparse
import ast
import io
import json
import os
import random
import resource
import sys
import time
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
HARNESS = os.environ.get("TORCHREF_HARNESS",
                         os.path.join(HERE, "..", "..", "shared", "tools", "torchref", "harness.py"))
AUTHORS = os.environ.get("TORCHREF_AUTHORS", os.path.join(os.getcwd(), "authors"))

# HydroDelta's HBV parameter names -> 1-based index in the authors' parameter list (hbvscaLst)
HBV_INDEX = {"BETA": 1, "FC": 2, "K0": 3, "K1": 4, "K2": 5, "LP": 6, "PERC": 7, "UZL": 8, "TT": 9, "CFMAX": 10,
             "CFR": 11, "CWH": 12, "BETAET": 13}
CAMELS_FUNCTIONS = ("calStat", "calStatgamma", "getStatDic", "transNormbyDic")


def fail(msg):
    print("torchref-train: " + msg, file=sys.stderr)
    sys.exit(2)


def pandas_stub():
    """train.py does `import pandas as pd` and testModel writes `pd.DataFrame(a).to_csv(f, header=False,
    index=False)`; this stub writes the same CSV (one row per basin) with numpy."""
    pd = types.ModuleType("pandas")

    class DataFrame:
        def __init__(self, data):
            self.data = np.asarray(data)

        def to_csv(self, f, header=False, index=False):
            assert header is False and index is False
            np.savetxt(f, self.data, delimiter=",", fmt="%.9g")

    pd.DataFrame = DataFrame
    return pd


def camels_functions():
    """The authors' normalisation functions, compiled from the source of their unmodified camels.py."""
    path = os.path.join(AUTHORS, "hydroDL", "data", "camels.py")
    if not os.path.isfile(path):
        fail(path + " is missing: export hydroDL-dev/hydroDL/data/camels.py there (see train-vs-pytorch.sh)")
    tree = ast.parse(open(path).read(), path)
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in CAMELS_FUNCTIONS]
    if sorted(f.name for f in funcs) != sorted(CAMELS_FUNCTIONS):
        fail(path + " lacks one of " + ", ".join(CAMELS_FUNCTIONS))
    ns = {"np": np}
    exec(compile(ast.Module(body=funcs, type_ignores=[]), path, "exec"), ns)
    return ns


def metrics(sim, obs):
    """NSE and KGE of one basin over days where both are finite (HydroDelta's Metrics: NaN when < 2 days)."""
    ok = np.isfinite(sim) & np.isfinite(obs)
    s = sim[ok].astype(np.float64)
    o = obs[ok].astype(np.float64)
    if s.size < 2:
        return float("nan"), float("nan")
    den = np.sum((o - o.mean()) ** 2)
    nse = float("nan") if den == 0 else 1 - np.sum((s - o) ** 2) / den
    so, ss = o.std(), s.std()
    r = float("nan") if so == 0 or ss == 0 else np.sum((s - s.mean()) * (o - o.mean())) / np.sqrt(
        np.sum((s - s.mean()) ** 2) * np.sum((o - o.mean()) ** 2))
    kge = 1 - np.sqrt((r - 1) ** 2 + (ss / so - 1) ** 2 + (s.mean() / o.mean() - 1) ** 2)
    return float(nse), float(kge)


def nanmedian(v):
    v = np.asarray([x for x in v if np.isfinite(x)])
    return float(np.median(v)) if v.size else float("nan")


class EpochClock(io.TextIOBase):
    """Stands in for stdout during trainModel: passes text on (iteration lines only with --verbose) and stamps the
    process CPU time and wall clock at each 'Epoch N Loss ...' line their loop prints."""

    def __init__(self, out, verbose):
        self.out, self.verbose, self.marks, self.buf = out, verbose, [], ""

    def write(self, s):
        self.buf += s
        while "\n" in self.buf:
            line, self.buf = self.buf.split("\n", 1)
            if line.startswith("Epoch "):
                self.marks.append((time.process_time(), time.perf_counter(), line))
                self.out.write(line + f" (cpu {time.process_time():.1f} s)\n")
                self.out.flush()
            elif self.verbose:
                self.out.write(line + "\n")
        return len(s)

    def flush(self):
        self.out.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("arrays", help="folder written by hydrodelta export-arrays")
    ap.add_argument("--out", required=True, help="folder for result.json and test_sim.npy")
    ap.add_argument("--epochs", type=int, help="override training.epochs")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--test-block", type=int, default=25, help="basins per testModel block")
    ap.add_argument("--verbose", action="store_true", help="print every iteration line of trainModel")
    ap.add_argument("--save-every", type=int, help="trainModel's saveEpoch: keep model_EpN.pt every N epochs "
                    "(default: the last epoch only)")
    ap.add_argument("--test-only", type=int, metavar="EPOCH", help="no training: test --out/model_EpEPOCH.pt of an "
                    "earlier run and write the results into --out/test_epEPOCH/")
    args = ap.parse_args()
    meta = json.load(open(os.path.join(args.arrays, "meta.json")))
    cfg = meta["config"]
    if cfg["model"] != "delta-hbv":
        fail("model '" + cfg["model"] + "': only delta-hbv (the authors' dPL + HBV 1.0) has a counterpart")
    tr, hbv, net = cfg["training"], cfg["hbv"], cfg["network"]
    if tr["optimizer"] != "adadelta" or tr["loss"] != "rmse-comb" or float(tr["learningRate"]) != 1.0:
        fail("their trainModel uses Adadelta (lr 1.0) and this driver RmseLossComb; the experiment has "
             f"{tr['optimizer']} lr {tr['learningRate']}, loss {tr['loss']}")
    epochs = args.epochs if args.epochs is not None else tr["epochs"]
    warm, rho, batch = cfg["warmupDays"], cfg["windowDays"], tr["batchSize"]

    # ---- the authors' code, patched from outside (harness) --------------------------------------------------
    sys.path.insert(0, os.path.dirname(os.path.abspath(HARNESS)))
    os.environ["TORCHREF_AUTHORS"] = AUTHORS
    import harness  # noqa: E402
    harness.AUTHORS = AUTHORS
    torch, rnn, crit = harness.load(args.threads)
    sys.modules.setdefault("pandas", pandas_stub())
    from hydroDL.model import train  # noqa: E402  (their file, unmodified)
    assert os.path.abspath(train.__file__).startswith(os.path.abspath(AUTHORS)), train.__file__
    camels = camels_functions()

    seed = int(tr["seed"])
    random.seed(seed)
    torch.manual_seed(seed)
    np.random.seed(seed)

    # ---- data and normalisation as traindPLHBV.py --------------------------------------------------------------
    load = lambda name: np.load(os.path.join(args.arrays, name)).astype(np.float64)  # noqa: E731
    x_train = load("train_forcing.npy")          # [basins, days, 3] raw P (mm/d), T (degC), PET (mm/d)
    q_train = load("train_flow.npy")[:, :, None]  # [basins, days, 1] mm/d, NaN gaps
    attrs = load("attributes.npy")                # [basins, 35]
    series_names = [f.split(" ")[0] for f in meta["forcings"]]
    attr_names = meta["attributes"]
    stat = camels["getStatDic"](attrLst=attr_names, attrdata=attrs, seriesLst=series_names, seriesdata=x_train)
    attr_norm = camels["transNormbyDic"](attrs, attr_names, stat, toNorm=True)
    attr_norm[np.isnan(attr_norm)] = 0.0
    z_train = camels["transNormbyDic"](x_train, series_names, stat, toNorm=True)
    z_train[np.isnan(z_train)] = 0.0
    xh_train = x_train.copy()
    xh_train[np.isnan(xh_train)] = 0.0

    # ---- model as traindPLHBV.py -------------------------------------------------------------------------------
    dyn = [HBV_INDEX[p] for p in hbv["dynamicParameters"]]
    ninv = z_train.shape[-1] + attr_norm.shape[-1]
    static = not dyn and not hbv["etShape"]
    if static:
        model = rnn.MultiInv_HBVModel(ninv=ninv, nfea=12, nmul=hbv["components"], hiddeninv=net["hiddenSize"],
                                      drinv=net["dropout"], inittime=warm, routOpt=hbv["routing"], comprout=False,
                                      compwts=False)
        kind = "MultiInv_HBVModel (HBVMul, static)"
    else:
        model = rnn.MultiInv_HBVTDModel(ninv=ninv, nfea=13 if hbv["etShape"] else 12, nmul=hbv["components"],
                                        hiddeninv=net["hiddenSize"], drinv=net["dropout"], inittime=warm,
                                        routOpt=hbv["routing"], comprout=False, compwts=False, staind=-1,
                                        tdlst=dyn, dydrop=0.0, ETMod=hbv["etShape"])
        kind = "MultiInv_HBVTDModel (tdlst %s, ETMod %s)" % (dyn, hbv["etShape"])
        if hbv["etShape"]:
            fixed = harness.fixed_hbv_class(rnn)
            rnn.HBVMulTDETFixed = fixed  # so that torch.save (pickle) finds the class by its name
            model.HBV = fixed()  # bitwise-identical, see the harness README
            kind += ", HBVMulTDET fixed variant"
    loss_fun = crit.RmseLossComb(alpha=float(tr["lossAlpha"]))

    ngrid, nt = x_train.shape[:2]
    b = min(batch, ngrid)  # trainModel caps the batch at the number of basins
    n_iter = int(np.ceil(np.log(0.01) / np.log(1 - b * rho / ngrid / (nt - warm))))
    print(f"torchref-train: {kind}; {ngrid} basins x {nt} training days, batch {batch}, rho {rho}, bufftime {warm},"
          f" {epochs} epochs x {n_iter} iterations (HydroDelta: {meta['iterationsPerEpoch']}), threads "
          f"{torch.get_num_threads()}, seed {seed}, BLAS {harness.blas_libs()}", flush=True)
    if n_iter != meta["iterationsPerEpoch"]:
        print(f"torchref-train: WARNING iterations per epoch differ: trainModel {n_iter}, HydroDelta "
              f"{meta['iterationsPerEpoch']}", flush=True)

    # ---- training: their loop ----------------------------------------------------------------------------------
    os.makedirs(args.out, exist_ok=True)
    clock = EpochClock(sys.stdout, args.verbose)
    c0, w0 = time.process_time(), time.perf_counter()
    if args.test_only is not None:
        model = torch.load(os.path.join(args.out, "model_Ep%d.pt" % args.test_only))
        epochs = args.test_only
        args.out = os.path.join(args.out, "test_ep%d" % args.test_only)
        os.makedirs(args.out, exist_ok=True)
    else:
        real_stdout, sys.stdout = sys.stdout, clock
        try:
            model = train.trainModel(model, (xh_train, z_train), q_train, attr_norm, loss_fun, nEpoch=epochs,
                                     miniBatch=[batch, rho], saveEpoch=args.save_every or epochs,
                                     saveFolder=args.out, bufftime=warm)
        finally:
            sys.stdout = real_stdout
    real_stdout = sys.stdout
    c1, w1 = time.process_time(), time.perf_counter()
    cpu_ep = np.diff([c0] + [m[0] for m in clock.marks])
    wall_ep = np.diff([w0] + [m[1] for m in clock.marks])
    losses = [float(m[2].split()[3]) for m in clock.marks]

    # ---- test: their testModel with the test protocol of spec 5.6 ----------------------------------------------
    p = meta["periods"]["test"]
    x_span = load("test_forcing.npy")
    q_span = load("test_flow.npy")
    run_up = (np.datetime64(p["runUpEnd"]) - np.datetime64(p["runUpStart"])).astype(int)
    first = p["scoredFromIndex"]
    z_span = camels["transNormbyDic"](x_span, series_names, stat, toNorm=True)
    z_span[np.isnan(z_span)] = 0.0
    x_span[np.isnan(x_span)] = 0.0
    if static:
        z_test = z_span[:, :run_up, :]  # parameters from the last run-up day
        model.inittime = first          # HBV warms up over the days before the scored period
    else:
        z_test = z_span                 # daily parameters through the whole span
        model.inittime = 0              # cold start at the first run-up day
        model.staind = run_up - 1       # static parameters from the last run-up day
    c_attr = np.repeat(attr_norm[:, None, :], z_test.shape[1], axis=1)
    z_test = np.concatenate([z_test, c_attr], 2)
    files = [os.path.join(args.out, "test_" + k + ".csv") for k in ("Qr", "Q0", "Q1", "Q2", "ET")]
    c2, w2 = time.process_time(), time.perf_counter()
    sys.stdout = EpochClock(real_stdout, args.verbose)
    try:
        train.testModel(model, (x_span, z_test), c=None, batchSize=args.test_block, filePathLst=files)
    finally:
        sys.stdout = real_stdout
    c3, w3 = time.process_time(), time.perf_counter()
    qr = np.loadtxt(files[0], delimiter=",", ndmin=2)
    for f in files:
        os.remove(f)
    sim = qr[:, first:] if not static else qr  # static: testModel returns the days after inittime only
    obs = q_span[:, first:]
    assert sim.shape == obs.shape == (ngrid, p["scoredDays"]), (sim.shape, obs.shape)
    np.save(os.path.join(args.out, "test_sim.npy"), sim.astype(np.float32))
    per = [metrics(sim[k], obs[k]) for k in range(ngrid)]
    res = dict(experiment=meta["experiment"], model=kind, basins=ngrid, epochs=epochs, iterationsPerEpoch=n_iter,
               hydrodeltaIterationsPerEpoch=meta["iterationsPerEpoch"], batch=batch, rho=rho, bufftime=warm,
               threads=torch.get_num_threads(),
               medianNse=nanmedian([m[0] for m in per]), medianKge=nanmedian([m[1] for m in per]),
               nse={meta["basins"][k]: per[k][0] for k in range(ngrid)},
               kge={meta["basins"][k]: per[k][1] for k in range(ngrid)},
               lossPerEpoch=losses, cpuPerEpoch=[float(v) for v in cpu_ep], wallPerEpoch=[float(v) for v in wall_ep],
               trainCpu=c1 - c0, trainWall=w1 - w0, testCpu=c3 - c2, testWall=w3 - w2,
               peakRssMiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, loadavg=os.getloadavg(),
               testProtocol=("static: parameters from day %d of the run-up, HBV warm-up %d days" % (run_up, first))
               if static else ("dynamic: cold start over %d days, static parameters from day %d" %
                               (x_span.shape[1], run_up)))
    json.dump(res, open(os.path.join(args.out, "result.json"), "w"), indent=1)
    short = {k: v for k, v in res.items() if k not in ("nse", "kge")}
    print("RESULT " + json.dumps(short), flush=True)


if __name__ == "__main__":
    main()
