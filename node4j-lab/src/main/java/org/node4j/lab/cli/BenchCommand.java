package org.node4j.lab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.node4j.lab.bench.BenchReport;
import org.node4j.lab.bench.DeepResNetWorkload;
import org.node4j.lab.bench.RunPlan;
import org.node4j.lab.bench.Workload;
import org.node4j.lab.bench.WorkloadResult;
import org.node4j.lab.config.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code node4j bench}: runs the docs/WORKLOADS.md workloads or the kernel suite, with the thread
 * count and the GEMM kernel as explicit settings that the output reports.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run the benchmark workloads of docs/WORKLOADS.md (W1..W5, all) or the kernel suite (kernels).",
      "Prints first losses, function evaluations, min/median/max times against the peer's figures;",
      "for W5 also gradient errors and peak memory. Measure on an idle machine."
    })
final class BenchCommand implements Callable<Integer> {
  /** What to run. */
  enum Target {
    W1,
    W2,
    W3,
    W4,
    W5,
    ALL,
    KERNELS
  }

  /** The GEMM implementation to force. */
  enum Kernel {
    AUTO,
    VECTOR,
    SCALAR
  }

  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;

  @Parameters(index = "0", description = "W1, W2, W3, W4, W5, all or kernels.")
  private Target target;

  @Option(names = "--depth", split = ",", description = "W5 depths (default 64,256,1024).")
  private List<Integer> depths;

  @Option(names = "--threads", defaultValue = "2", description = "Engine threads (default 2).")
  private int threads;

  @Option(
      names = "--kernel",
      defaultValue = "auto",
      description = "GEMM kernel: auto, vector or scalar (default auto: vector when available).")
  private Kernel kernel;

  @Option(names = "--iterations", defaultValue = "-1", description = "Timed iterations override.")
  private int iterations;

  @Option(names = "--warmup", defaultValue = "-1", description = "Warm-up iterations override.")
  private int warmup;

  @Option(names = "--smoke", description = "1 warm-up + 1 timed iteration: check outputs only.")
  private boolean smoke;

  @Option(
      names = "--variant",
      split = ",",
      description = "W5 variants to run: a, b, c, d (default all), one JVM each like the peer.")
  private List<String> variants;

  @Option(names = "--no-memory", description = "Skip W5's child-JVM peak-memory measurement.")
  private boolean noMemory;

  @Override
  public Integer call() {
    if (threads < 1) {
      throw new UsageException("--threads must be >= 1, got " + threads);
    }
    BenchReport.selectKernel(kernel.name().toLowerCase(Locale.ROOT));
    org.node4j.nn.kernel.Parallel.setThreads(threads);
    RunPlan plan =
        UserInput.of("--warmup/--iterations", () -> new RunPlan(warmup, iterations, smoke));
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("environment", BenchReport.environment());
    if (target == Target.KERNELS) {
      doc.put("kernels", BenchReport.kernels(smoke));
    } else {
      List<Integer> d = depths == null ? Workload.W5_DEPTHS : depths;
      List<WorkloadResult> results = new ArrayList<>();
      for (Workload w : Workload.values()) {
        if (target == Target.ALL || target.name().equals(w.name())) {
          results.addAll(w.run(plan, d, !noMemory, variantSet()));
        }
      }
      doc.put("workloads", results);
    }
    if (json.enabled()) {
      JsonOutput.print(out, doc);
    } else {
      BenchReport.printText(out, doc);
    }
    @SuppressWarnings("unchecked")
    List<WorkloadResult> results = (List<WorkloadResult>) doc.getOrDefault("workloads", List.of());
    List<String> mismatches = BenchReport.mismatches(results);
    if (!mismatches.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "error: the workload does not compute what the peer computes: "
                  + String.join("; ", mismatches)
                  + ". The timings above are of a different computation; fix the model or the"
                  + " weights before comparing speed.");
      return 1;
    }
    return 0;
  }

  private java.util.Set<DeepResNetWorkload.Variant> variantSet() {
    java.util.Set<DeepResNetWorkload.Variant> set =
        java.util.EnumSet.noneOf(DeepResNetWorkload.Variant.class);
    if (variants == null) {
      return java.util.EnumSet.allOf(DeepResNetWorkload.Variant.class);
    }
    for (String v : variants) {
      try {
        set.add(DeepResNetWorkload.Variant.valueOf(v.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--variant: unknown W5 variant '" + v + "'; valid: a, b, c, d");
      }
    }
    return set;
  }
}
