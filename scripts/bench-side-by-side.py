#!/usr/bin/env python3
"""Runs node4j's benchmark workloads and the peer harness (torchdiffeq on PyTorch) side by side.

One process per workload on both sides, interleaved (node4j first in even rounds, the peer first in
odd ones), repeated for several rounds, on an idle machine. Writes a JSON file with every run and a
Markdown table of ratios (peer median / node4j median, the median over the rounds and the spread),
the machine's FMA peak measured in the same run (`./node4j bench kernels`) and each workload's
fraction of the two-thread peak (its floating-point operations over its median time). The probe
runs float32 fused multiply-adds; a float64 workload (W3) is measured against half that peak, the
same FMA instructions per cycle on half as many lanes.

Usage (from the project root; see docs/BENCHMARKS.md):

    scripts/bench-side-by-side.py --peer PEER --rounds 3 --out docs/bench/RUN [--steady 6]
    scripts/bench-side-by-side.py --render docs/bench/RUN.json   # an earlier run's tables again

After the ratio table the Markdown has one of what each target would take on the run's machine:
the time the target allows (the peer's median over the target ratio), the time the workload's
floating-point operations take at the measured two-thread peak, and their quotient, the fraction
of the peak over whole iterations that any implementation of those operations would need. A
fraction above 100 % is a target out of reach on that machine, whatever the code.

With --steady S, every node4j run of the protocol is followed by a second node4j process that runs
the same workload for about S seconds (`--iterations K`, K from the protocol's median) and reports
the median of the second half of its iterations: node4j after its JIT compilation has settled. That
figure is not the protocol's and meets no target; it separates the engine's speed from the fresh
JVM's compilation, which the protocol's few timed iterations fall inside.

Each process's start is also noted, and with the end times of its first five iterations (node4j's
`timing.firstEndsEpochMs`; the peer's through `scripts/peer-launch-marks.py`, which runs the
harness unchanged and only notes when its first steps end) the table shows how long a fresh
process takes to its first and fifth iterations on each side: what a user starting a run waits for.

PEER is the directory of the peer harness (`peer_bench.py` and its vendored torchdiffeq 0.2.5),
which is not part of this repository; docs/WORKLOADS.md describes what it computes. The peer needs
Debian's python3-torch and python3-scipy (`apt-get install -y python3-torch python3-scipy`; the
vendored torchdiffeq imports scipy) and runs with /usr/bin/python3. node4j runs on the JDK that `./node4j` picks (JAVA_HOME, else java on the
PATH; e.g. `JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64` for JDK 25), and the table names it.
Nothing here is timed by this script: both sides time themselves and print
their medians; this script only runs them and divides.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

# Each workload: node4j arguments, peer arguments, the node4j result id, and the floating-point
# operations of one timed iteration (forward multiply-adds x 2, backward counted as twice the
# forward: one product for the input cotangent, one for the weight gradient).
W5_DEPTHS = (64, 256, 1024)
W5_VARIANTS = {"a": "plain", "b": "euler", "c": "heunnet-plain", "d": "heunnet-memfree"}


def sphere2_macs(batch=128, length=2, kernel=3, pad=1):
    # Conv1d 1->32 k1, 32->32 k3 pad 1, 32->1 k1, per evaluation, counting only the taps that read
    # the signal: on a signal of length 2 with padding 1, each output position of the k3 layer has
    # 2 taps inside the signal and 1 in the padding (4 multiply-adds per channel pair, not 6), which
    # is what any implementation must compute (the padding's products are zero).
    inside = sum(1 for p in range(length) for j in range(kernel) if 0 <= p + j - pad < length)
    return batch * (32 * length + 32 * 32 * inside + 32 * length)


def mlp_macs(batch=512):
    return batch * (2 * 64 + 64 * 64 + 64 * 2)


def cifar_macs(batch=32):
    hw = 32 * 32
    return batch * hw * (3 * 128 + 128 * 128 * 9 + 128 * 3)


def w5_macs(depth, batch=256, width=64):
    return batch * depth * 2 * width * width


# The workloads that run in float64 (WORKLOADS.md): their fraction is of the float64 peak, half
# the float32 probe's on vector FMA units (the same instructions per cycle, half as many lanes).
FLOAT64 = {"W3(a)", "W3(b)"}


def dtype_peak(peak2, workload, vector):
    """The two-thread FMA peak of a workload's dtype in GFLOP/s, from the probe's float32 figure:
    halved for a float64 workload on the vector kernel (scalar fused multiply-adds take as long in
    float64 as in float32; vector ones do half the flops). None without a figure."""
    if not peak2:
        return None
    return peak2 / 2 if workload in FLOAT64 and vector else peak2


# The speed issue's targets: the peer's median over node4j's, per workload. W4 has one too (1.2x),
# but its 3x3 convolutions run as Winograd products with a quarter of the direct multiply-adds, so
# its direct FLOP count bounds nothing and it is left out of the table of what a target would take.
TARGETS = {"W1": 5.0, "W2": 5.0, "W3(a)": 3.0, "W3(b)": 3.0}
TARGETS.update({f"W5({v}) N={n}": 3.0 for v in "abcd" for n in W5_DEPTHS})


def workloads(depths):
    w = [
        ("W1", ["W1"], ["W1"], "W1", 3 * 2 * 64 * sphere2_macs()),
        # 16 RK4 steps of 4 evaluations forward; the adjoint's backward solve evaluates f and its VJP.
        ("W2", ["W2"], ["W2"], "W2", 2 * 64 * sphere2_macs() + 3 * 2 * 64 * sphere2_macs()),
        ("W3(a)", ["W3"], ["W3", "--mixed", "--gain", "4", "--grad", "backprop"], "W3(a)",
         3 * 2 * 98 * mlp_macs()),
        ("W3(b)", ["W3"], ["W3", "--mixed", "--gain", "4", "--grad", "adjoint"], "W3(b)",
         2 * 98 * mlp_macs() + 3 * 2 * 116 * mlp_macs()),
        ("W4", ["W4"], ["W4"], "W4", 3 * 2 * 8 * cifar_macs()),
    ]
    for n in depths:
        for v, mode in W5_VARIANTS.items():
            evals = n if v in "ab" else 2 * (n - 1)
            flops = 3 * 2 * evals * w5_macs(1)
            if v in "bd":
                flops += 2 * evals * w5_macs(1)  # the reconstruction's extra forward
            w.append((f"W5({v}) N={n}", ["W5", "--depth", str(n), "--variant", v],
                      ["W5", "--smooth", "--depth", str(n), "--mode", mode], f"W5({v}) N={n}", flops))
    return w


def run_node4j(root, args):
    """node4j's JSON document, with the wall-clock time (epoch ms) at which the process was started
    under the key "launchedEpochMs"."""
    cmd = [os.path.join(root, "node4j"), "bench", *args, "--json"]
    launched = time.time() * 1e3
    p = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"node4j failed ({' '.join(cmd)}):\n{p.stderr[-4000:]}")
    doc = json.loads(p.stdout)
    doc["launchedEpochMs"] = launched
    return doc


def run_peer(peer, args):
    """The harness's RESULT, with the seconds from starting its process to the end of its first and
    fifth training steps (through peer-launch-marks.py, which runs the harness unchanged)."""
    env = dict(os.environ, OMP_NUM_THREADS="2", OPENBLAS_NUM_THREADS="1",
               PYTHONPATH=os.path.join(peer, "vendor"))
    marks = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peer-launch-marks.py")
    cmd = ["/usr/bin/python3", marks, peer, *args]
    launched = time.time() * 1e3
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"peer failed ({' '.join(cmd)}):\n{p.stderr[-4000:]}")
    res = ends = None
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            res = json.loads(line[len("RESULT "):])
        elif line.startswith("LAUNCH "):
            ends = json.loads(line[len("LAUNCH "):])["ends_epoch_ms"]
    if res is None:
        raise SystemExit(f"peer printed no RESULT line ({' '.join(cmd)}):\n{p.stdout[-2000:]}")
    res["launch_s"] = launch_seconds(launched, ends)
    return res


def launch_seconds(launched, ends):
    """Seconds from a process's start to the end of its first and fifth iterations, or None."""
    if not ends or len(ends) < 5:
        return None
    return [round((ends[0] - launched) / 1e3, 3), round((ends[4] - launched) / 1e3, 3)]


