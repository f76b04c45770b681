package org.node4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.node4j.lab.bench.WorkloadFormulas;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * In-process A/B of W1 (docs/bench/performance-log.md) on a shared machine: two copies of W1's
 * training iteration (Sphere2 block, Euler 64 steps through the solver, batch 128, Adam), one built
 * and run with a static field of the library at value A, the other at value B, alternate in blocks
 * of {@value #PER_BLOCK} iterations inside one JVM; the field is set before each model is built
 * (for switches read when a cache is made) and before each of its blocks (for switches read per
 * call). Prints the ratio of the medians of wall time and of the calling thread's CPU time, the
 * paired ratios, and whether the two copies' losses stayed the same bits throughout (they train the
 * same weights on the same batch, so any change of rounding shows).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp node4j-bench/target/node4j-benchmarks.jar \
 *     org.node4j.bench.W1Alternation 40 org.node4j.nn.layer.Sequential#fuse false true
 * </pre>
 *
 * Arguments: rounds (each one block of A and one of B, after 20 unrecorded rounds), the field
 * ({@code class#name}, a static boolean or int), its value for A and its value for B, and
 * optionally the engine's threads (default 2; with 1 the calling thread's CPU time is the whole
 * work, the steadiest figure on a loaded machine).
 */
public final class W1Alternation {
  private static final int PER_BLOCK = 10;
  private static final int BATCH = 128;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private W1Alternation() {}

  /** One copy of W1: model, optimiser, batch. */
  private static final class Run {
    final OdeClassifier model;
    final Adam adam;
    final Tensor x;
    final int[] labels;
    double loss;

    Run() {
      Sequential net = SeedModels.sphere2Field(DType.FLOAT32, "");
      int next = WorkloadModels.formulaA(net, 0);
      Sequential head = ClassifierHead.of(new int[] {1, 2}, 2, DType.FLOAT32);
      WorkloadModels.formulaA(head, next);
      OdeBlock block =
          OdeBlock.builder(NeuralField.autonomous(net))
              .span(0, 1)
              .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(64)))
              .method(StoredStages.create())
              .build();
      model = new OdeClassifier(block, head);
      adam = new Adam(AdamOptions.adam(), List.of(ParamGroup.of(model.parameters(), 1e-4)));
      x = Tensor.zeros(DType.FLOAT32, BATCH, 1, 2);
      WorkloadFormulas.inputs().fill(x, (RandomGenerator) null);
      labels = WorkloadFormulas.labels(BATCH, 2);
    }

    void iterate() {
      model.zeroGrad();
      loss = model.trainBatch(x, labels, BATCH).loss();
      adam.step();
    }
  }

  /**
   * Runs the A/B.
   *
   * @param args rounds, CLASS#FIELD, value A, value B
   * @throws Exception if the field cannot be set
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4 && args.length != 5) {
      throw new IllegalArgumentException(
          "usage: W1Alternation ROUNDS CLASS#FIELD VALUE_A VALUE_B [THREADS]; got "
              + Arrays.toString(args));
    }
    int rounds = Integer.parseInt(args[0]);
    StaticSwitch f = new StaticSwitch(args[1]);
    Parallel.setThreads(args.length == 5 ? Integer.parseInt(args[4]) : 2);
    f.set(args[2]);
    Run a = new Run();
    f.set(args[3]);
    Run b = new Run();
    double[][] ta = new double[2][rounds];
    double[][] tb = new double[2][rounds];
    boolean same = true;
    for (int r = -20; r < rounds; r++) {
      f.set(args[2]);
      double[] sa = block(a);
      f.set(args[3]);
      double[] sb = block(b);
      same &= Double.doubleToLongBits(a.loss) == Double.doubleToLongBits(b.loss);
      if (r >= 0) {
        for (int i = 0; i < 2; i++) {
          ta[i][r] = sa[i];
          tb[i][r] = sb[i];
        }
      }
    }
    String[] what = {"wall", "main-thread CPU"};
    for (int i = 0; i < 2; i++) {
      double[] paired = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        paired[r] = tb[i][r] / ta[i][r];
      }
      Arrays.sort(ta[i]);
      Arrays.sort(tb[i]);
      Arrays.sort(paired);
      System.out.printf(
          Locale.ROOT,
          "W1 %s=%s/%s %s: A median %.3f ms, B median %.3f ms, B/A %.3f (ratio of medians),"
              + " paired B/A median %.3f (quartiles %.3f-%.3f), %d rounds of %d%n",
          args[1],
          args[2],
          args[3],
          what[i],
          ta[i][rounds / 2],
          tb[i][rounds / 2],
          tb[i][rounds / 2] / ta[i][rounds / 2],
          paired[rounds / 2],
          paired[rounds / 4],
          paired[3 * rounds / 4],
          rounds,
          PER_BLOCK);
    }
    System.out.println(
        "losses of A and B the same bits after every block: "
            + same
            + " (last "
            + a.loss
            + " / "
            + b.loss
            + ")");
  }

  /** Runs a block; returns its wall and calling-thread CPU milliseconds per iteration. */
  private static double[] block(Run run) {
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < PER_BLOCK; i++) {
      run.iterate();
    }
    long t1 = System.nanoTime();
    long c1 = THREADS.getCurrentThreadCpuTime();
    return new double[] {(t1 - t0) / 1e6 / PER_BLOCK, (c1 - c0) / 1e6 / PER_BLOCK};
  }
}
