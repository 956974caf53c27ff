#!/usr/bin/env python3
"""Turns a benchmark run (JMH JSON, wrk outputs, checks.json, scaling/*.json, machine.txt) into a
markdown report, and the scaling curves into PNG charts next to it (scaling-inflight.png,
scaling-body.png, scaling-memory.png; needs matplotlib: Debian's python3-matplotlib).

Usage: /usr/bin/python3 report.py RESULTS_DIR > report.md
Ratios are against raw WebClient measured in the same run, at the same concurrency. The "Targets"
section checks the ratios of issue 13's target list.
"""
import json
import math
import os
import re
import sys

# Report order; only the clients present in a run get a column.
CLIENTS = ["dio-rn", "dio-rn+interceptors", "dio-wc", "dio-wc+interceptors", "dio-create", "dio-boot",
           "dio.download", "webclient", "okhttp", "restclient", "jdk"]
LABELS = {
    "dio-rn": "dio, Reactor Netty adapter", "dio-rn+interceptors": "dio, Reactor Netty adapter + 3 interceptors",
    "dio-wc": "dio, WebClient adapter", "dio-wc+interceptors": "dio, WebClient adapter + 3 interceptors",
    "dio-create": "Dio.create()", "dio-boot": "auto-configured (Spring Boot defaults)",
    "webclient": "raw WebClient", "okhttp": "OkHttp 5 (async enqueue)",
}
SCENARIOS = [("getSmall", "GET ~200 B JSON → record"), ("getLarge", "GET ~100 KB JSON → List<record>"),
             ("postSmall", "POST small JSON → record"), ("download", "download 100 MiB → disk"),
             ("largePlain", "GET ~100 KB list, plain typed"),
             ("largeEnvelope", "GET ~100 KB list in an envelope, typed unwrap")]
MODES = {"InFlight1Benchmark": "1", "FlatMap64Benchmark": "64 flatMap", "Threads64Benchmark": "64 threads",
         "DownloadBenchmark": "1", "EnvelopeBenchmark": "1"}