# Rows whose node4j process runs another variant first (W3 (b) after (a); W5 (b) and (d) after an
# untimed pass of (a) or (c) for their gradient error): their time from launch is not comparable.
NOT_FROM_LAUNCH = {"W3(b)"} | {f"W5({v}) N={n}" for v in "bd" for n in (64, 256, 1024)}


def steady_ms(root, nargs, rid, protocol_ms, seconds):
    """node4j's median over the second half of about `seconds` of iterations in a fresh JVM."""
    k = int(min(5000, max(60, seconds * 1000 / max(protocol_ms, 0.1))))
    extra = ["--no-memory"] if nargs[0] == "W5" else []
    doc = run_node4j(root, [*nargs, "--iterations", str(k), *extra])
    its = node4j_result(doc, rid)["timing"]["iterationMs"]
    return statistics.median(its[len(its) // 2:])


def node4j_result(doc, rid):
    for r in doc["workloads"]:
        if r["id"] == rid:
            return r
    raise SystemExit(f"node4j printed no workload {rid}")


def peer_median(res):
    for k in ("median_ms", "median", "ms_median"):
        if k in res:
            return float(res[k])
    raise SystemExit(f"peer result has no median: {res}")


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--render", metavar="JSON",
                    help="print the Markdown tables of an earlier run's JSON file and exit (runs "
                         "nothing; --peer and --out are then not needed)")
    ap.add_argument("--peer", help="the peer harness directory (peer_bench.py)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated workload names (default all)")
    ap.add_argument("--depths", default="64,256,1024", help="W5 depths")
    ap.add_argument("--out", help="output prefix: writes PREFIX.json and PREFIX.md")
    ap.add_argument("--steady", type=float, default=0,
                    help="also run node4j for about this many seconds per workload and report the "
                         "median of the second half of its iterations (0: off)")
    a = ap.parse_args()
    if a.render:
        with open(a.render) as f:
            print(markdown(json.load(f)), end="")
        return
    if not a.peer or not a.out:
        ap.error("--peer and --out are required unless --render is given")
    if a.rounds < 1:
        raise SystemExit("--rounds must be >= 1")
    if a.steady < 0:
        raise SystemExit("--steady must be >= 0 seconds")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    peer = os.path.abspath(a.peer)
    if not os.path.exists(os.path.join(peer, "peer_bench.py")):
        raise SystemExit(f"no peer_bench.py in {peer}; pass the harness directory with --peer")
    depths = [int(d) for d in a.depths.split(",") if d]
    chosen = workloads(depths)
    if a.only:
        names = set(a.only.split(","))
        chosen = [w for w in chosen if w[0] in names or w[0].split("(")[0] in names]
    started = datetime.datetime.now(datetime.timezone.utc)
    kernels = run_node4j(root, ["kernels"])
    peaks = {k["threads"]: k["gflops"] for k in kernels["kernels"] if k["label"].startswith("fma peak")}
    jvm = (kernels.get("environment") or {}).get("java", "unknown JVM")
    vector = str((kernels.get("environment") or {}).get("kernel", "vector")).startswith("vector")
    runs = []
    cache = {}
    for rnd in range(a.rounds):
        for name, nargs, pargs, rid, flops in chosen:
            order = ("node4j", "peer") if rnd % 2 == 0 else ("peer", "node4j")
            for side in order:
                load = loadavg()
                t0 = time.time()
                if side == "node4j":
                    key = tuple(nargs)
                    doc = run_node4j(root, nargs)  # W3 prints (a) and (b): one process each anyway
                    r = node4j_result(doc, rid)
                    ms = r["timing"]["medianMs"]
                    loss = r.get("firstLoss")
                    det = r.get("details") or {}
                    mem = det.get("peakRssAboveBaselineMiB")
                    proc_mem = det.get("processPeakRssMiB")
                    cliff = r["timing"].get("firstOverSteady")
                    first_ms = (r["timing"].get("warmupMs") or [None])[0]
                    launch = launch_seconds(doc["launchedEpochMs"], r["timing"].get("firstEndsEpochMs"))
                    steady = steady_ms(root, nargs, rid, ms, a.steady) if a.steady else None
                else:
                    res = run_peer(peer, pargs)
                    ms = peer_median(res)
                    loss = res.get("first_loss", res.get("loss"))
                    mem = res.get("peak_rss_above_baseline_mib")
                    proc_mem = None
                    cliff = first_ms = steady = None
                    launch = res.get("launch_s")
                if name in NOT_FROM_LAUNCH:
                    launch = None
                runs.append({"first_over_steady": cliff, "first_warmup_ms": first_ms,
                             "launch_s": launch,
                             "steady_ms": steady,
                             "round": rnd, "workload": name, "side": side, "median_ms": ms,
                             "first_loss": loss, "peak_rss_above_baseline_mib": mem,
                             "process_peak_rss_mib": proc_mem, "load_before": load,
                             "wall_s": round(time.time() - t0, 1)})
                print(f"round {rnd} {name:14s} {side:6s} {ms:10.2f} ms  (load {load.split()[0]})",
                      file=sys.stderr, flush=True)
    rows = []
    for name, _, _, _, flops in chosen:
        ratios, nodes, peers = [], [], []
        for rnd in range(a.rounds):
            n = [r["median_ms"] for r in runs if r["workload"] == name and r["round"] == rnd and r["side"] == "node4j"][0]
            p = [r["median_ms"] for r in runs if r["workload"] == name and r["round"] == rnd and r["side"] == "peer"][0]
            nodes.append(n)
            peers.append(p)
            ratios.append(p / n)
        node_med = statistics.median(nodes)
        peak2 = dtype_peak(peaks.get(2), name, vector)
        frac = (flops / (node_med * 1e-3)) / (peak2 * 1e9) if peak2 else None
        def mems(side, key="peak_rss_above_baseline_mib"):
            return [r[key] for r in runs if r["workload"] == name and r["side"] == side
                    and r.get(key) is not None]
        cliffs = [r["first_over_steady"] for r in runs if r["workload"] == name
                  and r["side"] == "node4j" and r.get("first_over_steady") is not None]
        firsts = [r["first_warmup_ms"] for r in runs if r["workload"] == name
                  and r["side"] == "node4j" and r.get("first_warmup_ms") is not None]
        steadies = [r["steady_ms"] for r in runs if r["workload"] == name
                    and r["side"] == "node4j" and r.get("steady_ms") is not None]
        steady_ratios = [p / st for p, st in zip(peers, steadies)]
        def launches(side):
            return [r["launch_s"] for r in sorted(runs, key=lambda r: r["round"])
                    if r["workload"] == name and r["side"] == side and r.get("launch_s")]
        rows.append({"workload": name, "node4j_first_over_steady": cliffs,
                     "node4j_steady_ms": steadies, "steady_ratios": steady_ratios,
                     "node4j_first_iteration_ms": firsts,
                     "node4j_launch_s": launches("node4j"), "peer_launch_s": launches("peer"),
                     "peer_ms": peers, "node4j_ms": nodes, "ratios": ratios,
                     "peer_peak_mib": mems("peer"), "node4j_peak_mib": mems("node4j"),
                     "node4j_process_peak_mib": mems("node4j", "process_peak_rss_mib"),
                     "ratio_median": statistics.median(ratios), "ratio_min": min(ratios),
                     "ratio_max": max(ratios), "gflop": flops / 1e9,
                     "fraction_of_2thread_peak": frac})
    kernel = (kernels.get("environment") or {}).get("kernel")
    doc = {"date": started.isoformat(timespec="seconds"), "machine": machine(kernel), "jvm": jvm,
           "rounds": a.rounds, "steady_seconds": a.steady,
           "command": " ".join(["scripts/bench-side-by-side.py", *sys.argv[1:]]),
           "fma_peak_gflops": peaks, "rows": rows, "runs": runs}
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    write_atomic(a.out + ".json", json.dumps(doc, indent=2) + "\n")
    write_atomic(a.out + ".md", markdown(doc))
    print(markdown(doc))


def machine(kernel=None):
    """The CPU as /proc/cpuinfo names it, with its family, model and widest vector extension (runs on
    AVX2 and AVX-512 machines of the same name differ several-fold), and node4j's GEMM kernel."""
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break  # the first processor's block is enough
                key, _, value = line.partition(":")
                info[key.strip()] = value.strip()
    except OSError:
        pass
    flags = set(info.get("flags", "").split())
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    cpu = info.get("model name", "unknown CPU")
    if "cpu family" in info:
        cpu += f" (family {info['cpu family']} model {info.get('model', '?')}, {isa})"
    tail = f", node4j kernel {kernel}" if kernel else ""
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}{tail}"


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def table(caption, header, rows):
    """A Markdown table after a blank line and its caption: the lines to append."""
    def line(cells):
        return "| " + " | ".join(cells) + " |"
    return ["", caption, "", line(header), line(["---"] * len(header)), *map(line, rows)]


