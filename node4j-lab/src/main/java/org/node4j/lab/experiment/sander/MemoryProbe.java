package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.lab.bench.ChildJvm;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientReport;

/**
 * Part 3: the memory of a gradient against depth on Sander et al.'s own probe (NeurIPS 2022, §4;
 * their released code, michaelsdr/resnet_nodes, {@code experiments/memory.py}): one tied MLP 500
 * -&gt; 8 -&gt; 500 with tanh repeated to depth N as a ResNet, on a 500 x 500 input of U(0, 1)
 * entries, loss mean(out^2), float32 as in PyTorch. The paper measured peak process RSS and found
 * backpropagation growing by about 124 MiB over 150 layers while the memory-free adjoint stays
 * flat.
 *
 * <p>Two figures per method and depth: the bytes the gradient pass reports holding for the backward
 * pass ({@link GradientReport#peakBytesHeld}), in process; and the peak resident memory of a child
 * JVM that runs only this probe ({@link #PEAK_METHOD}), since /proc/self/status VmHWM is per
 * process.
 */
final class MemoryProbe {
  /** How the child measures peak resident memory, for the report. */
  static final String PEAK_METHOD =
      "a child JVM per method and depth (-Xms=-Xmx="
          + MemoryProbe.HEAP
          + ", -Xmn"
          + MemoryProbe.YOUNG
          + ", parallel GC): after a depth-2 warm-up, a young-generation touch and a GC it resets"
          + " the kernel's peak-RSS counter and reads VmRSS as the baseline, then runs two gradient"
          + " evaluations at depth N and a GC; the figure is VmHWM minus the baseline";

  static final String HEAP = "1g";
  static final String YOUNG = "8m";
  private static final String PREFIX = "resnet-to-ode-memory ";

  private MemoryProbe() {}

  /**
   * One method's figures at one depth.
   *
   * @param bytesHeld the pass's peak bytes held
   * @param peakRss the child's VmHWM above its baseline, or null when not measured
   * @param parameterBytes the bytes of the parameter values
   */
  record Result(long bytesHeld, Long peakRss, long parameterBytes) {}

  /** Measures {@code cell}: bytes held here, and peak RSS in a child JVM when the cell asks. */
  static Result measure(Cells.Memory cell) {
    ResidualNetwork net = network(cell.method(), cell.depth(), cell.width(), cell.hidden());
    long held = iterate(net, input(cell.batch(), cell.width())).peakBytesHeld();
    long params = net.parameters().get(0).value().bytes() + net.parameters().get(1).value().bytes();
    Long rss = cell.childProcess() ? inChild(cell) : null;
    return new Result(held, rss, params);
  }

  /** The tied probe network with {@code method}. */
  static ResidualNetwork network(MemoryMethod method, int depth, int width, int hidden) {
    ResidualNetwork net =
        ResidualNetwork.resNet(
                k ->
                    SeedModels.residualPerceptron(
                        width, hidden, Activation.tanh(), DType.FLOAT32, ""),
                depth)
            .tied(true)
            .build()
            .initialize(DepthInit.tied(ParameterInit.torchDefaults()), new SplittableRandom(0));
    net.setMethod(method.method(depth, ResidualNetwork.Scheme.EULER));
    return net;
  }

  static Tensor input(int batch, int width) {
    SplittableRandom rng = new SplittableRandom(1);
    Tensor x = Tensor.zeros(DType.FLOAT32, batch, width);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, rng.nextDouble());
    }
    return x;
  }

  /** One forward and backward of mean(out^2); returns the pass's report. */
  static GradientReport iterate(ResidualNetwork net, Tensor x) {
    net.parameters().forEach(p -> p.zeroGrad());
    Tensor y = net.forward(x);
    Tensor dLdy = y.zerosLike();
    for (int i = 0; i < y.size(); i++) {
      dLdy.set(i, 2 * y.get(i) / y.size());
    }
    return net.backward(dLdy, x.zerosLike());
  }

  private static long inChild(Cells.Memory cell) {
    List<String> args = new ArrayList<>();
    args.add(cell.method().name());
    for (int v : new int[] {cell.depth(), cell.width(), cell.hidden(), cell.batch()}) {
      args.add(Integer.toString(v));
    }
    args.add(Integer.toString(Parallel.threads()));
    return Long.parseLong(ChildJvm.run(MemoryProbe.class, HEAP, YOUNG, PREFIX, args));
  }

  /**
   * The child's entry point: {@code METHOD DEPTH WIDTH HIDDEN BATCH THREADS}; prints the peak
   * resident bytes above the baseline. Linux only.
   *
   * @param args as above
   * @throws IOException if /proc cannot be read
   */
  public static void main(String[] args) throws IOException {
    MemoryMethod method = MemoryMethod.valueOf(args[0]);
    int depth = Integer.parseInt(args[1]);
    int width = Integer.parseInt(args[2]);
    int hidden = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    Parallel.setThreads(Integer.parseInt(args[5]));
    Tensor x = input(batch, width);
    for (int i = 0; i < 2; i++) {
      iterate(network(method, 2, width, hidden), x);
    }
    ChildJvm.touchYoungGeneration();
    System.gc();
    ChildJvm.resetPeak();
    long baseline = ChildJvm.status("VmRSS:");
    ResidualNetwork net = network(method, depth, width, hidden);
    iterate(net, x);
    iterate(net, x);
    System.gc();
    System.out.println(PREFIX + (ChildJvm.status("VmHWM:") - baseline));
  }
}
