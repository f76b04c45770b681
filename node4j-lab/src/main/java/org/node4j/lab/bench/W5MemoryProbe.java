package org.node4j.lab.bench;

import java.io.IOException;
import java.util.List;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.model.ResidualNetwork;
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
    String[] f =
        ChildJvm.run(
                W5MemoryProbe.class,
                HEAP,
                YOUNG,
                PREFIX,
                List.of(v.name(), Integer.toString(depth), Integer.toString(Parallel.threads())))
            .split(" ");
    return new Measurement(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
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
    ChildJvm.touchYoungGeneration();
    ResidualNetwork net = network(v, depth);
    Tensor x = Inputs.batch(DType.FLOAT32, DeepResNetWorkload.BATCH, DeepResNetWorkload.WIDTH);
    System.gc();
    long before = ChildJvm.status("VmHWM:");
    ChildJvm.resetPeak();
    long baseline = ChildJvm.status("VmRSS:");
    for (int i = 0; i < 12; i++) {
      iterate(net, x);
    }
    long peak = ChildJvm.status("VmHWM:");
    long params = 0;
    for (Parameter p : net.parameters()) {
      params += p.value().bytes();
    }
    System.out.println(PREFIX + (peak - baseline) + " " + params + " " + Math.max(before, peak));
  }

  private static ResidualNetwork network(DeepResNetWorkload.Variant v, int depth) {
    ResidualNetwork net =
        WorkloadModels.w5(v.scheme, depth, DeepResNetWorkload.WIDTH, DType.FLOAT32);
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
}