def target_rows(doc):
    """What each target would take on the run's machine: the time the target allows (the peer's
    median over the target ratio), the time the row's floating-point operations take at the
    two-thread FMA peak, and so the fraction of that peak over whole iterations that any
    implementation of those operations would need; node4j's own fractions beside it. The peak is
    taken from the run's probe figure here rather than from the rows' stored fractions, which runs
    before 2026-12-07 10:15 UTC took against the float32 peak for W3 as well."""
    peak2 = {int(k): v for k, v in doc["fma_peak_gflops"].items()}.get(2)
    vector = "kernel scalar" not in doc.get("machine", "")
    rows = []
    for r in doc["rows"]:
        target = TARGETS.get(r["workload"])
        peak = dtype_peak(peak2, r["workload"], vector)
        if target is None or peak is None or not r.get("gflop"):
            continue
        allowed = statistics.median(r["peer_ms"]) / target
        flop_ms = r["gflop"] / peak * 1e3
        steady = r.get("node4j_steady_ms")
        rows.append([
            r["workload"], f"{target:g}x", f"{allowed:.1f}", f"{flop_ms:.1f}",
            f"**{100 * flop_ms / allowed:.0f} %**",
            f"{100 * flop_ms / statistics.median(r['node4j_ms']):.0f} %",
            f"{100 * flop_ms / statistics.median(steady):.0f} %" if steady else ""])
    return rows


