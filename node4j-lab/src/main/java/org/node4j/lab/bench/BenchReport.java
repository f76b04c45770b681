package org.node4j.lab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.Parallel;

/**
 * The edge between the bench workloads and the command line: kernel selection, the environment
 * block every report starts with (so that a figure always travels with its machine and load), the
 * kernel suite, and the plain-text rendering.
 */
public final class BenchReport {
  private BenchReport() {}

  /**
   * Forces the GEMM implementation ({@code auto}, {@code vector} or {@code scalar}) through the
   * {@code node4j.kernel} property, before the kernels are first used.
   *
   * @throws IllegalArgumentException if the kernels were already chosen otherwise in this JVM
   */
  public static void selectKernel(String choice) {
    if (!choice.equals("auto")) {
      System.setProperty("node4j.kernel", choice);
    }
    String active = Gemm.implementationName();
    if (!choice.equals("auto") && !active.startsWith(choice)) {
      throw new IllegalArgumentException(
          "kernel '"
              + choice
              + "' requested but '"
              + active
              + "' is active in this JVM"
              + " (the Vector API needs --add-modules jdk.incubator.vector)");
    }
  }

  /** Date, JVM, CPU, threads, kernel and the load average when the run started. */
  public static Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    env.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    env.put("cpu", cpuModel());
    env.put("processors", Runtime.getRuntime().availableProcessors());
    env.put("threads", Parallel.threads());
    env.put("kernel", Gemm.implementationName());
    env.put("loadAverageAtStart", loadAverage());
    return env;
  }

  /** Runs the kernel suite of issue 3. */
  public static List<?> kernels(boolean smoke) {
    return KernelSuite.run(smoke);
  }

  private static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Renders a bench document (environment, then workloads or kernels) as text. */
  @SuppressWarnings("unchecked")
  public static void printText(PrintWriter out, Map<String, Object> doc) {
    ((Map<String, Object>) doc.get("environment"))
        .forEach((k, v) -> out.printf(Locale.ROOT, "%-20s %s%n", k, v));
    out.println();
    Object w = doc.get("workloads");
    if (w != null) {
      for (WorkloadResult r : (List<WorkloadResult>) w) {
        printResult(out, r);
      }
    }
    Object k = doc.get("kernels");
    if (k != null) {
      for (Object o : (List<?>) k) {
        KernelSuite.Figure f = (KernelSuite.Figure) o;
        out.printf(
            Locale.ROOT,
            "%-44s threads=%d %7.1f GFLOP/s (%.0f%% of peak)  min/median/max %.3f/%.3f/%.3f ms"
                + "  target %s%n",
            f.label(),
            f.threads(),
            f.gflops(),
            100 * f.fractionOfPeak(),
            f.minMs(),
            f.medianMs(),
            f.maxMs(),
            f.target());
      }
    }
    out.flush();
  }

  private static void printResult(PrintWriter out, WorkloadResult r) {
    Timing t = r.timing();
    out.printf(Locale.ROOT, "%s  %s%n", r.id(), r.description());
    if (r.firstLoss() != null) {
      out.printf(
          Locale.ROOT,
          "  first loss     %.7f%s%n",
          r.firstLoss(),
          r.expectedLoss() == null
              ? ""
              : "  (peer " + r.expectedLoss() + (r.lossMatches() ? ", matches)" : ", DIFFERS)"));
    }
    out.printf(
        Locale.ROOT,
        "  evaluations    forward %d, backward %d%n",
        r.forwardEvaluations(),
        r.backwardEvaluations());
    out.printf(
        Locale.ROOT,
        "  time           min/median/max %.2f/%.2f/%.2f ms over %d (after %d warm-up)%n",
        t.minMs(),
        t.medianMs(),
        t.maxMs(),
        t.iterations(),
        t.warmups());
    if (t.firstOverSteady() != null) {
      out.printf(
          Locale.ROOT,
          "  first/steady   %.2fx wall%s (timed iterations 1-3 over the median of the last half)%n",
          t.firstOverSteady(),
          t.cpuFirstOverSteady() == null
              ? ""
              : String.format(Locale.ROOT, ", %.2fx thread CPU", t.cpuFirstOverSteady()));
    }
    if (r.peerMs() != null) {
      out.printf(
          Locale.ROOT,
          "  peer           %.1f ms: %.2fx; target <= %.1f ms: %s%n",
          r.peerMs(),
          r.speedup(),
          r.targetMs(),
          r.meetsTarget() ? "met" : "NOT met");
    }
    r.details().forEach((k, v) -> out.printf(Locale.ROOT, "  %-14s %s%n", k, v));
    out.printf(Locale.ROOT, "  threads %d, kernel %s%n%n", r.threads(), r.kernel());
  }

  /**
   * Returns, for each result whose first loss or gradient norm differs from the peer's, a phrase
   * naming the workload and both values; empty when every checked figure matches.
   */
  public static List<String> mismatches(List<WorkloadResult> results) {
    List<String> out = new java.util.ArrayList<>();
    for (WorkloadResult r : results) {
      if (Boolean.FALSE.equals(r.lossMatches())) {
        out.add(r.id() + " first loss " + r.firstLoss() + " vs the peer's " + r.expectedLoss());
      }
      Object norm = r.details() == null ? null : r.details().get("gradientNormMatches");
      if (Boolean.FALSE.equals(norm)) {
        out.add(
            r.id()
                + " gradient norm "
                + r.details().get("gradientNorm")
                + " vs the peer's "
                + r.details().get("expectedGradientNorm"));
      }
    }
    return out;
  }
}