def load(out):
    path = os.path.join(out, "jmh.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
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
        if scen.startswith("large"):
            continue  # the envelope rows have a table of their own
        for mode in ["1", "64 flatMap", "64 threads"]:
            if any((scen, mode, c) in rows for c in CLIENTS):
                keys.append((scen, mode))
    return keys


def conc(mode):
    return "1" if mode == "1" else "64"


def metric_table(p, rows, keys, cols, title, metric, heading, fmt, footer):
    """One table of a per-request metric, each cell with its ratio to raw WebClient in the same row."""
    p(heading)
    p("| scenario | in flight | " + " | ".join(cols) + " |")
    p("| --- | --- | " + " | ".join("--:" for _ in cols) + " |")
    for scen, mode in keys:
        base, _ = baseline(rows, scen, mode)
        cells = []
        for c in cols:
            r = rows.get((scen, mode, c))
            if not r or r[metric] is None:
                cells.append("")
                continue
            cells.append(f"{fmt(scen, r[metric])} ({fmt_r(ratio(r[metric], base[metric]) if base else None)})")
        p(f"| {title[scen]} | {mode} | " + " | ".join(cells) + " |")
    p(footer)


def main():
    out = sys.argv[1]
    rows = load(out)
    w = wrk(out)
    checks = None
    if os.path.exists(os.path.join(out, "checks.json")):
        with open(os.path.join(out, "checks.json")) as f:
            checks = json.load(f)
    scaling = load_scaling(out)
    machine = open(os.path.join(out, "machine.txt")).read().strip() if os.path.exists(
        os.path.join(out, "machine.txt")) else ""
    machine = re.sub(r"\x1b\[[0-9;]*m", "", machine)
    title = dict(SCENARIOS)
    cols = [c for c in CLIENTS if any(k[2] == c for k in rows)]
    p = print

    p("## Machine\n")
    p("```\n" + machine + "\n```\n")
    p("Clients: " + "; ".join(f"`{c}` {LABELS[c]}" for c in CLIENTS if c in LABELS) + ".\n")

    targets(rows, checks, title)

    keys = row_keys(rows)
    if keys:
        # ---- throughput
        p("## Throughput (requests/s; download: MiB/s) and ratio to raw WebClient\n")
        p("64-in-flight rows: the reactive clients run 64 concurrent requests with `flatMap` "
          "(row *64 flatMap*); OkHttp (and RestClient, the JDK client when asked for) run 64 JMH threads "
          "(row *64 threads*). Every 64-in-flight ratio is against WebClient *flatMap*. "
          "The wrk ceiling is the same nginx measured by wrk in the same run.\n")
        p("| scenario | in flight | wrk ceiling | " + " | ".join(cols) + " |")
        p("| --- | --- | --: | " + " | ".join("--:" for _ in cols) + " |")
        for scen, mode in keys:
            base, _ = baseline(rows, scen, mode)
            wk = w.get((scen, conc(mode)))
            ceiling = (fmt_n(wk["mib"]) if scen == "download" else fmt_n(wk["rps"])) if wk else "—"
            cells = []
            for c in cols:
                r = rows.get((scen, mode, c))
                if not r:
                    cells.append("")
                    continue
                pct = 100.0 * r["err"] / r["thrpt"] if r["thrpt"] and not math.isnan(r["err"]) else 0
                cells.append(f"{fmt_n(r['thrpt'])} ±{pct:.0f}% ({fmt_r(ratio(r['thrpt'], base['thrpt']) if base else None)})")
            p(f"| {title[scen]} | {mode} | {ceiling} | " + " | ".join(cells) + " |")
        p("")

        # ---- CPU (download rows per MiB) and allocation
        metric_table(p, rows, keys, cols, title, "cpu",
                     "## CPU time per request (µs of the client JVM's process CPU) and ratio to raw WebClient\n",
                     lambda scen, v: fmt_n(v / 100.0 if scen == "download" else v),
                     "\nDownload rows: CPU µs per MiB.\n")
        metric_table(p, rows, keys, cols, title, "alloc",
                     "## Allocation per request (JMH `-prof gc`, `gc.alloc.rate.norm`, KB) and ratio to raw WebClient\n",
                     lambda scen, v: f"{v / 1024:,.1f}",
                     "\nDownload rows: KB allocated per 100 MiB download.\n")

        # ---- dio vs OkHttp
        p("## dio against OkHttp 5, row by row\n")
        p("| scenario | in flight (dio / OkHttp) | client | ÷ OkHttp throughput | ÷ OkHttp CPU/req | ÷ OkHttp alloc/req |")
        p("| --- | --- | --- | --: | --: | --: |")
        for scen, _ in SCENARIOS[:3]:
            for c_mode, ok_mode in [("1", "1"), ("64 flatMap", "64 threads")]:
                o = rows.get((scen, ok_mode, "okhttp"))
                for c in ("dio-rn", "dio-rn+interceptors", "dio-wc", "dio-create", "dio-boot"):
                    d = rows.get((scen, c_mode, c))
                    if d and o:
                        p(f"| {title[scen]} | {c_mode} / {ok_mode} | {c} | {fmt_r(ratio(d['thrpt'], o['thrpt']))} | "
                          f"{fmt_r(ratio(d['cpu'], o['cpu']))} | {fmt_r(ratio(d['alloc'], o['alloc']))} |")
        p("")

    # ---- envelope
    env, plain = envelope_rows(rows)
    if env or plain:
        p("## Large JSON through the envelope (1 in flight)\n")
        p("| request | client | ops/s | CPU µs/op | alloc KB/op |")
        p("| --- | --- | --: | --: | --: |")
        for scen, r in (("largePlain", plain), ("largeEnvelope", env)):
            if r:
                p(f"| {title[scen]} | {r['client']} | {fmt_n(r['thrpt'])} | {fmt_n(r['cpu'])} | "
                  f"{r['alloc'] / 1024 if r['alloc'] is not None else float('nan'):,.1f} |")
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
        p("## Decode-once check (the ~100 KB body)\n")
        p("| client | parses/request | into a tree | tree→value | convertValue | records |")
        p("| --- | --: | --: | --: | --: | --: |")
        for dc in checks.get("decode", []):
            if "error" in dc:
                p(f"| {dc['client']} | not measured: {dc['error']} | | | | |")
                continue
            p(f"| {dc['client']}{' (envelope body)' if dc.get('path', '').endswith('envelope.json') else ''} | {dc['parsesPerRequest']:g} | {dc['treeParsesPerRequest']:g} | "
              f"{dc['treeToValuePerRequest']:g} | {dc['convertValuePerRequest']:g} | {dc['recordsPerResponse']} |")
        p("")

    if scaling:
        scaling_tables(scaling, w)
        charts(scaling, out)

    if keys:
        # ---- raw
        p("## All JMH rows\n")
        p("Cores: the client JVM's (`cpu.cores.busy`), nginx's, and every other process's on the machine during "
          "the measurement iterations (a row with other > 0.20 is marked ⚠: something else ran beside it).\n")
        p("| benchmark | in flight | client | ops/s (download: MiB/s) | ± (99.9%) | CPU µs/op | JVM cores | nginx cores | other cores | alloc B/op |")
        p("| --- | --- | --- | --: | --: | --: | --: | --: | --: | --: |")
        for scen, mode in keys + [("largePlain", "1"), ("largeEnvelope", "1")]:
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
    for (scen, c), v in sorted(w.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
        p(f"| {scen} | {c} | {fmt_n(v['rps'])} | {fmt_n(v['mib'])} | {v['errors'] or ''} |")


def envelope_rows(rows):
    env = plain = None
    for (scen, mode, c), r in rows.items():
        if scen == "largeEnvelope":
            env = dict(r, client=c)
        elif scen == "largePlain":
            plain = dict(r, client=c)
    return env, plain


# ------------------------------------------------------------------ targets (issue 13)

def targets(rows, checks, title):
    p = print
    p("## Targets\n")
    p("Each line is one ratio of the target list, from this run's JMH rows (64 in flight: the reactive "
      "clients with `flatMap`, OkHttp with 64 threads). A target holds when every one of its lines is met.\n")
    p("| target | row | measured | verdict |")
    p("| --- | --- | --- | --- |")
    summary = []

    def verdict(ok):
        return "—" if ok is None else ("**met**" if ok else "**missed**")

    shown = []

    def line(target, row, measured, ok, results):
        results.append(ok)
        # the target's name on its first line only
        p(f"| {target if target not in shown else ''} | {row} | {measured} | {verdict(ok)} |")
        shown.append(target)

    def overall(name, results):
        known = [r for r in results if r is not None]
        summary.append((name, None if not known or len(known) < len(results) else all(known),
                        sum(1 for r in known if r), len(results)))

    main_rows = [(s, m) for s, _ in SCENARIOS[:3] for m in ("1", "64 flatMap")]

    def vs_webclient(client, min_thr, max_cpu, name):
        res = []
        for scen, mode in main_rows:
            d, b = rows.get((scen, mode, client)), rows.get((scen, mode, "webclient"))
            t = ratio(d["thrpt"], b["thrpt"]) if d and b else None
            c = ratio(d["cpu"], b["cpu"]) if d and b else None
            ok = (t >= min_thr and c <= max_cpu) if (t is not None and c is not None) else None
            line(name, f"{title[scen]}, {conc(mode)}", f"throughput {fmt_r(t)}, CPU {fmt_r(c)}", ok, res)
        overall(name, res)

    vs_webclient("dio-rn", 1.0, 1.0, "Reactor Netty adapter, no interceptors: ≥ 1.0× WebClient throughput, ≤ 1.0× its CPU")

    res = []
    name = "Reactor Netty adapter ≥ 1.0× OkHttp at 64 in flight, ≥ 0.9× at 1; allocation per small GET ≤ OkHttp's"
    for scen, _ in SCENARIOS[:3]:
        for c_mode, ok_mode, floor in (("1", "1", 0.9), ("64 flatMap", "64 threads", 1.0)):
            d, o = rows.get((scen, c_mode, "dio-rn")), rows.get((scen, ok_mode, "okhttp"))
            t = ratio(d["thrpt"], o["thrpt"]) if d and o else None
            line(name, f"{title[scen]}, {conc(c_mode)}", f"throughput {fmt_r(t)} (≥ {floor})",
                 (t >= floor) if t is not None else None, res)
    d, o = rows.get(("getSmall", "1", "dio-rn")), rows.get(("getSmall", "1", "okhttp"))
    a = ratio(d["alloc"], o["alloc"]) if d and o and d["alloc"] and o["alloc"] else None
    line(name, "allocation per small GET, 1", f"{fmt_r(a)} ({d['alloc'] / 1024 if d and d['alloc'] else float('nan'):.1f} KB "
         f"vs {o['alloc'] / 1024 if o and o['alloc'] else float('nan'):.1f} KB)", (a <= 1.0) if a is not None else None, res)
    overall(name, res)

    for adapter in ("dio-rn", "dio-wc"):
        res = []
        name = f"three built-in interceptors ≤ 10% more CPU per request than none ({adapter})"
        for scen, mode in main_rows:
            x, y = rows.get((scen, mode, adapter + "+interceptors")), rows.get((scen, mode, adapter))
            c = ratio(x["cpu"], y["cpu"]) if x and y else None
            line(name, f"{title[scen]}, {conc(mode)}", f"CPU {fmt_r(c)}", (c <= 1.10) if c is not None else None, res)
        overall(name, res)

    env, plain = envelope_rows(rows)
    res = []
    name = "large JSON through the envelope parsed once: allocation within 1.2× of a plain typed GET"
    a = ratio(env["alloc"], plain["alloc"]) if env and plain and env["alloc"] and plain["alloc"] else None
    line(name, f"100 KB list, {env['client'] if env else '—'}", f"{fmt_r(a)} ({env['alloc'] / 1024 if env and env['alloc'] else float('nan'):,.1f} KB "
         f"vs {plain['alloc'] / 1024 if plain and plain['alloc'] else float('nan'):,.1f} KB)", (a <= 1.2) if a is not None else None, res)
    if checks:
        for dc in checks.get("decode", []):
            if dc["client"] == "webclient" or "error" in dc:
                continue
            extra = dc["treeToValuePerRequest"] + dc["convertValuePerRequest"]
            line(name, f"decode-once check, {dc['client']}", f"{dc['parsesPerRequest']:g} parse/request, "
                 f"{dc['treeParsesPerRequest']:g} into a tree, {extra:g} conversions",
                 dc["parsesPerRequest"] == 1.0 and extra == 0, res)
    overall(name, res)

    vs_webclient("dio-wc", 0.95, 1.10, "WebClient adapter: ≥ 0.95× raw WebClient throughput, ≤ 1.10× its CPU")
    p("")
    p("### Summary\n")
    p("| target | verdict | lines met |")
    p("| --- | --- | --: |")
    for name, ok, met, total in summary:
        p(f"| {name} | {verdict(ok) if ok is not None else 'incomplete (rows missing)'} | {met} / {total} |")
    p("\nA missed target needs, in RESULTS.md, the profile that shows why and what would close it.\n")


# ------------------------------------------------------------------ scaling curves

def load_scaling(out):
    d = os.path.join(out, "scaling")
    if not os.path.isdir(d):
        return []
    runs = []
    for name in os.listdir(d):
        if name.endswith(".json"):
            with open(os.path.join(d, name)) as f:
                runs.append(json.load(f))
    order = {c: i for i, c in enumerate(CLIENTS)}
    return sorted(runs, key=lambda r: order.get(r["client"], 99))


def fmt_ms(v):
    return "—" if v is None or (isinstance(v, float) and math.isnan(v)) else (f"{v:.2f}" if v < 10 else f"{v:,.0f}")


def scaling_tables(runs, w):
    p = print
    ok_runs = [r for r in runs if "error" not in r]
    p("## Scaling curves\n")
    if ok_runs:
        r0 = ok_runs[0]
        p(f"One JVM per client (`Scaling`, `-Xms2g -Xmx2g`, G1); a closed loop keeps N GETs in flight; each point "
          f"{r0['warmupSeconds']:g} s warm-up then {r0['measureSeconds']:g} s measured, after every body was warmed at 64 in flight. "
          "Latency: send to decoded value. CPU: the client JVM's process CPU per completed request. "
          "Hand-configured peers (raw WebClient, OkHttp) get as many connections as dio's default pool; requests "
          "beyond it wait in the client. OkHttp runs its asynchronous API (`enqueue`), one dispatcher thread per "
          "running call.\n")
    for r in runs:
        if "error" in r:
            p(f"- `{r['client']}`: not measured: {r['error']}")
    if len(ok_runs) < len(runs):
        p("")
    ceiling = {c: v["rps"] for (s, c), v in w.items() if s == "getSmall"}

    def table(key, label, unit_key):
        p(f"### {label}\n")
        points = []
        for r in ok_runs:
            for pt in r.get(key, []):
                if pt[unit_key] not in points:
                    points.append(pt[unit_key])
        p(f"| client | " + " | ".join(f"{x}" for x in points) + " |")
        p("| --- | " + " | ".join("--:" for _ in points) + " |")
        for metric, name in (("rps", "req/s"), ("p50Ms", "p50 ms"), ("p99Ms", "p99 ms"), ("cpuUsPerRequest", "CPU µs/req")):
            for r in ok_runs:
                by = {pt[unit_key]: pt for pt in r.get(key, [])}
                cells = []
                for x in points:
                    pt = by.get(x)
                    if not pt:
                        cells.append("")
                        continue
                    v = pt.get(metric)
                    cell = fmt_n(v) if metric in ("rps", "cpuUsPerRequest") else fmt_ms(v)
                    if metric == "rps" and pt.get("errors"):
                        cell += f" ({pt['errors']:,} failed ⚠)"
                    cells.append(cell)
                p(f"| {r['client']} {name} | " + " | ".join(cells) + " |")
        p("")

    table("inFlight", "Requests in flight (GET ~200 B)", "inFlight")
    if ceiling:
        p("wrk ceiling, same nginx: " + ", ".join(f"{c} connections {fmt_n(v)} req/s" for c, v in sorted(ceiling.items(), key=lambda kv: int(kv[0]))) + ".\n")
    table("body", "Body size (64 in flight)", "body")
    errors = [(r["client"], pt.get("inFlight", pt.get("body")), pt["firstError"]) for r in ok_runs
              for key in ("inFlight", "body") for pt in r.get(key, []) if pt.get("firstError")]
    if errors:
        p("Failures (first error of the point):\n")
        for c, x, e in errors:
            p(f"- `{c}` at {x}: `{e[:300]}`")
        p("")
    p("### Memory per in-flight request (1024 in flight, minus idle, ÷ 1024)\n")
    p("Heap used and direct memory right after a full GC (median of three) taken while 1024 requests were in "
      "flight, minus the same taken idle. Netty direct: its default allocator's `usedDirectMemory` (arena chunks, "
      "so it moves in steps); NIO direct: the JVM's `direct` buffer pool.\n")
    p("| client | heap B/request | Netty direct B/request | NIO direct B/request | heap idle → loaded | Netty direct idle → loaded |")
    p("| --- | --: | --: | --: | --: | --: |")
    mib = lambda v: f"{v / 1024 ** 2:.1f} MiB"
    for r in ok_runs:
        m = r.get("memory")
        if not m:
            continue
        p(f"| {r['client']} | {m['heapBytesPerRequest']:,.0f} | {m['nettyDirectBytesPerRequest']:,.0f} | "
          f"{m['nioDirectBytesPerRequest']:,.0f} | {mib(m['idle']['heapBytes'])} → {mib(m['loaded']['heapBytes'])} | "
          f"{mib(m['idle']['nettyDirectBytes'])} → {mib(m['loaded']['nettyDirectBytes'])} |")
    p("")
    p("Charts: `scaling-inflight.png`, `scaling-body.png`, `scaling-memory.png` (copied to `benchmarks/`).\n")


STYLE = {
    "dio-rn": dict(color="#d62728", linestyle="-", marker="o", linewidth=2.4),
    "dio-rn+interceptors": dict(color="#d62728", linestyle="--", marker="o", linewidth=1.6),
    "dio-wc": dict(color="#1f77b4", linestyle="-", marker="s", linewidth=1.8),
    "dio-wc+interceptors": dict(color="#1f77b4", linestyle="--", marker="s", linewidth=1.4),
    "dio-create": dict(color="#9467bd", linestyle=":", marker="^", linewidth=1.8),
    "dio-boot": dict(color="#8c564b", linestyle=":", marker="v", linewidth=1.8),
    "webclient": dict(color="#2ca02c", linestyle="-", marker="D", linewidth=1.8),
    "okhttp": dict(color="#ff7f0e", linestyle="-", marker="P", linewidth=1.8),
}
BODY_BYTES = {"200 B": 204, "10 KB": 10 * 1024, "100 KB": 100 * 1024, "1 MB": 1024 * 1024}


def charts(runs, out):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FixedLocator, FixedFormatter, NullLocator, ScalarFormatter
    except ImportError:
        print("(charts not drawn: matplotlib is missing; `apt-get install python3-matplotlib`)\n", file=sys.stderr)
        return
    ok_runs = [r for r in runs if "error" not in r]
    def curve_chart(key, xof, xticks, xlabels, xlabel, title, file, log_throughput_and_cpu):
        panels = (("rps", "throughput (requests/s)", log_throughput_and_cpu), ("p99Ms", "p99 latency (ms)", True),
                  ("cpuUsPerRequest", "client CPU per request (µs)", log_throughput_and_cpu))
        fig, axes = plt.subplots(1, 3, figsize=(16, 5.2))
        for ax, (metric, label, logy) in zip(axes, panels):
            for r in ok_runs:
                pts = [(xof(pt), pt.get(metric)) for pt in r.get(key, [])
                       if pt.get(metric) is not None and not math.isnan(pt.get(metric)) and pt.get("requests", 1) > 0]
                if not pts:
                    continue
                xs, ys = zip(*pts)
                ax.plot(xs, ys, label=LABELS.get(r["client"], r["client"]), **STYLE.get(r["client"], {}))
            ax.set_xscale("log")
            if logy:
                ax.set_yscale("log")
                ax.yaxis.set_major_formatter(ScalarFormatter())
            else:
                ax.set_ylim(bottom=0)
            ax.xaxis.set_major_locator(FixedLocator(xticks))
            ax.xaxis.set_major_formatter(FixedFormatter(xlabels))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xlabel(xlabel)
            ax.set_title(label)
            ax.grid(True, which="both", alpha=0.3)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=9, frameon=False)
        fig.suptitle(title)
        fig.tight_layout(rect=(0, 0.1, 1, 0.95))
        fig.savefig(os.path.join(out, file), dpi=110)
        plt.close(fig)

    curve_chart("inFlight", lambda pt: pt["inFlight"], [1, 16, 64, 256, 1024], ["1", "16", "64", "256", "1024"],
                "requests in flight (log scale)", "GET ~200 B JSON → record, nginx on loopback, 2 cores",
                "scaling-inflight.png", False)
    curve_chart("body", lambda pt: BODY_BYTES.get(pt["body"], 1), list(BODY_BYTES.values()), list(BODY_BYTES.keys()),
                "response body (log scale)", "GET JSON → record / list of records, 64 in flight",
                "scaling-body.png", True)

    mem = [r for r in ok_runs if r.get("memory")]
    if mem:
        fig, ax = plt.subplots(figsize=(10, 4.5))
        names = [r["client"] for r in mem]
        heap = [r["memory"]["heapBytesPerRequest"] / 1024 for r in mem]
        direct = [max(r["memory"]["nettyDirectBytesPerRequest"], r["memory"]["nioDirectBytesPerRequest"]) / 1024
                  for r in mem]
        xs = range(len(names))
        ax.bar([x - 0.2 for x in xs], heap, width=0.4, label="heap", color="#1f77b4")
        ax.bar([x + 0.2 for x in xs], direct, width=0.4, label="direct (Netty or NIO, the larger)", color="#ff7f0e")
        ax.set_xticks(list(xs))
        ax.set_xticklabels(names, rotation=20, ha="right")
        ax.set_ylabel("KB per in-flight request")
        ax.set_title("Memory per in-flight request at 1024 in flight (after full GC, minus idle)")
        ax.grid(True, axis="y", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(out, "scaling-memory.png"), dpi=110)
        plt.close(fig)


if __name__ == "__main__":
    main()
