package org.node4j.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * With {@code -Dnode4j.bench.trace=true}, a line on stderr after each iteration of {@link
 * Timing#measure}, so that a JIT log shows which compilations fell inside the timed window: the
 * iteration's index (0-based over warm-ups and timed iterations), whether it was timed, its start
 * and end in milliseconds of JVM uptime (the clock of {@code
 * -Xlog:jit+compilation=debug:file=jit.log:uptime}), the calling thread's CPU time, the bytes all
 * live threads of the JVM allocated during it, and (on Linux, from {@code /proc/self/task}) the CPU
 * time the C1 and the C2 compiler threads have used since the JVM started.
 *
 * <p>Why: until C2 has compiled a Vector API kernel, the kernel runs the API's Java fallback, which
 * allocates an object per vector operation, while the compiled code allocates nothing; so the bytes
 * allocated in an iteration measure how much of it ran as fallback, and the compiler threads' CPU
 * time how much compiling was left, also on a loaded machine where the iteration's wall time says
 * little (docs/bench/performance-log.md, "The Vector API's fallback in a fresh JVM"). Off, it costs
 * one static check per iteration.
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
    t.startCpu = threads().getCurrentThreadCpuTime();
    t.startAllocated = allocatedBytes();
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
    long allocated = allocatedBytes() - startAllocated;
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    System.err.printf(
        Locale.ROOT,
        "node4j.iteration index=%d timed=%b startMs=%.1f endMs=%d cpuMs=%.3f allocatedMB=%.3f"
            + " c1CpuMs=%d c2CpuMs=%d%n",
        index,
        timed,
        uptime - (end - startNanos) / 1e6,
        uptime,
        cpu / 1e6,
        allocated / 1e6,
        compilerCpuMs("C1 Compiler"),
        compilerCpuMs("C2 Compiler"));
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

  /**
   * The user and system CPU time, in milliseconds, of the threads whose name starts with {@code
   * prefix} ("C2 CompilerThread0" and so on), from {@code /proc/self/task/<id>/stat}; -1 where that
   * cannot be read (not Linux). Threads that have ended are not counted.
   */
  private static long compilerCpuMs(String prefix) {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (open < 0 || close < open || !stat.substring(open + 1, close).startsWith(prefix)) {
            continue;
          }
          // after the name: state (field 3), ..., utime (field 14), stime (field 15)
          String[] f = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
          // the thread ended while the directory was read
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }
}