def markdown(doc):
    peaks = {int(k): v for k, v in doc["fma_peak_gflops"].items()}
    lines = table(
        f"Side-by-side run of {doc['date']} on {doc['machine']}, node4j on "
        f"{doc.get('jvm', 'an unrecorded JVM')}, {doc['rounds']} rounds, "
        f"one process per workload on each side, interleaved. Command: `{doc['command']}`. "
        f"FMA peak measured in the same run: {peaks.get(1, float('nan')):.0f} GFLOP/s on one thread, "
        f"{peaks.get(2, float('nan')):.0f} on two (float32; W3, in float64, against half of it).",
        ["workload", "peer median ms (per round)", "node4j median ms (per round)",
         "peer / node4j: median (min-max)", "node4j fraction of 2-thread peak (its dtype's)"],
        [[r["workload"], " / ".join(f"{x:.1f}" for x in r["peer_ms"]),
          " / ".join(f"{x:.1f}" for x in r["node4j_ms"]),
          f"**{r['ratio_median']:.2f}x** ({r['ratio_min']:.2f}-{r['ratio_max']:.2f})",
          "" if r["fraction_of_2thread_peak"] is None
          else f"{100 * r['fraction_of_2thread_peak']:.0f} %"]
         for r in doc["rows"]])[1:]  # the run's caption opens the document: no blank line before it
    bounds = target_rows(doc)
    if bounds:
        lines += table(
            "What each target would take on this machine: the time it allows (the peer's median "
            "over the rounds divided by the target ratio), the time the workload's floating-point "
            "operations take at the two-thread FMA peak above (its dtype's), and their quotient, the "
            "fraction of that peak over whole iterations that any implementation of those "
            "operations would need (above 100 %: out of reach on this machine); node4j's fraction "
            "in the protocol and once settled beside it. W4 is left out: its Winograd products "
            "need fewer multiply-adds than its direct count.",
            ["workload", "target", "time allowed, ms", "FLOP time at the peak, ms",
             "fraction of the peak the target needs", "node4j's fraction (protocol)",
             "node4j's fraction (settled)"],
            bounds)
    mem_rows = [r for r in doc["rows"] if r.get("peer_peak_mib") and r.get("node4j_peak_mib")]
    if mem_rows:
        lines += table(
            "Peak resident memory above the baseline taken after the model and inputs are built "
            "(both sides as the peer measures it), median over the rounds in MiB, and node4j's "
            "whole-process peak (fixed heap) beside it:",
            ["workload", "peer MiB", "node4j MiB", "node4j process peak MiB"],
            [[r["workload"], f"{statistics.median(r['peer_peak_mib']):.1f}",
              f"{statistics.median(r['node4j_peak_mib']):.1f}",
              f"{statistics.median(r['node4j_process_peak_mib']):.0f}"
              if r.get("node4j_process_peak_mib") else ""]
             for r in mem_rows])
    steady_rows = [r for r in doc["rows"] if r.get("node4j_steady_ms")]
    if steady_rows:
        lines += table(
            "Not the protocol, and no target: node4j after its JIT compilation has settled (a second "
            "fresh JVM per round, run right after the protocol's, timing about "
            f"{doc.get('steady_seconds', 0):.0f} s of iterations; the median of the second half), "
            "against the same peer medians (the peer has no JIT):",
            ["workload", "node4j settled ms (per round)", "peer / node4j settled: median (min-max)",
             "protocol median / settled"],
            [[r["workload"], " / ".join(f"{x:.1f}" for x in r["node4j_steady_ms"]),
              f"**{statistics.median(r['steady_ratios']):.2f}x** "
              f"({min(r['steady_ratios']):.2f}-{max(r['steady_ratios']):.2f})",
              f"{statistics.median(r['node4j_ms']) / statistics.median(r['node4j_steady_ms']):.2f}"]
             for r in steady_rows])
    cliff_rows = [r for r in doc["rows"] if r.get("node4j_first_over_steady")]
    if cliff_rows:
        lines += table(
            "node4j's warm-up cliff in each process: the mean of timed iterations 1-3 over the "
            "median of the last half of the timed iterations (1.00 when the protocol's warm-ups "
            "reach steady state), and the first (untimed) iteration of the fresh JVM, per round:",
            ["workload", "first 3 / steady (per round)", "first iteration ms (per round)"],
            [[r["workload"], " / ".join(f"{x:.2f}" for x in r["node4j_first_over_steady"]),
              " / ".join(f"{x:.0f}" for x in r.get("node4j_first_iteration_ms") or [])]
             for r in cliff_rows])
    launch_rows = [r for r in doc["rows"] if r.get("node4j_launch_s") and r.get("peer_launch_s")]
    if launch_rows:
        def pairs(xs, i):
            return " / ".join(f"{x[i]:.2f}" for x in xs)
        lines += table(
            "From launch: seconds from starting the process to the end of its first and its fifth "
            "iteration (warm-ups included; node4j's JVM start, class loading and first compilations, "
            "the peer's Python start and `import torch`), per round. The peer runs through "
            "`scripts/peer-launch-marks.py`, which imports the harness unchanged and notes its first "
            "steps' ends. Rows whose node4j process runs another variant first are left out:",
            ["workload", "node4j: 1st", "peer: 1st", "node4j: 5th", "peer: 5th",
             "5th: peer - node4j, median s"],
            [[r["workload"], pairs(r["node4j_launch_s"], 0), pairs(r["peer_launch_s"], 0),
              pairs(r["node4j_launch_s"], 1), pairs(r["peer_launch_s"], 1),
              f"{statistics.median(p[1] - n[1] for n, p in zip(r['node4j_launch_s'], r['peer_launch_s'])):+.2f}"]
             for r in launch_rows])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
