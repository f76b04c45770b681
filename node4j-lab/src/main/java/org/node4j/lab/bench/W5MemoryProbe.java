package org.node4j.lab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Peak resident memory of one W5 variant, measured in a child JVM so that nothing else the bench
 * process did (other workloads, the JIT's earlier work) is counted.
 *
 * <p>The child runs with a fixed heap ({@code -Xms} = {@code -Xmx}, as docs/WORKLOADS.md asks) and
 * a small fixed young generation (8 MiB). It first warms the code paths up on a depth-8 network,
 * touches the whole young generation with garbage (so that eden pages are resident in the baseline,
 * and what grows later is data promoted to the old generation), collects, resets the kernel's
 * peak-RSS counter ({@code 5 > /proc/self/clear_refs}) after building the depth-N network
 * (parameters and their gradients) and its inputs, and reads VmRSS as the baseline: the peer
 * harness's baseline, taken at the same point. Then it runs the workload's 2 warm-up and 10 timed
 * forward+backward iterations. The figure is VmHWM minus the baseline: everything held for the
 * backward pass and native growth (parameters and gradients are in the baseline, as for the peer);
 * short-lived garbage that dies in eden is not counted, so the figure is exact to about the eden
 * size (6 MiB). The whole process's peak (VmHWM before the reset and after the iterations, the
 * larger) is reported next to it. Linux only.
 */
public final class W5MemoryProbe {
  /** A one-line description of the method, for reports. */
  public static final String METHOD =
      "child JVM, -Xms=-Xmx="
          + W5MemoryProbe.HEAP
          + " -Xmn"
          + W5MemoryProbe.YOUNG
          + ", VmHWM over 2 warm-up and 10 timed iterations minus VmRSS after building the model and"
          + " inputs (the peer's baseline)";

  static final String HEAP = "2g";
  static final String YOUNG = "8m";
  private static final String PREFIX = "w5-memory ";

  /**
   * The child's figures.
   *
   * @param peakAboveBaseline VmHWM minus the baseline VmRSS, in bytes
   * @param parameterBytes the bytes of the parameter values (the gradients take as many)
   * @param processPeak the whole process's peak resident memory, in bytes
   */
  record Measurement(long peakAboveBaseline, long parameterBytes, long processPeak) {}

  private W5MemoryProbe() {}

  /** Runs the child JVM for {@code v} at {@code depth} and parses its answer. */
  static Measurement measureInChild(DeepResNetWorkload.Variant v, int depth) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("--add-modules");
    cmd.add("jdk.incubator.vector");
    cmd.add("-Xms" + HEAP);
    cmd.add("-Xmx" + HEAP);
    cmd.add("-Xmn" + YOUNG);
    cmd.add("-XX:+UseParallelGC");
    String kernel = System.getProperty("node4j.kernel");
    if (kernel != null) {
      cmd.add("-Dnode4j.kernel=" + kernel);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(W5MemoryProbe.class.getName());
    cmd.add(v.name());
    cmd.add(Integer.toString(depth));
    cmd.add(Integer.toString(Parallel.threads()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("W5 memory probe failed: " + output);
      }
      for (String line : output.split("\n")) {
        if (line.startsWith(PREFIX)) {
          String[] f = line.substring(PREFIX.length()).trim().split(" ");
          return new Measurement(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        }
      }
      throw new IllegalStateException("W5 memory probe printed no result: " + output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the W5 memory probe JVM " + java, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring W5 memory", e);
    }
  }

  /**
   * The child's entry point: {@code VARIANT DEPTH THREADS}; prints {@code w5-memory PEAK PARAMS}.
   *
   * @param args the variant (A..D), the depth and the thread count
   * @throws IOException if /proc cannot be read
   */
  public static void main(String[] args) throws IOException {
    DeepResNetWorkload.Variant v = DeepResNetWorkload.Variant.valueOf(args[0]);
    int depth = Integer.parseInt(args[1]);
    Parallel.setThreads(Integer.parseInt(args[2]));
    for (int i = 0; i < 3; i++) {
      iterate(
          network(v, 8),
          Inputs.batch(DType.FLOAT32, DeepResNetWorkload.BATCH, DeepResNetWorkload.WIDTH));
    }
    touchYoungGeneration();
    ResidualNetwork net = network(v, depth);
    Tensor x = Inputs.batch(DType.FLOAT32, DeepResNetWorkload.BATCH, DeepResNetWorkload.WIDTH);
    System.gc();
    long before = status("VmHWM:");
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    long baseline = status("VmRSS:");
    for (int i = 0; i < 12; i++) {
      iterate(net, x);
    }
    long peak = status("VmHWM:");
    long params = 0;
    for (Parameter p : net.parameters()) {
      params += p.value().bytes();
    }
    System.out.println(PREFIX + (peak - baseline) + " " + params + " " + Math.max(before, peak));
  }

  private static ResidualNetwork network(DeepResNetWorkload.Variant v, int depth) {
    ResidualNetwork net = SeedModels.w5(v.scheme, depth, DeepResNetWorkload.WIDTH, DType.FLOAT32);
    net.setMethod(v.method());
    return net;
  }

  private static void iterate(ResidualNetwork net, Tensor x) {
    for (Parameter p : net.parameters()) {
      p.zeroGrad();
    }
    Tensor dLdy = x.zerosLike();
    Inputs.meanSquare(net.forward(x), dLdy);
    net.backward(dLdy, x.zerosLike());
  }

  private static long sink;

  private static void touchYoungGeneration() {
    for (int i = 0; i < 256; i++) {
      byte[] b = new byte[1 << 18];
      b[i] = 1;
      sink += b[b.length - 1 - i];
    }
  }

  /** Returns a /proc/self/status field in bytes (the kernel reports kB). */
  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        String kb = line.substring(field.length()).trim().split("\\s+")[0];
        return Long.parseLong(kb) * 1024;
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }
}
