#!/usr/bin/env python3
"""Turns a benchmark run (JMH JSON, wrk outputs, checks.json, machine.txt) into a markdown report.

Usage: python3 report.py RESULTS_DIR > report.md
Ratios are against raw WebClient measured in the same run, at the same concurrency.
"""
import json
import os
import re
import sys

CLIENTS = ["dio", "dio.download", "dio+interceptors", "webclient", "restclient", "jdk", "okhttp"]
SCENARIOS = [("getSmall", "GET ~200 B JSON → record"), ("getLarge", "GET ~100 KB JSON → List<record>"),
             ("postSmall", "POST small JSON → record"), ("download", "download 100 MiB → disk")]
MODES = {"InFlight1Benchmark": "1", "FlatMap64Benchmark": "64 flatMap", "Threads64Benchmark": "64 threads",
         "DownloadBenchmark": "1"}


def load(out):
    with open(os.path.join(out, "jmh.json")) as f:
        data = json.load(f)
    rows = {}
    for e in data:
        cls, method = e["benchmark"].split(".")[-2:]
        client = e.get("params", {}).get("client", "?")
        sec = e.get("secondaryMetrics", {})
        pm = e["primaryMetric"]
        scale = 100.0 if cls == "DownloadBenchmark" else 1.0  # ops/s → MiB/s
        err = pm["scoreError"] if isinstance(pm["scoreError"], (int, float)) else float("nan")
        rows[(method, MODES.get(cls, cls), client)] = {
            "thrpt": pm["score"] * scale, "err": err * scale,
            "cpu": sec.get("cpu.time.per.op", {}).get("score"),
            "busy": sec.get("cpu.cores.busy", {}).get("score"),
            "alloc": sec.get("gc.alloc.rate.norm", {}).get("score"),
            "gcs": sec.get("gc.count", {}).get("score"),
            "other": sec.get("cpu.other.cores", {}).get("score"),
            "nginx": sec.get("cpu.nginx.cores", {}).get("score"),
        }
    return rows


def wrk(out):
    res = {}
    units = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
    for name in os.listdir(out):
        m = re.match(r"wrk-(\w+)-(\d+)\.txt$", name)
        if not m:
            continue
        text = open(os.path.join(out, name)).read()
        rps = re.search(r"Requests/sec:\s*([\d.]+)", text)
        tps = re.search(r"Transfer/sec:\s*([\d.]+)([KMG]?B)", text)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", text)
        res[(m.group(1), m.group(2))] = {
            "rps": float(rps.group(1)) if rps else None,
            "mib": float(tps.group(1)) * units[tps.group(2)] / 1024 ** 2 if tps else None,
            "errors": errors.group(0) if errors else None,
        }
    return res


def fmt_n(v):
    if v is None:
        return "—"
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


def fmt_c(v):
    return "—" if v is None else f"{v:.2f}"


def ratio(a, b):
    return (a / b) if (a is not None and b not in (None, 0)) else None


def fmt_r(r):
    return "—" if r is None else f"{r:.2f}×"


def baseline(rows, scenario, mode):
    for m in ([mode, "64 flatMap", "64 threads"] if mode.startswith("64") else [mode]):
        b = rows.get((scenario, m, "webclient"))
        if b:
            return b, m
    return None, None


def row_keys(rows):
    keys = []
    for scen, _ in SCENARIOS:
        for mode in ["1", "64 flatMap", "64 threads"]:
            if any((scen, mode, c) in rows for c in CLIENTS):
                keys.append((scen, mode))
    return keys


def conc(mode):
    return "1" if mode == "1" else "64"


