#!/usr/bin/env python3
"""Builds the Caravan-layout and CSV-mapping test fixtures from real CAMELS-US files of this repository.

Run from the repository root: python3 core/src/test/resources/caravan-fixture/make_fixtures.py
Only format conversion happens here (renaming columns, ft3/s -> mm/d with area_gages2, tmean = (tmax+tmin)/2);
no value is invented.
"""
import datetime
import os

ROOT = os.getcwd()
FORCING = {
    "01022500": "core/src/test/resources/camels-format-samples/basin_mean_forcing/daymet/01/01022500_lump_cida_forcing_leap.txt",
    "01031500": "sample-projects/piscataquis-01031500/data/camels-us/basin_mean_forcing/daymet/01/01031500_lump_cida_forcing_leap.txt",
}
FLOW = {
    "01022500": "core/src/test/resources/camels-format-samples/usgs_streamflow/01/01022500_streamflow_qc.txt",
    "01031500": "sample-projects/piscataquis-01031500/data/camels-us/usgs_streamflow/01/01031500_streamflow_qc.txt",
}
ATTR = "sample-projects/camels-regions/data/camels-us/camels_attributes_v2.0/"
START, END = datetime.date(2000, 1, 1), datetime.date(2001, 1, 1)


def table(name):
    rows = [l.rstrip("\n").split(";") for l in open(os.path.join(ROOT, ATTR, name))]
    return rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}


_, topo = table("camels_topo.txt")
_, names = table("camels_name.txt")
_, clim = table("camels_clim.txt")


def forcing(bid):
    out = {}
    for line in open(os.path.join(ROOT, FORCING[bid])).read().split("\n")[4:]:
        t = line.split()
        if not t:
            continue
        d = datetime.date(int(t[0]), int(t[1]), int(t[2]))
        if START <= d < END:
            out[d] = (t[5], t[8], t[9])  # prcp, tmax, tmin as written
    return out


def flow_cfs(bid):
    out = {}
    for line in open(os.path.join(ROOT, FLOW[bid])):
        t = line.split()
        d = datetime.date(int(t[1]), int(t[2]), int(t[3]))
        if START <= d < END:
            out[d] = float(t[4])
    return out


car = os.path.join(ROOT, "core/src/test/resources/caravan-fixture")
os.makedirs(os.path.join(car, "timeseries/csv/camels"), exist_ok=True)
os.makedirs(os.path.join(car, "attributes/camels"), exist_ok=True)
csvdir = os.path.join(ROOT, "core/src/test/resources/csv-fixture")
os.makedirs(os.path.join(csvdir, "csv"), exist_ok=True)

for bid in FORCING:
    f, q = forcing(bid), flow_cfs(bid)
    area = float(topo[bid]["area_gages2"])
    with open(os.path.join(car, "timeseries/csv/camels/camels_%s.csv" % bid), "w") as o:
        o.write("date,total_precipitation_sum,temperature_2m_mean,temperature_2m_min,temperature_2m_max,streamflow\n")
        for d in sorted(f):
            p, tx, tn = f[d]
            qq = q.get(d, -999.0)
            qmm = "" if qq < 0 else "%.6f" % (qq * 0.0283168 * 86400 / (area * 1e6) * 1e3)
            o.write("%s,%s,%.3f,%s,%s,%s\n" % (d.isoformat(), p, (float(tx) + float(tn)) / 2, tn, tx, qmm))
    with open(os.path.join(csvdir, "csv/%s.csv" % bid), "w") as o:
        o.write("Datum;P_mm;Tmax_C;Tmin_C;Q_cfs\n")
        for d in sorted(f):
            p, tx, tn = f[d]
            o.write("%s;%s;%s;%s;%.2f\n" % (d.strftime("%d.%m.%Y"), p, tx, tn, q.get(d, -999.0)))

with open(os.path.join(car, "attributes/camels/attributes_other_camels.csv"), "w") as o:
    o.write("gauge_id,gauge_name,country,gauge_lat,gauge_lon,area\n")
    for bid in FORCING:
        o.write('camels_%s,"%s",United States of America,%s,%s,%s\n' % (bid, names[bid]["gauge_name"],
                topo[bid]["gauge_lat"], topo[bid]["gauge_lon"], topo[bid]["area_gages2"]))
cols = ["p_mean", "pet_mean", "aridity", "frac_snow", "high_prec_freq", "high_prec_dur", "low_prec_freq", "low_prec_dur"]
with open(os.path.join(car, "attributes/camels/attributes_caravan_camels.csv"), "w") as o:
    o.write("gauge_id," + ",".join(cols) + "\n")
    for bid in FORCING:
        o.write("camels_%s,%s\n" % (bid, ",".join(clim[bid][c] for c in cols)))
with open(os.path.join(csvdir, "attributes.csv"), "w") as o:
    o.write("gauge_id,gauge_name,area,gauge_lat,gauge_lon,elev_mean\n")
    for bid in FORCING:
        o.write('%s,"%s",%s,%s,%s,%s\n' % (bid, names[bid]["gauge_name"], topo[bid]["area_gages2"],
                topo[bid]["gauge_lat"], topo[bid]["gauge_lon"], topo[bid]["elev_mean"]))
with open(os.path.join(csvdir, "basins.txt"), "w") as o:
    o.write("# basins of the CSV fixture (ids keep their leading zeros)\n01022500\n01031500\n")
