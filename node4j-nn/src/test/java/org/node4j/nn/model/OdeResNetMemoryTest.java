package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.Allocations;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * What a network of L equal ODE blocks of N_t Euler steps keeps between training iterations: with
 * ANODE's checkpointing (one checkpoint per block, Gholami et al. 2019) the blocks share one pool
 * of recomputed records, so the records and the live heap grow as O(L) + O(N_t); with
 * backpropagation every block keeps its N_t steps, L·N_t. The test doubles L and N_t, and checks
 * that a training iteration in steady state still allocates nothing per step.
 */
class OdeResNetMemoryTest {
  private static final int BATCH = 8;
  private static final int WIDTH = 4;

  private static OdeResNet net(GradientMethod m, int blocks, int steps, int side) {
    OdeResNet.Builder b =
        OdeResNet.builder(new int[] {1, side, side}, 10)
            .stemChannels(WIDTH)
            .setup(SolveSetup.steps(Solvers.euler(), steps))
            .method(m)
            .seed(3);
    for (int i = 0; i < blocks; i++) {
      b.stage(WIDTH, 1);
    }
    return b.build();
  }

  private static GradientMethod method(boolean anode, int steps) {
    return anode ? Checkpointed.every(steps) : StoredStages.create();
  }

  private static Tensor input(int side) {
    Tensor x = Tensor.zeros(DType.FLOAT32, BATCH, 1, side, side);
    Random r = new Random(1);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, r.nextGaussian());
    }
    return x;
  }

  private static final int[] LABELS = {0, 1, 2, 3, 4, 5, 6, 7};

  private static long liveHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * {record bytes the network keeps, live heap it retains} after two iterations, the heap as the
   * smaller of two measurements: whatever else happens to be live (another test's lazily made
   * cache, a thread's first workspace) only adds to it.
   */
  private static long[] kept(boolean anode, int blocks, int steps) {
    long[] first = keptOnce(anode, blocks, steps);
    long[] second = keptOnce(anode, blocks, steps);
    assertThat(second[0]).as("records of two equal networks").isEqualTo(first[0]);
    return new long[] {first[0], Math.min(first[1], second[1])};
  }

  private static long[] keptOnce(boolean anode, int blocks, int steps) {
    // 16 x 16 images: a record (about 160 KiB) far above the heap's noise.
    Tensor x = input(16);
    long base = liveHeap();
    OdeResNet n = net(method(anode, steps), blocks, steps, 16);
    for (int i = 0; i < 2; i++) {
      n.zeroGrad();
      n.trainBatch(x, LABELS);
    }
    long heap = liveHeap() - base;
    long records = n.records().bytes();
    return new long[] {records, heap};
  }

  @Test
  void anodeKeepsLinearInBlocksPlusStepsAndBackpropTheirProduct() {
    // Classes, kernels and static caches loaded by a first network belong in every baseline.
    keptOnce(true, 2, 8);
    keptOnce(false, 2, 8);
    for (boolean anode : new boolean[] {true, false}) {
      long[] a = kept(anode, 2, 8);
      long[] b = kept(anode, 4, 8);
      long[] c = kept(anode, 2, 16);
      long[] d = kept(anode, 4, 16);
      String what = anode ? "anode" : "backprop";
      // The records: exact counts. Doubling L adds as much at N_t as at 2 N_t for ANODE (no L·N_t
      // term); for backprop the second difference is the L·N_t records of the added steps.
      long mixed = d[0] - b[0] - c[0] + a[0];
      if (anode) {
        assertThat(mixed).as(what + " records: second difference").isZero();
        assertThat((double) d[0] / a[0]).as(what + " records, L and N_t doubled").isEqualTo(2.0);
      } else {
        assertThat(mixed).as(what + " records: second difference").isGreaterThan(a[0] / 2);
        assertThat((double) d[0] / a[0])
            .as(what + " records, L and N_t doubled")
            .isGreaterThan(3.3);
      }
      // The live heap also holds what grows with L for every method (each block's attached
      // records, solver and layer buffers, transitions' caches), which dilutes the ratios; the
      // second difference removes it: what doubling L adds at 2 N_t beyond what it adds at N_t,
      // relative to what doubling N_t adds at L.
      System.out.printf(
          "%s: records %d %d %d %d, heap %d %d %d %d%n",
          what, a[0], b[0], c[0], d[0], a[1], b[1], c[1], d[1]);
      double heapRatio = (double) d[1] / a[1];
      double heapMixed = (double) (d[1] - b[1] - c[1] + a[1]) / (c[1] - a[1]);
      if (anode) {
        assertThat(heapRatio).as(what + " heap, L and N_t doubled").isLessThan(2.1);
        assertThat(heapMixed).as(what + " heap: second difference").isBetween(-0.3, 0.3);
      } else {
        // 2.55 here, deterministically: each block's own buffers (about 21 step records' worth)
        // dilute the L·N_t growth; ANODE's ratio is 1.83.
        assertThat(heapRatio).as(what + " heap, L and N_t doubled").isGreaterThan(2.3);
        assertThat(heapMixed).as(what + " heap: second difference").isGreaterThan(0.7);
      }
    }
  }

  @Test
  void steadyStateIterationsOfSharedPoolsAllocateNothingPerStep() {
    Allocations allocations = Allocations.ofThisThread();
    // One kernel thread (inline on this one), so that every allocation is on this thread's counter.
    Parallel.withThreads(
        1,
        () -> {
          Tensor x = input(8);
          OdeResNet small = net(Checkpointed.every(4), 3, 4, 8);
          OdeResNet large = net(Checkpointed.every(16), 3, 16, 8);
          for (int i = 0; i < 40; i++) {
            small.trainBatch(x, LABELS);
            large.trainBatch(x, LABELS);
          }
          // Rounds of both until the large one is within the bound (the fewest bytes of any
          // round): until C2 has compiled them, the Vector API's loops (the products, the solver's
          // state combinations) box a vector per operation, and under load the compiler can lag
          // well behind the 40 iterations above.
          long perSmall = Long.MAX_VALUE;
          long perLarge = Long.MAX_VALUE;
          for (int round = 0; round < 30 && perLarge >= 2 * perSmall + 4096; round++) {
            perSmall =
                Math.min(perSmall, allocations.bytes(() -> small.trainBatch(x, LABELS), 5) / 5);
            perLarge =
                Math.min(perLarge, allocations.bytes(() -> large.trainBatch(x, LABELS), 5) / 5);
          }
          long recordsLarge = large.records().bytes();
          large.trainBatch(x, LABELS);
          // 4x the steps: no more records and no allocation that grows with the steps (one
          // record of a recomputed step is about 40 KiB here, so 36 more steps' worth would show).
          assertThat(large.records().bytes())
              .as("records after more iterations")
              .isEqualTo(recordsLarge);
          assertThat(perLarge)
              .as("bytes per iteration at 16 steps, " + perSmall + " at 4")
              .isLessThan(2 * perSmall + 4096);
          return null;
        });
  }
}