def main():
    out = sys.argv[1]
    rows = load(out)
    w = wrk(out)
    checks = None
    if os.path.exists(os.path.join(out, "checks.json")):
        with open(os.path.join(out, "checks.json")) as f:
            checks = json.load(f)
    machine = open(os.path.join(out, "machine.txt")).read().strip() if os.path.exists(
        os.path.join(out, "machine.txt")) else ""
    machine = re.sub(r"\x1b\[[0-9;]*m", "", machine)
    title = dict(SCENARIOS)
    p = print

    p("## Machine\n")
    p("```\n" + machine + "\n```\n")

    keys = row_keys(rows)
    # ---- throughput
    p("## Throughput (requests/s; download: MiB/s) and ratio to raw WebClient\n")
    p("64-in-flight rows: dio, dio+interceptors and WebClient run 64 concurrent requests with `flatMap` "
      "(row *64 flatMap*); RestClient, the JDK client and OkHttp run 64 JMH threads (row *64 threads*). "
      "Every 64-in-flight ratio is against WebClient *flatMap*. "
      "The wrk ceiling is the same nginx measured by wrk in the same run.\n")
    p("| scenario | in flight | wrk ceiling | " + " | ".join(CLIENTS) + " |")
    p("| --- | --- | --: | " + " | ".join("--:" for _ in CLIENTS) + " |")
    for scen, mode in keys:
        base, _ = baseline(rows, scen, mode)
        wk = w.get((scen, conc(mode)))
        ceiling = (fmt_n(wk["mib"]) if scen == "download" else fmt_n(wk["rps"])) if wk else "—"
        cells = []
        for c in CLIENTS:
            r = rows.get((scen, mode, c))
            if not r:
                cells.append("")
                continue
            pct = 100.0 * r["err"] / r["thrpt"] if r["thrpt"] else 0
            cells.append(f"{fmt_n(r['thrpt'])} ±{pct:.0f}% ({fmt_r(ratio(r['thrpt'], base['thrpt']) if base else None)})")
        p(f"| {title[scen]} | {mode} | {ceiling} | " + " | ".join(cells) + " |")
    p("")

    # ---- CPU
    p("## CPU time per request (µs of the client JVM's process CPU) and ratio to raw WebClient\n")
    p("| scenario | in flight | " + " | ".join(CLIENTS) + " |")
    p("| --- | --- | " + " | ".join("--:" for _ in CLIENTS) + " |")
    for scen, mode in keys:
        base, _ = baseline(rows, scen, mode)
        cells = []
        for c in CLIENTS:
            r = rows.get((scen, mode, c))
            if not r or r["cpu"] is None:
                cells.append("")
                continue
            cpu = r["cpu"] / 100.0 if scen == "download" else r["cpu"]  # download: per MiB
            cells.append(f"{fmt_n(cpu)} ({fmt_r(ratio(r['cpu'], base['cpu']) if base else None)})")
        p(f"| {title[scen]} | {mode} | " + " | ".join(cells) + " |")
    p("\nDownload rows: CPU µs per MiB.\n")

    # ---- allocation
    p("## Allocation per request (JMH `-prof gc`, `gc.alloc.rate.norm`, KB) and ratio to raw WebClient\n")
    p("| scenario | in flight | " + " | ".join(CLIENTS) + " |")
    p("| --- | --- | " + " | ".join("--:" for _ in CLIENTS) + " |")
    for scen, mode in keys:
        base, _ = baseline(rows, scen, mode)
        cells = []
        for c in CLIENTS:
            r = rows.get((scen, mode, c))
            if not r or r["alloc"] is None:
                cells.append("")
                continue
            cells.append(f"{r['alloc'] / 1024:,.1f} ({fmt_r(ratio(r['alloc'], base['alloc']) if base else None)})")
        p(f"| {title[scen]} | {mode} | " + " | ".join(cells) + " |")
    p("\nDownload rows: KB allocated per 100 MiB download.\n")

    # ---- dio vs OkHttp
    p("## dio against OkHttp 5, row by row\n")
    p("| scenario | in flight (dio / OkHttp) | dio ÷ OkHttp throughput | dio ÷ OkHttp CPU/req | dio+interceptors ÷ OkHttp throughput |")
    p("| --- | --- | --: | --: | --: |")
    for scen, _ in SCENARIOS + [("download.api", "download 100 MiB → disk with dio.download()")]:
        for c_mode, ok_mode in [("1", "1"), ("64 flatMap", "64 threads")]:
            if scen == "download.api":
                d = rows.get(("download", c_mode, "dio.download"))
                di = None
                o = rows.get(("download", ok_mode, "okhttp"))
                if d and o:
                    p(f"| download 100 MiB → disk, `dio.download()` | {c_mode} / {ok_mode} | "
                      f"{fmt_r(ratio(d['thrpt'], o['thrpt']))} | {fmt_r(ratio(d['cpu'], o['cpu']))} | — |")
                continue
            d = rows.get((scen, c_mode, "dio"))
            di = rows.get((scen, c_mode, "dio+interceptors"))
            o = rows.get((scen, ok_mode, "okhttp"))
            if d and o:
                p(f"| {title[scen]} | {c_mode} / {ok_mode} | {fmt_r(ratio(d['thrpt'], o['thrpt']))} | "
                  f"{fmt_r(ratio(d['cpu'], o['cpu']))} | {fmt_r(ratio(di['thrpt'], o['thrpt']) if di else None)} |")
    p("")

    # ---- targets
    p("## Targets\n")
    p("| target | measured | verdict |")
    p("| --- | --- | --- |")

    def verdict(ok):
        return "—" if ok is None else ("**met**" if ok else "**missed**")

    d = rows.get(("getSmall", "64 flatMap", "dio"))
    b = rows.get(("getSmall", "64 flatMap", "webclient"))
    di = rows.get(("getSmall", "64 flatMap", "dio+interceptors"))
    tr = ratio(d["thrpt"], b["thrpt"]) if d and b else None
    cr = ratio(d["cpu"], b["cpu"]) if d and b else None
    p(f"| dio (no interceptors) ≥ 0.95× WebClient throughput, small JSON, 64 in flight | {fmt_r(tr)} | "
      f"{verdict(tr >= 0.95 if tr else None)} |")
    p(f"| dio ≤ 1.10× WebClient CPU per request, same row | {fmt_r(cr)} | {verdict(cr <= 1.10 if cr else None)} |")
    for scen, mode in keys:
        x = rows.get((scen, mode, "dio+interceptors"))
        y = rows.get((scen, mode, "dio"))
        if x and y and scen != "download":
            c = ratio(x["cpu"], y["cpu"])
            t = ratio(x["thrpt"], y["thrpt"])
            ok = (c <= 1.10 and t >= 1 / 1.10) if (c and t) else None
            p(f"| three interceptors cost ≤ 10% ({title[scen]}, {mode}): CPU/req and throughput vs plain dio | "
              f"CPU {fmt_r(c)}, throughput {fmt_r(t)} | {verdict(ok)} |")
    if checks:
        for dc in checks.get("decode", []):
            once = dc["parsesPerRequest"] == 1.0
            extra = dc["treeToValuePerRequest"] + dc["convertValuePerRequest"]
            p(f"| large JSON decoded once ({dc['client']}) | {dc['parsesPerRequest']:g} parse/request, "
              f"{dc['treeParsesPerRequest']:g} into a tree, {dc['treeToValuePerRequest']:g} tree→value, "
              f"{dc['convertValuePerRequest']:g} convertValue ({dc['recordsPerResponse']} records) | "
              f"{verdict(once and extra == 0) if dc['client'] != 'webclient' else 'reference'} |")
    for client in ("dio.download", "dio"):
        d = rows.get(("download", "1", client))
        b = rows.get(("download", "1", "webclient"))
        r = ratio(d["thrpt"], b["thrpt"]) if d and b else None
        how = "dio.download()" if client == "dio.download" else "ResponseBody + DataBufferUtils.write"
        p(f"| dio download ({how}) ≥ 0.9× WebClient's rate | {fmt_r(r)} ({fmt_n(d['thrpt']) if d else '—'} vs "
          f"{fmt_n(b['thrpt']) if b else '—'} MiB/s) | {verdict(r >= 0.9 if r else None)} |")
    if checks:
        for dl in checks.get("download", []):
            if not dl["client"].startswith("dio"):
                continue
            mx = checks["maxHeapBytes"]
            flat = dl["peakOldGenAfterGcBytes"] < 16 * 1024 ** 2 and \
                abs(dl["heapUsedAfterAfterGcBytes"] - dl["heapUsedBeforeAfterGcBytes"]) < 4 * 1024 ** 2
            label = "dio.download()" if dl["client"] == "dio.download" else "dio ResponseBody + DataBufferUtils.write"
            p(f"| {label}: flat heap (-Xmx{mx // 1024 ** 2}m, {dl['downloads']} × 100 MiB) | peak heap used "
              f"{dl['peakHeapUsedBytes'] / 1024 ** 2:.1f} MiB, old gen after GC ≤ {dl['peakOldGenAfterGcBytes'] / 1024 ** 2:.1f} MiB, "
              f"live heap {dl['heapUsedBeforeAfterGcBytes'] / 1024 ** 2:.1f} → {dl['heapUsedAfterAfterGcBytes'] / 1024 ** 2:.1f} MiB | "
              f"{verdict(flat)} |")
    p("")

    # ---- checks
    if checks:
        p("## Download heap check (`-Xmx64m`, separate JVM)\n")
        p("| client | MiB/s | peak heap used | peak old gen after GC | live heap before → after (after System.gc) | peak Netty direct | GCs |")
        p("| --- | --: | --: | --: | --: | --: | --: |")
        for dl in checks.get("download", []):
            mb = lambda v: f"{v / 1024 ** 2:.1f} MiB"
            p(f"| {dl['client']} | {dl['mibPerSecond']:.0f} | {mb(dl['peakHeapUsedBytes'])} | "
              f"{mb(dl['peakOldGenAfterGcBytes'])} | {mb(dl['heapUsedBeforeAfterGcBytes'])} → "
              f"{mb(dl['heapUsedAfterAfterGcBytes'])} | {mb(dl['peakNettyDirectBytes'])} | {dl['youngAndOldGcs']} |")
        p("")

    # ---- raw
    p("## All JMH rows\n")
    p("Cores: the client JVM's (`cpu.cores.busy`), nginx's, and every other process's on the machine during "
      "the measurement iterations (a row with other > 0.20 is marked ⚠: something else ran beside it).\n")
    p("| benchmark | in flight | client | ops/s (download: MiB/s) | ± (99.9%) | CPU µs/op | JVM cores | nginx cores | other cores | alloc B/op |")
    p("| --- | --- | --- | --: | --: | --: | --: | --: | --: | --: |")
    for scen, mode in keys:
        for c in CLIENTS:
            r = rows.get((scen, mode, c))
            if r:
                other = r["other"]
                flag = " ⚠" if other is not None and other > 0.20 else ""
                p(f"| {scen} | {mode} | {c} | {fmt_n(r['thrpt'])} | {fmt_n(r['err'])} | "
                  f"{fmt_n(r['cpu'])} | {fmt_c(r['busy'])} | {fmt_c(r['nginx'])} | {fmt_c(other)}{flag} | {fmt_n(r['alloc'])} |")
    p("")
    p("## wrk against the same nginx\n")
    p("| run | connections | requests/s | MiB/s | errors |")
    p("| --- | --: | --: | --: | --- |")
    for (scen, c), v in sorted(w.items()):
        p(f"| {scen} | {c} | {fmt_n(v['rps'])} | {fmt_n(v['mib'])} | {v['errors'] or ''} |")


if __name__ == "__main__":
    main()
