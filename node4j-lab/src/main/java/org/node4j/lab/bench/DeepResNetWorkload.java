package org.node4j.lab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * Workload W5 of docs/WORKLOADS.md: the deep ResNet x_{k+1} = x_k + (1/N) V_k tanh(W_k x_k) of
 * width 64 with per-layer weights smooth in depth, and the HeunNet of the same N functions, in
 * float32 on a batch of 256 with loss mean(x_N^2); each differentiated by backpropagation ((a)
 * ResNet, (c) HeunNet) and by Sander et al.'s memory-free reconstruction ((b) Euler, (d) Heun). One
 * iteration is forward + backward; the gradient error of (b) against (a) and of (d) against (c) is
 * taken on the first iteration.
 */
public final class DeepResNetWorkload {
  static final int WIDTH = 64;
  static final int BATCH = 256;

  /** The four variants. */
  public enum Variant {
    /** ResNet, backprop. */
    A(ResidualNetwork.Scheme.EULER, false),
    /** ResNet, memory-free Euler reconstruction. */
    B(ResidualNetwork.Scheme.EULER, true),
    /** HeunNet, backprop. */
    C(ResidualNetwork.Scheme.HEUN, false),
    /** HeunNet, memory-free Heun reconstruction. */
    D(ResidualNetwork.Scheme.HEUN, true);

    final ResidualNetwork.Scheme scheme;
    final boolean memoryFree;

    Variant(ResidualNetwork.Scheme scheme, boolean memoryFree) {
      this.scheme = scheme;
      this.memoryFree = memoryFree;
    }

    GradientMethod method() {
      if (!memoryFree) {
        return StoredStages.create();
      }
      return scheme == ResidualNetwork.Scheme.EULER ? MemoryFree.euler() : MemoryFree.heun();
    }
  }

  /** The peer's figures per depth: times (ms) and memory (MiB) of (a)..(d), gradient errors. */
  record Peer(int depth, double[] ms, double[] mib, double errorB, double errorD) {
    static Peer of(int depth) {
      return switch (depth) {
        case 64 ->
            new Peer(
                64,
                new double[] {22.0, 39.3, 44.7, 80.6},
                new double[] {24, 8, 47, 10},
                1.6e-2,
                3.5e-5);
        case 256 ->
            new Peer(
                256,
                new double[] {90.2, 159, 189, 324},
                new double[] {84, 18, 180, 22},
                4.0e-3,
                5.7e-7);
        case 1024 ->
            new Peer(
                1024,
                new double[] {371, 638, 760, 1297},
                new double[] {326, 55, 710, 69},
                1.0e-3,
                8.1e-8);
        default -> null;
      };
    }
  }

  private DeepResNetWorkload() {}

  /** What the timed loop of one variant keeps from its first iteration. */
  private record Measured(double loss, GradientReport report, double[] grad, Timing timing) {}

  /**
   * Runs the four variants at {@code depth}; with {@code memory}, each variant's peak resident
   * memory is measured in a child JVM ({@link W5MemoryProbe}).
   */
  static List<WorkloadResult> run(int depth, RunPlan plan, boolean memory) {
    return run(depth, plan, memory, java.util.EnumSet.allOf(Variant.class));
  }

  /**
   * Runs the chosen variants at {@code depth}, in the order a, b, c, d. A memory-free variant whose
   * backprop twin is not chosen gets its reference gradient from one untimed backprop pass, so its
   * gradient error is reported either way.
   */
  static List<WorkloadResult> run(
      int depth, RunPlan plan, boolean memory, java.util.Set<Variant> variants) {
    if (depth < 2) {
      throw new IllegalArgumentException("W5 depth must be >= 2 (a HeunNet needs 2), got " + depth);
    }
    Peer peer = Peer.of(depth);
    List<WorkloadResult> out = new ArrayList<>();
    double[] exact = null;
    for (Variant v : Variant.values()) {
      if (!variants.contains(v)) {
        continue;
      }
      if (v.memoryFree && !variants.contains(Variant.values()[v.ordinal() - 1])) {
        exact = measure(Variant.values()[v.ordinal() - 1], depth, new RunPlan(0, 1, false)).grad;
      }
      Measured m = measure(v, depth, plan);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("depth", depth);
      details.put("bytesHeldForBackward", m.report.peakBytesHeld());
      details.put("parameterGradientMiB", mib(4L * m.grad.length));
      if (v.memoryFree) {
        details.put("gradientError", Inputs.relativeError(m.grad, exact));
        if (peer != null) {
          details.put("peerGradientError", v == Variant.B ? peer.errorB : peer.errorD);
        }
      } else {
        exact = m.grad;
      }
      if (memory) {
        W5MemoryProbe.Measurement rss = W5MemoryProbe.measureInChild(v, depth);
        details.put("peakRssAboveBaselineMiB", mib(rss.peakAboveBaseline()));
        details.put("processPeakRssMiB", mib(rss.processPeak()));
        details.put("parameterValuesMiB", mib(rss.parameterBytes()));
        details.put("memoryMethod", W5MemoryProbe.METHOD);
      }
      if (peer != null) {
        details.put("peerMiB", peer.mib[v.ordinal()]);
      }
      out.add(result(v, depth, m, peer, details));
    }
    return out;
  }

  /** Times forward + backward of one variant; the first iteration's loss and gradient are kept. */
  private static Measured measure(Variant v, int depth, RunPlan plan) {
    ResidualNetwork net = WorkloadModels.w5(v.scheme, depth, WIDTH, DType.FLOAT32);
    net.setMethod(v.method());
    Tensor x = Inputs.batch(DType.FLOAT32, BATCH, WIDTH);
    Tensor dLdy = x.zerosLike();
    Tensor dLdx = x.zerosLike();
    Measured[] first = new Measured[1];
    Timing timing =
        Timing.measure(
            plan.warmups(2),
            plan.iterations(10),
            i -> {
              for (Parameter p : net.parameters()) {
                p.zeroGrad();
              }
              double l = Inputs.meanSquare(net.forward(x), dLdy);
              GradientReport r = net.backward(dLdy, dLdx);
              if (i == 0) {
                first[0] = new Measured(l, r, Inputs.flatGrad(net.parameters()), null);
              }
            });
    return new Measured(first[0].loss, first[0].report, first[0].grad, timing);
  }

  private static WorkloadResult result(
      Variant v, int depth, Measured m, Peer peer, Map<String, Object> details) {
    return Inputs.result(
        true,
        "W5(" + v.name().toLowerCase(java.util.Locale.ROOT) + ") N=" + depth,
        (v.scheme == ResidualNetwork.Scheme.EULER ? "ResNet" : "HeunNet")
            + " width 64, "
            + v.method().name()
            + ", batch 256",
        m.loss,
        null,
        m.report.forwardEvaluations(),
        m.report.backwardEvaluations(),
        m.timing,
        peer == null ? null : peer.ms[v.ordinal()],
        peer == null ? null : peer.ms[v.ordinal()] / 3,
        details);
  }

  static double mib(long bytes) {
    return Math.round(bytes / 1048576.0 * 100) / 100.0;
  }
}
