#!/usr/bin/env python3
"""Runs the peer harness unchanged and notes when its first five training steps ended.

Usage: peer-launch-marks.py PEER_DIR WORKLOAD [harness options]

Imports PEER_DIR/peer_bench.py (torchdiffeq on PyTorch, ../shared/bench/peer), wraps its `timed`
helper so that the step function it times also notes the wall-clock end of each of the first five
steps (one extra Python call per step, and a clock read in the first five), runs the harness's own
`main()` with the given arguments, and after the harness's output prints one line
`LAUNCH {"ends_epoch_ms": [...]}`. W1-W4 run one untimed step before `timed`: its end is taken when
`timed` is entered. `scripts/bench-side-by-side.py` subtracts the time it started the process,
for the table of how long a fresh process takes to its first and fifth iterations.
"""
import json
import os
import sys
import time


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    peer = os.path.abspath(sys.argv[1])
    workload = sys.argv[2]
    sys.path.insert(0, peer)
    import peer_bench  # noqa: E402 (after the path is set)

    ends = []
    timed = peer_bench.timed

    def marking_timed(fn, warmup, iters):
        if workload != "W5" and not ends:
            ends.append(time.time() * 1e3)  # the harness's untimed first step just ended

        def step():
            fn()
            if len(ends) < 5:
                ends.append(time.time() * 1e3)

        return timed(step, warmup, iters)

    peer_bench.timed = marking_timed
    sys.argv = [os.path.join(peer, "peer_bench.py"), *sys.argv[2:]]
    try:
        peer_bench.main()
    finally:
        print("LAUNCH " + json.dumps({"ends_epoch_ms": ends[:5]}), flush=True)


if __name__ == "__main__":
    main()
