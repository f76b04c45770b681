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
 * <p>Four figures per point:
 *
 * <ul>
 *   <li>the bytes the ODE blocks hold for the backward pass at the network's peak ({@link
 *       OdeResNet.Step#peakBytesHeld}), the methods' own accounting;
 *   <li>the bytes of the evaluation records the blocks keep between iterations in the network's
 *       shared pool ({@link OdeResNet#records()});
 *   <li>the live heap the network retains after one iteration, measured by the JVM after a full
 *       garbage collection, minus the live heap before the network was built. The passes keep their
 *       records and checkpoints for the next iteration, so what is retained after an iteration is
 *       what that iteration needed at its peak, plus what every method shares (parameters, layer
 *       caches, the batch). It is a heap figure, only meaningful when nothing else runs in the JVM;
 *   <li>the peak resident memory of a child JVM that runs only this point ({@link RssProbe}).
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
   * @param recordBytes the bytes of records the network keeps in its shared pool
   * @param retainedHeapBytes the live heap retained after one iteration (see above), or -1 when not
   *     measured
   * @param peakRssBytes the child JVM's peak resident memory above its baseline, or -1 when not
   *     measured
   */
  public record Point(
      String method,
      int blocks,
      int steps,
      long peakBytesHeld,
      long heldAfterForward,
      long recordBytes,
      long retainedHeapBytes,
      long peakRssBytes) {}

  /**
   * Measures one point; with {@code measureHeap}, also the retained heap (slower), with {@code
   * measureRss} the peak resident memory in a child JVM.
   */
  public static Point measure(
      MemoryMethod method, int blocks, int steps, boolean measureHeap, boolean measureRss) {
    long base = measureHeap ? liveHeap() : 0;
    OdeResNet net = network(method, blocks, steps);
    Batch batch = batch(BATCH);
    OdeResNet.Step s = net.trainBatch(batch.x(), batch.labels());
    long retained = measureHeap ? liveHeap() - base : -1;
    long records = net.records().bytes();
    // Keep the network reachable until the heap has been measured.
    net.zeroGrad();
    long rss = measureRss ? RssProbe.measureInChild(method, blocks, steps) : -1;
    return new Point(
        method.id(),
        blocks,
        steps,
        s.peakBytesHeld(),
        s.heldAfterForward(),
        records,
        retained,
        rss);
  }

  /** The network of one point. */
  static OdeResNet network(MemoryMethod method, int blocks, int steps) {
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
    return b.build();
  }

  /** A batch of images and labels. */
  record Batch(Tensor x, int[] labels) {}

  /** The random batch of {@code size} images (every point trains on {@link #BATCH}). */
  static Batch batch(int size) {
    Tensor x = Tensor.zeros(DType.FLOAT32, size, 1, SIDE, SIDE);
    Random rnd = new Random(2);
    int[] labels = new int[size];
    for (int i = 0; i < x.size(); i++) {
      x.set(i, rnd.nextGaussian());
    }
    for (int i = 0; i < size; i++) {
      labels[i] = rnd.nextInt(10);
    }
    return new Batch(x, labels);
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
