package org.node4j.lab.experiment.anode;

import java.io.IOException;
import java.util.List;
import org.node4j.lab.bench.ChildJvm;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.model.OdeResNet;

/**
 * The peak resident memory of one point of the {@link MemoryStudy}, in a child JVM that runs only
 * that point, since /proc/self/status VmHWM counts the whole process (the method of node4j's W5
 * memory probe, through {@link ChildJvm}).
 *
 * <p>The child has a fixed heap ({@code -Xms} = {@code -Xmx}, so the JVM neither grows nor returns
 * it) and a small fixed young generation with the parallel collector. It warms the code up on an L
 * = 1, N_t = 2 network of the same method, touches the young generation with garbage (so that its
 * pages are resident before the baseline), builds the point's network and batch, collects, resets
 * the kernel's peak counter and reads VmRSS as the baseline; then it runs two training iterations
 * and reads VmHWM. The figure is VmHWM minus the baseline. A JVM's resident memory includes heap
 * pages that the collector has freed but not returned: with the fixed heap and young generation,
 * what grows above the baseline is the old generation's high-water mark, i.e. what outlived a young
 * collection during the iterations (records, checkpoints, buffers kept for the backward pass, and
 * any garbage promoted before it died), plus native growth. Garbage that dies in the young
 * generation is in the baseline; so are the old-generation pages the warm-up touched (it trains on
 * a batch of {@value #WARM_UP_BATCH} to keep them small), which the measured iterations may fill
 * again without raising the peak, so the figure can fall short by about that much. Linux only.
 */
public final class RssProbe {
  /** How the figure is measured, for the report. */
  public static final String METHOD =
      "a child JVM per point (-Xms=-Xmx="
          + RssProbe.HEAP
          + ", -Xmn"
          + RssProbe.YOUNG
          + ", parallel GC): after an L = 1, N_t = 2 warm-up on a batch of "
          + RssProbe.WARM_UP_BATCH
          + ", a young-generation touch, building"
          + " the network and batch and a GC, it resets the kernel's peak-RSS counter and reads"
          + " VmRSS as the baseline, then runs two training iterations; the figure is VmHWM minus"
          + " the baseline";

  static final String HEAP = "1g";
  static final int WARM_UP_BATCH = 2;
  static final String YOUNG = "8m";
  private static final String PREFIX = "anode-memory ";

  private RssProbe() {}

  /** Runs the child JVM of one point and returns its peak RSS above the baseline, in bytes. */
  static long measureInChild(MemoryMethod method, int blocks, int steps) {
    return Long.parseLong(
        ChildJvm.run(
            RssProbe.class,
            HEAP,
            YOUNG,
            PREFIX,
            List.of(
                method.id(),
                Integer.toString(blocks),
                Integer.toString(steps),
                Integer.toString(Parallel.threads()))));
  }

  /**
   * The child's entry point: {@code METHOD L N_T THREADS}; prints {@code anode-memory BYTES}.
   *
   * @param args the method's id, L, N_t and the thread count
   * @throws IOException if /proc cannot be read
   */
  public static void main(String[] args) throws IOException {
    MemoryMethod method = MemoryMethod.byId(args[0]);
    int blocks = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    Parallel.setThreads(Integer.parseInt(args[3]));
    // The warm-up's objects leave old-generation pages resident below the baseline, which the
    // measured network may reuse without raising VmHWM: a batch of 2 keeps them small.
    MemoryStudy.Batch small = MemoryStudy.batch(WARM_UP_BATCH);
    OdeResNet warm = MemoryStudy.network(method, 1, 2);
    for (int i = 0; i < 3; i++) {
      warm.trainBatch(small.x(), small.labels());
    }
    MemoryStudy.Batch batch = MemoryStudy.batch(MemoryStudy.BATCH);
    ChildJvm.touchYoungGeneration();
    OdeResNet net = MemoryStudy.network(method, blocks, steps);
    System.gc();
    ChildJvm.resetPeak();
    long baseline = ChildJvm.status("VmRSS:");
    for (int i = 0; i < 2; i++) {
      net.zeroGrad();
      net.trainBatch(batch.x(), batch.labels());
    }
    long peak = ChildJvm.status("VmHWM:");
    System.out.println(PREFIX + (peak - baseline));
  }
}
