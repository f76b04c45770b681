#!/usr/bin/env python3
"""Where a fresh JVM's compilations and Vector API fallback fall, per benchmark iteration.

Reads a JIT log and the bench's per-iteration trace of one run:

    NODE4J_JAVA_OPTS="-Dnode4j.bench.trace=true -Xlog:jit+compilation=debug:file=jit.log:uptime" \
      ./node4j bench W5 --depth 64 --variant c --no-memory --json > w5.json 2> trace.txt
    scripts/probes/jit-window.py jit.log trace.txt [method,method,...]

and prints, for each iteration, the bytes the JVM allocated (in steady state W5 allocates 0.59 MB
per iteration and W1 0.01; the rest is the Vector API's Java fallback, which allocates an object per
vector operation until C2 has compiled the kernel), the calling thread's CPU time and the C2
compiler threads' cumulative CPU time; then, from the trace's threads= field (Linux schedstat),
each iteration's wall time, the milliseconds the calling thread and the engine's workers ran and
waited on a run queue, and the milliseconds the compilers and the other threads ran (in the JIT
window the workers' waits track the compilers' run time); then, unless jit.log is '-', for each
named method (default: the W5 kernels), when its first C2 compilation and OSR compilation started,
in ms relative to the first timed iteration, and the iteration it started in (w0, w1: warm-ups;
t2...: timed), and its C1 levels. Allocation, thread CPU and compiler CPU time are proxies that a
loaded machine disturbs far less than wall times (docs/bench/performance-log.md, "The Vector API's
fallback in a fresh JVM").
"""
import re
import sys

DEFAULT = ['VectorGemmF32::tile8x2', 'VectorGemmF32::tile8x2Unit', 'VectorGemmF32::tile8x1',
           'VectorGemmF32::packB', 'VectorGemmF32::rowsWide', 'VectorGemmF32::block',
           'VectorGemmF32::blockPacked', 'VectorStateLoops::allFinite',
           'Pointwise$Tanh::forwardRange', 'Pointwise$Tanh::backwardRange']
LINE = re.compile(r'\[(\d+\.\d+)s\]\s+(\d+)\s+([%sbn!]*)\s*(\d)\s+(\S+)')


def groups(field):
    """{group: (run ms, run-queue wait ms)} from a trace line's threads= field."""
    out = {}
    for g in filter(None, field.split(',')):
        name, times = g.split(':')
        run, wait = times.split('/')
        out[name] = (float(run), float(wait))
    return out


def scheduler_table(its):
    """Per iteration: wall time, and who ran and who waited for a core (schedstat)."""
    if not any(i[7] for i in its):
        return
    print('iteration  wall ms  caller run/wait  worker run/wait  compilers run  others run')
    for i in its:
        g = i[7]
        run = lambda *ks: sum(g.get(k, (0, 0))[0] for k in ks)
        wait = lambda *ks: sum(g.get(k, (0, 0))[1] for k in ks)
        print('%s%-8d %7.1f %8.1f / %5.1f %8.1f / %5.1f %13.1f %11.1f' % (
            't' if i[1] else 'w', i[0], i[3] - i[2], run('caller'), wait('caller'),
            run('worker'), wait('worker'), run('c1', 'c2'), run('gc', 'warmup', 'other')))


def main(jit_log, trace, methods):
    its = []
    for line in open(trace):
        if line.startswith('node4j.iteration'):
            d = dict(kv.split('=') for kv in line.split()[1:])
            its.append((int(d['index']), d['timed'] == 'true', float(d['startMs']),
                        float(d['endMs']), float(d['cpuMs']), float(d['allocatedMB']),
                        int(d['c2CpuMs']), groups(d.get('threads', ''))))
    timed = [i for i in its if i[1]]
    if not timed:
        sys.exit('no node4j.iteration lines in ' + trace + ' (run with -Dnode4j.bench.trace=true)')
    t0 = timed[0][2]
    comp = []
    for line in open(jit_log) if jit_log != '-' else []:
        m = LINE.match(line)
        if m and 'made not entrant' not in line:
            comp.append((float(m.group(1)) * 1000, '%' in m.group(3), int(m.group(4)), m.group(5)))

    def where(t):
        for i in its:
            if i[2] <= t <= i[3]:
                return ('t' if i[1] else 'w') + str(i[0])
        return 'before w0' if t < its[0][2] else 'between or after'

    print('iteration 0 starts at %.0f ms of uptime, the first timed one at %.0f' % (its[0][2], t0))
    print('iteration  allocated MB  thread CPU ms  C2 CPU ms (cumulative)')
    for i in its:
        print('%s%-8d %12.1f %14.1f %10d' % ('t' if i[1] else 'w', i[0], i[5], i[4], i[6]))
    scheduler_table(its)
    if jit_log == '-':
        return
    print('method: first C2 start (ms from the first timed iteration, iteration), first C2 OSR, C1 levels')
    for k in methods:
        c2 = [c for c in comp if c[3].endswith(k) and c[2] == 4 and not c[1]]
        osr = [c for c in comp if c[3].endswith(k) and c[2] == 4 and c[1]]
        c1 = [c for c in comp if c[3].endswith(k) and c[2] < 4]
        s = '  %-32s' % k
        s += (' C2 %+7.0f (%s)' % (c2[0][0] - t0, where(c2[0][0]))) if c2 else ' C2 never'
        s += (' OSR %+7.0f' % (osr[0][0] - t0)) if osr else ''
        s += (' C1 levels %s' % ''.join(str(c[2]) for c in c1)) if c1 else ' no C1'
        print(s)


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(',') if len(sys.argv) > 3 else DEFAULT)
