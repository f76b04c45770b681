package org.node4j.lab.experiment.anode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import org.node4j.nn.model.OdeResNet;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * Memory of one training iteration of an {@link OdeResNet} of L equal stages (width {@link #WIDTH},
 * stride 1, so that every ODE block holds the same state), with N_t Euler steps per block and one
 * gradient method in every block, on a random batch [{@link #BATCH}, 1, {@link #SIDE}, {@link
 * #SIDE}] in float32.
 *
 * <p>Two figures per point:
 *
 * <ul>
 *   <li>the bytes the ODE blocks hold for the backward pass at the network's peak ({@link
 *       OdeResNet.Step#peakBytesHeld}), the methods' own accounting; and
 *   <li>the live heap the network retains after one iteration, measured by the JVM after a full
 *       garbage collection, minus the live heap before the network was built. Every gradient pass
 *       keeps its records and checkpoints in pools reused by the next iteration, so what is
 *       retained after an iteration is what that iteration held at its peak, plus what every method
 *       shares (parameters, layer caches, the batch). It is a heap figure, not the process's
 *       resident set, and it is only meaningful when nothing else runs in the JVM.
 * </ul>
 */
public final class MemoryStudy {
  /** Width of every stage. */
  public static final int WIDTH = 8;

  /** Batch size. */
  public static final int BATCH = 16;

  /** Image side. */
  public static final int SIDE = 16;

  private MemoryStudy() {}

  /**
   * One point.
   *
   * @param method the gradient method
   * @param blocks L
   * @param steps N_t
   * @param peakBytesHeld the methods' accounting at the network's peak
   * @param heldAfterForward the methods' accounting after the forward pass
   * @param retainedHeapBytes the live heap retained after one iteration (see above), or -1 when not
   *     measured
   */
  public record Point(
      String method,
      int blocks,
      int steps,
      long peakBytesHeld,
      long heldAfterForward,
      long retainedHeapBytes) {}

  /** Measures one point; with {@code measureHeap}, also the retained heap (slower). */
  public static Point measure(MemoryMethod method, int blocks, int steps, boolean measureHeap) {
    long base = measureHeap ? liveHeap() : 0;
    long stateBytes = (long) BATCH * WIDTH * SIDE * SIDE * Float.BYTES;
    OdeResNet.Builder b =
        OdeResNet.builder(new int[] {1, SIDE, SIDE}, 10)
            .stemChannels(WIDTH)
            .setup(SolveSetup.steps(Solvers.euler(), steps))
            .method(method.method(steps, stateBytes))
            .seed(1);
    for (int i = 0; i < blocks; i++) {
      b.stage(WIDTH, 1);
    }
    OdeResNet net = b.build();
    Tensor x = Tensor.zeros(DType.FLOAT32, BATCH, 1, SIDE, SIDE);
    Random rnd = new Random(2);
    int[] labels = new int[BATCH];
    for (int i = 0; i < x.size(); i++) {
      x.set(i, rnd.nextGaussian());
    }
    for (int i = 0; i < BATCH; i++) {
      labels[i] = rnd.nextInt(10);
    }
    OdeResNet.Step s = net.trainBatch(x, labels);
    long retained = measureHeap ? liveHeap() - base : -1;
    // Keep the network reachable until the heap has been measured.
    net.zeroGrad();
    return new Point(method.id(), blocks, steps, s.peakBytesHeld(), s.heldAfterForward(), retained);
  }

  /** The heap in use after full collections: the live set. */
  private static long liveHeap() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, m.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
