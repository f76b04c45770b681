package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Part 3: the memory of a gradient against depth on Sander et al.'s own probe (seeds-spec 3.2 item
 * 6, R-San {@code experiments/memory.py}): one tied MLP 500 -&gt; 8 -&gt; 500 with tanh repeated to
 * depth N as a ResNet, on a 500 x 500 input of U(0, 1) entries, loss mean(out^2), float32 as in
 * PyTorch. The paper measured peak process RSS and found backpropagation growing by about 124 MiB
 * over 150 layers while the memory-free adjoint stays flat.
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
   * @param peakRss the child's VmHWM above its baseline, or -1 when not measured
   * @param parameterBytes the bytes of the parameter values
   */
  record Result(long bytesHeld, long peakRss, long parameterBytes) {}

  /** Measures {@code cell}: bytes held here, and peak RSS in a child JVM when the cell asks. */
  static Result measure(Cells.Memory cell) {
    ResidualNetwork net = network(cell.method(), cell.depth(), cell.width(), cell.hidden());
    long held = iterate(net, input(cell.batch(), cell.width())).peakBytesHeld();
    long params = net.parameters().get(0).value().bytes() + net.parameters().get(1).value().bytes();
    long rss = cell.childProcess() ? inChild(cell) : -1;
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
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("--add-modules");
    cmd.add("jdk.incubator.vector");
    cmd.add("-Xms" + HEAP);
    cmd.add("-Xmx" + HEAP);
    cmd.add("-Xmn" + YOUNG);
    cmd.add("-XX:+UseParallelGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MemoryProbe.class.getName());
    cmd.add(cell.method().name());
    for (int v : new int[] {cell.depth(), cell.width(), cell.hidden(), cell.batch()}) {
      cmd.add(Integer.toString(v));
    }
    cmd.add(Integer.toString(Parallel.threads()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("memory probe JVM failed: " + output);
      }
      for (String line : output.split("\n")) {
        if (line.startsWith(PREFIX)) {
          return Long.parseLong(line.substring(PREFIX.length()).trim());
        }
      }
      throw new IllegalStateException("memory probe JVM printed no result: " + output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the memory probe JVM " + java, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring memory", e);
    }
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
    touchYoungGeneration();
    System.gc();
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    long baseline = status("VmRSS:");
    ResidualNetwork net = network(method, depth, width, hidden);
    iterate(net, x);
    iterate(net, x);
    System.gc();
    System.out.println(PREFIX + (status("VmHWM:") - baseline));
  }

  private static long sink;

  private static void touchYoungGeneration() {
    for (int i = 0; i < 256; i++) {
      byte[] b = new byte[1 << 18];
      b[i] = 1;
      sink += b[b.length - 1 - i];
    }
  }

  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }
}
