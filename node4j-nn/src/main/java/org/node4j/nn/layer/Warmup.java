package org.node4j.nn.layer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Runs small dummy networks of the layer families a program builds, forward and backward, on a
 * background daemon thread for a bounded time, so that the JIT has compiled the engine's kernels
 * and the layers' glue before the first training iterations need them.
 *
 * <p>Why: until C2 has compiled a Vector API kernel, the interpreter and C1 run the API's Java
 * fallback, which allocates an object per vector operation and runs 30 to 100 times slower than the
 * compiled code; C2 compiles a method only after thousands of calls, and it compiles a branch that
 * its profile never saw taken as a trap that throws the compiled code away when the branch is taken
 * (a deoptimisation), after which the method runs interpreted until it is compiled again. Without a
 * warm-up the first iteration of a fresh JVM pays the first (W5 at depth 64: about a second against
 * some 15 ms later on) and later iterations pay the compilations of the glue and the second. So the
 * dummy networks take the paths the real ones take: every layout of the dense product (forward,
 * input gradient, weight gradient), edge shapes (a row count that is no multiple of the micro-tile,
 * 2 features in or out) and full ones (256 rows of 64 features), with and without a bias, tanh and
 * ReLU, the convolutions' small-signal, row, column and Winograd paths, and each of these both
 * inline and split over the engine's threads (rounds alternate between one thread and the global
 * setting, so neither branch of a split stays cold).
 *
 * <p>A family of one dtype is warmed once per JVM, when its first layer is built ({@link Linear}
 * starts {@link Family#DENSE}, {@link Conv1d} and {@link Conv2d} start {@link Family#CONV}); the
 * work overlaps whatever precedes the first iteration (building the model, loading data). One
 * thread serves every request, each for {@link #BUDGET_NANOS} of wall time from its request, so the
 * warm-up costs at most that much CPU per family and dtype; the thread ends when every budget is
 * spent and keeps nothing. It touches no user data, and cannot change results: every kernel gives
 * the same bits interpreted and compiled, and a product split over threads gives the same bits as
 * inline (see {@link Parallel}); {@code WarmupTest} checks both.
 *
 * <p>Disable it with {@code -Dnode4j.warmup=false} (the tests do, so that heap and timing
 * measurements see only their own work).
 */
public final class Warmup {
  /** The wall time each requested family and dtype is warmed for. */
  static final long BUDGET_NANOS = 400_000_000L;

  /** The layer families that are warmed separately (a dense model never pays for convolutions). */
  public enum Family {
    /** {@link Linear} with tanh and ReLU. */
    DENSE,
    /** {@link Conv1d} and {@link Conv2d} with ReLU. */
    CONV
  }

  /** A requested family and dtype, and when its budget ends. */
  private record Task(Family family, DType dtype, long deadline) {}

  private static final Object LOCK = new Object();

  /** Every family and dtype requested in this JVM (each is warmed once). Guarded by LOCK. */
  private static final Set<String> REQUESTED = new HashSet<>();

  /** Requests that the warm-up thread has not taken yet. Guarded by LOCK. */
  private static final List<Task> PENDING = new ArrayList<>();

  /** Whether the warm-up thread is running. Guarded by LOCK. */
  private static boolean running;

  private Warmup() {}

  /**
   * Requests the warm-up of {@code family} in {@code dtype} unless it was requested in this JVM
   * before or {@code node4j.warmup} is {@code false}; starts the warm-up thread if it is not
   * running, and returns at once.
   */
  public static void start(Family family, DType dtype) {
    if (!Boolean.parseBoolean(System.getProperty("node4j.warmup", "true"))) {
      return;
    }
    synchronized (LOCK) {
      if (!REQUESTED.add(family + "/" + dtype)) {
        return;
      }
      PENDING.add(new Task(family, dtype, System.nanoTime() + BUDGET_NANOS));
      if (running) {
        return;
      }
      running = true;
    }
    Thread t = new Thread(Warmup::serve, "node4j-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** The warm-up thread: rounds of every live request until all budgets are spent. */
  private static void serve() {
    List<Task> tasks = new ArrayList<>();
    List<Networks> networks = new ArrayList<>();
    for (int round = 0; ; round++) {
      synchronized (LOCK) {
        for (Task t : PENDING) {
          tasks.add(t);
          networks.add(new Networks(t.family, t.dtype));
        }
        PENDING.clear();
        long now = System.nanoTime();
        for (int i = tasks.size() - 1; i >= 0; i--) {
          if (now >= tasks.get(i).deadline) {
            tasks.remove(i);
            networks.remove(i);
          }
        }
        if (tasks.isEmpty()) {
          running = false;
          return;
        }
      }
      for (Networks n : networks) {
        n.round(round);
      }
    }
  }

  /**
   * Runs the networks of {@code family} in {@code dtype} for {@code nanos} of wall time on the
   * calling thread; for the tests, which disable the background thread.
   */
  static void run(Family family, DType dtype, long nanos) {
    long deadline = System.nanoTime() + nanos;
    Networks n = new Networks(family, dtype);
    for (int round = 0; System.nanoTime() < deadline; round++) {
      n.round(round);
    }
  }

  /** The dummy networks of one family and dtype, their inputs and their cotangents. */
  static final class Networks {
    /** Rounds between two passes at the full batch (the small batch runs every round). */
    private static final int FULL_EVERY = 4;

    private final List<Pass> small = new ArrayList<>();
    private final List<Pass> full = new ArrayList<>();
    private int layers;

    Networks(Family family, DType dtype) {
      switch (family) {
        case DENSE -> {
          // an MLP 2-64-64-64-2 (W3's shape with one more hidden layer: no bias, and ReLU)
          Layer mlp =
              Sequential.of(
                  linear(2, 64, true, dtype),
                  Activation.tanh(),
                  linear(64, 64, false, dtype),
                  Activation.relu(),
                  linear(64, 64, true, dtype),
                  Activation.tanh(),
                  linear(64, 2, true, dtype));
          // a residual function of W5's shape: 64 -> 64 without bias, tanh, 64 -> 64
          Layer square =
              Sequential.of(
                  linear(64, 64, false, dtype), Activation.tanh(), linear(64, 64, false, dtype));
          small.add(new Pass(mlp, dtype, 37, 2));
          small.add(new Pass(square, dtype, 37, 64));
          full.add(new Pass(mlp, dtype, 256, 2));
          full.add(new Pass(square, dtype, 256, 64));
        }
        case CONV -> {
          // Sphere2's field on signals of length 2 (the unrolled kernel matrix), and a longer
          // signal (row layout)
          Layer sphere =
              Sequential.of(
                  conv1d(1, 16, 1, 0, dtype),
                  Activation.relu(),
                  conv1d(16, 16, 3, 1, dtype),
                  Activation.relu(),
                  conv1d(16, 1, 1, 0, dtype));
          small.add(new Pass(sphere, dtype, 9, 1, 2));
          small.add(new Pass(sphere, dtype, 2, 1, 24));
          // a 3x3 block on 8x8 images: column layout, and Winograd in float32 (16 channels)
          Layer block =
              Sequential.of(
                  conv2d(3, 16, dtype),
                  Activation.relu(),
                  conv2d(16, 16, dtype),
                  Activation.relu());
          small.add(new Pass(block, dtype, 1, 3, 8, 8));
          full.add(new Pass(sphere, dtype, 128, 1, 2));
          full.add(new Pass(block, dtype, 4, 3, 8, 8));
        }
        default -> throw new IllegalArgumentException("unknown family " + family);
      }
    }

    /**
     * Round {@code r}: every small pass, and every {@link #FULL_EVERY}-th round the full ones; odd
     * rounds on one thread, even rounds with the engine's thread setting.
     */
    void round(int r) {
      if (r % 2 == 1) {
        Parallel.withThreads(1, () -> passes(r));
      } else {
        passes(r);
      }
    }

    private Void passes(int r) {
      for (Pass p : small) {
        p.run();
      }
      if (r % FULL_EVERY == FULL_EVERY - 1) {
        for (Pass p : full) {
          p.run();
        }
      }
      return null;
    }

    /** The passes of this family, for the test. */
    List<Pass> passes() {
      List<Pass> all = new ArrayList<>(small);
      all.addAll(full);
      return all;
    }

    private Linear linear(int in, int out, boolean bias, DType dtype) {
      return Linear.builder(in, out).bias(bias).dtype(dtype).name(nextName()).build();
    }

    private Conv1d conv1d(int in, int out, int k, int pad, DType dtype) {
      return Conv1d.builder(in, out).kernel(k).padding(pad).dtype(dtype).name(nextName()).build();
    }

    private Conv2d conv2d(int in, int out, DType dtype) {
      return Conv2d.builder(in, out).kernel(3).padding(1).dtype(dtype).name(nextName()).build();
    }

    /** Distinct parameter names, as {@link Sequential} requires. */
    private String nextName() {
      return "warmup" + layers++;
    }
  }

  /**
   * One network on one input shape: its cache, a fixed input and output cotangent, and the input
   * gradient. Every run starts from the same values (the parameters' gradients are zeroed), so the
   * operands stay bounded however long it runs.
   */
  static final class Pass {
    final Layer layer;
    final Tensor x;
    final Tensor dy;
    final Tensor dx;
    private final Cache cache;

    Pass(Layer layer, DType dtype, int... inputShape) {
      this.layer = layer;
      this.x = fill(Tensor.zeros(dtype, inputShape), 1);
      this.cache = layer.newCache(inputShape, dtype);
      this.dy = fill(Tensor.zeros(dtype, layer.outputShape(inputShape)), 2);
      this.dx = x.zerosLike();
      fillWeights(layer);
    }

    /** Forward, then backward with the input gradient; returns the output (owned by the cache). */
    Tensor run() {
      for (Parameter p : layer.parameters()) {
        p.zeroGrad();
      }
      Tensor y = layer.forward(x, cache);
      layer.backward(dy, cache, dx);
      return y;
    }

    private static void fillWeights(Layer layer) {
      int s = 3;
      for (Parameter p : layer.parameters()) {
        Tensor v = p.value();
        double scale = 1.0 / Math.sqrt(Math.max(1, v.size() / Math.max(1, v.shape()[0])));
        for (int i = 0; i < v.size(); i++) {
          v.set(i, scale * ((i * 7 + s) % 11 - 5) / 5.0);
        }
        s++;
      }
    }

    private static Tensor fill(Tensor t, int seed) {
      for (int i = 0; i < t.size(); i++) {
        t.set(i, ((i * 5 + seed) % 9 - 4) * 0.25);
      }
      return t;
    }
  }
}
