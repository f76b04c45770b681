package org.node4j.lab.bench;

import java.util.ArrayList;
import java.util.List;

/** The workloads of docs/WORKLOADS.md, each runnable on its own. */
public enum Workload {
  /** Sphere2 block, Euler 64 steps, backprop, Adam. */
  W1,
  /** Sphere2 block, RK4 3/8 16 steps, continuous adjoint, Adam. */
  W2,
  /** MLP field, dopri5, (a) backprop and (b) continuous adjoint, float64. */
  W3,
  /** CIFAR-10 block, Euler 8 steps, backprop, Adam. */
  W4,
  /** Deep ResNet and HeunNet, backprop and memory-free, at each requested depth. */
  W5;

  /** W5's default depths. */
  public static final List<Integer> W5_DEPTHS = List.of(64, 256, 1024);

  /**
   * Runs this workload and returns one result per variant.
   *
   * @param plan warm-ups and iterations
   * @param depths the W5 depths (ignored by the others)
   * @param memory whether W5 measures peak memory in child JVMs
   */
  public List<WorkloadResult> run(RunPlan plan, List<Integer> depths, boolean memory) {
    return run(plan, depths, memory, java.util.EnumSet.allOf(DeepResNetWorkload.Variant.class));
  }

  /**
   * Runs this workload, W5 only with the given variants (one process per variant, as the peer
   * harness runs them, takes {@code --variant}).
   *
   * @param plan warm-ups and iterations
   * @param depths the W5 depths (ignored by the others)
   * @param memory whether W5 measures peak memory in child JVMs
   * @param variants the W5 variants to run (ignored by the others)
   */
  public List<WorkloadResult> run(
      RunPlan plan,
      List<Integer> depths,
      boolean memory,
      java.util.Set<DeepResNetWorkload.Variant> variants) {
    return switch (this) {
      case W1 -> List.of(ClassifierWorkload.run(ClassifierWorkload.Spec.W1, plan));
      case W2 -> List.of(ClassifierWorkload.run(ClassifierWorkload.Spec.W2, plan));
      case W4 -> List.of(ClassifierWorkload.run(ClassifierWorkload.Spec.W4, plan));
      case W3 ->
          List.of(
              MlpDopriWorkload.run(MlpDopriWorkload.Variant.A, plan),
              MlpDopriWorkload.run(MlpDopriWorkload.Variant.B, plan));
      case W5 -> {
        List<WorkloadResult> out = new ArrayList<>();
        for (int n : depths) {
          out.addAll(DeepResNetWorkload.run(n, plan, memory, variants));
        }
        yield out;
      }
    };
  }
}
