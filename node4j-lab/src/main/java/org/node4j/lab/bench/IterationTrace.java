package org.node4j.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * With {@code -Dnode4j.bench.trace=true}, a line on stderr after each iteration of {@link
 * Timing#measure}, so that a JIT log shows which compilations fell inside the timed window: the
 * iteration's index (0-based over warm-ups and timed iterations), whether it was timed, its start
 * and end in milliseconds of JVM uptime (the clock of {@code
 * -Xlog:jit+compilation=debug:file=jit.log:uptime}), the calling thread's CPU time, the bytes all
 * live threads of the JVM allocated during it, and (on Linux, from {@code /proc/self/task}) the CPU
 * time the live C1 and C2 compiler threads have used since they started, and per group of threads
 * the milliseconds they ran and waited on a run queue during the iteration ({@code
 * threads=caller:run/wait,worker:run/wait,c1:...,c2:...,gc:...,warmup:...,other:...}).
 *
 * <p>Why: until C2 has compiled a Vector API kernel, the kernel runs the API's Java fallback, which
 * allocates an object per vector operation, while the compiled code allocates nothing; so the bytes
 * allocated in an iteration measure how much of it ran as fallback, and the compiler threads' CPU
 * time how much compiling was left, also on a loaded machine where the iteration's wall time says
 * little (docs/bench/performance-log.md, "The Vector API's fallback in a fresh JVM"). The run-queue
 * waits say who lost a core to whom: in the JIT window the engine's threads wait while the
 * compilers run (performance log, "The JIT window from the scheduler's side"). Off, it costs one
 * static check per iteration.
 */
final class IterationTrace {
  /** Whether {@code node4j.bench.trace} asks for the lines. */
  private static final boolean PRINT = Boolean.getBoolean("node4j.bench.trace");

  /** The trace that does nothing, returned when the lines are off. */
  private static final IterationTrace OFF = new IterationTrace(0, false);

  private final int index;
  private final boolean timed;
  private long startNanos;
  private long startCpu;
  private long startAllocated;
  private Map<String, long[]> startGroups;

  /** The group of each thread id met so far (Linux thread ids), for {@link #threadGroups}. */
  private static final Map<String, String> GROUPS = new ConcurrentHashMap<>();

  private IterationTrace(int index, boolean timed) {
    this.index = index;
    this.timed = timed;
  }

  /** Starts the trace of iteration {@code index}. */
  static IterationTrace begin(int index, boolean timed) {
    if (!PRINT) {
      return OFF;
    }
    IterationTrace t = new IterationTrace(index, timed);
    t.startGroups = threadGroups();
    t.startAllocated = allocatedBytes();
    t.startCpu = threads().getCurrentThreadCpuTime();
    t.startNanos = System.nanoTime();
    return t;
  }

  /** Ends the trace: prints the iteration's line if the lines are on. */
  void end() {
    if (this == OFF) {
      return;
    }
    long end = System.nanoTime();
    long cpu = threads().getCurrentThreadCpuTime() - startCpu;
    Map<String, long[]> endGroups = threadGroups();
    long allocated = allocatedBytes() - startAllocated;
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    System.err.printf(
        Locale.ROOT,
        "node4j.iteration index=%d timed=%b startMs=%.1f endMs=%d cpuMs=%.3f allocatedMB=%.3f"
            + " c1CpuMs=%d c2CpuMs=%d threads=%s%n",
        index,
        timed,
        uptime - (end - startNanos) / 1e6,
        uptime,
        cpu / 1e6,
        allocated / 1e6,
        cumulativeMs(endGroups, "c1"),
        cumulativeMs(endGroups, "c2"),
        groupDeltas(startGroups, endGroups));
  }

  /**
   * Per group of threads, the nanoseconds on a CPU and waiting on a run queue (runnable but not
   * running), from {@code /proc/self/task/<id>/schedstat}; empty where that cannot be read. Groups:
   * the calling thread ("caller"), the engine's workers, the warm-up thread, the C1 and C2
   * compilers, the garbage collector and the rest.
   */
  private static Map<String, long[]> threadGroups() {
    Map<String, long[]> groups = new TreeMap<>();
    String self = String.valueOf(selfTid());
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String tid = task.getFileName().toString();
          String g = tid.equals(self) ? "caller" : GROUPS.computeIfAbsent(tid, t -> group(task));
          String[] f = Files.readString(task.resolve("schedstat")).strip().split(" ");
          long[] a = groups.computeIfAbsent(g, k -> new long[2]);
          a[0] += Long.parseLong(f[0]);
          a[1] += Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
          // the thread ended while the directory was read
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no groups
    }
    return groups;
  }

  /**
   * The milliseconds that the live threads of {@code group} have run since they started, from a
   * {@link #threadGroups} reading; -1 where there is none (not Linux).
   */
  private static long cumulativeMs(Map<String, long[]> groups, String group) {
    long[] g = groups.get(group);
    return g == null ? -1 : g[0] / 1_000_000;
  }

  /**
   * The group of a thread other than the caller, by its name as Linux truncates it (15 chars); read
   * once per thread, so that a reading costs one file per thread.
   */
  private static String group(Path task) {
    String comm;
    try {
      comm = Files.readString(task.resolve("comm")).strip();
    } catch (IOException e) {
      return "other";
    }
    if (comm.startsWith("node4j-paralle")) {
      return "worker";
    } else if (comm.startsWith("node4j-warmup")) {
      return "warmup";
    } else if (comm.startsWith("C1 Comp")) {
      return "c1";
    } else if (comm.startsWith("C2 Comp")) {
      return "c2";
    } else if (comm.startsWith("GC") || comm.startsWith("G1")) {
      return "gc";
    }
    return "other";
  }

  /** This thread's Linux thread id, read from {@code /proc/thread-self}; -1 if unknown. */
  private static long selfTid() {
    try {
      return Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** "group:runMs/waitMs,..." of the differences between two {@link #threadGroups} readings. */
  private static String groupDeltas(Map<String, long[]> before, Map<String, long[]> after) {
    StringBuilder sb = new StringBuilder();
    for (var e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[2]);
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%s:%.1f/%.1f",
              e.getKey(),
              (e.getValue()[0] - b[0]) / 1e6,
              (e.getValue()[1] - b[1]) / 1e6));
    }
    return sb.toString();
  }

  private static ThreadMXBean threads() {
    return ManagementFactory.getThreadMXBean();
  }

  /** The bytes all live threads have allocated so far (-1 when the JVM does not count them). */
  private static long allocatedBytes() {
    if (threads() instanceof com.sun.management.ThreadMXBean mx
        && mx.isThreadAllocatedMemoryEnabled()) {
      return Arrays.stream(mx.getThreadAllocatedBytes(mx.getAllThreadIds())).sum();
    }
    return -1;
  }
}
