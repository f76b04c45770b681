package org.node4j.nn.model;

import java.util.List;
import org.node4j.nn.kernel.Warmup;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * The deep residual networks' warm-up work ({@link Warmup}): two tiny {@link ResidualNetwork}s of
 * the requested scheme, one differentiated by backpropagation and one by the memory-free
 * reconstruction, run forward and backward so that the solver, field and gradient-method glue
 * around the kernels (one call per layer and stage, so thousands per iteration only at a depth of
 * thousands) is compiled before a program's first iterations. The kernels themselves are warmed by
 * the layers' own warm-up, which building the tiny networks requests.
 *
 * <p>One request per dtype: the first residual network built in a JVM warms its own scheme, and a
 * network of the other scheme built later starts no second warm-up. By then the first network's
 * iterations have compiled the kernels and the shared glue, and a second warm-up only takes a core
 * from the new network's own first iterations: W5 (c) at depth 64, run after (a) and (b) in one
 * JVM, took 37-39 ms per timed iteration with it (docs/bench/performance-log.md, "A second warm-up
 * over a warm JVM's iterations").
 */
final class ModelWarmup {
  private static final int WIDTH = 16;
  private static final int DEPTH = 4;
  private static final int BATCH = 8;

  private ModelWarmup() {}

  /**
   * Requests the warm-up of residual networks of {@code scheme} in {@code dtype}, unless a residual
   * network of {@code dtype} requested one before in this JVM.
   */
  static void request(ResidualNetwork.Scheme scheme, DType dtype) {
    Warmup.start("residual " + dtype, () -> new Networks(scheme, dtype));
  }

  /** The two networks, their input and cotangent buffers. */
  static final class Networks implements Warmup.Rounds {
    private final List<ResidualNetwork> nets;
    private final Tensor x;
    private final Tensor dLdy;
    private final Tensor dLdx;

    Networks(ResidualNetwork.Scheme scheme, DType dtype) {
      GradientMethod memoryFree =
          scheme == ResidualNetwork.Scheme.EULER ? MemoryFree.euler() : MemoryFree.heun();
      nets =
          List.of(
              network(scheme, dtype, StoredStages.create()), network(scheme, dtype, memoryFree));
      x = Tensor.zeros(dtype, BATCH, WIDTH);
      for (int i = 0; i < x.size(); i++) {
        x.set(i, (i % 7 - 3) * 0.25);
      }
      dLdy = x.zerosLike();
      dLdx = x.zerosLike();
      for (int i = 0; i < dLdy.size(); i++) {
        dLdy.set(i, (i % 5 - 2) * 0.125);
      }
    }

    @Override
    public void round(int r, boolean full) {
      ResidualNetwork net = nets.get(r / 2 % 2);
      for (Parameter p : net.parameters()) {
        p.zeroGrad();
      }
      net.forward(x);
      net.backward(dLdy, dLdx);
    }

    private static ResidualNetwork network(
        ResidualNetwork.Scheme scheme, DType dtype, GradientMethod method) {
      ResidualNetwork.Builder b =
          scheme == ResidualNetwork.Scheme.EULER
              ? ResidualNetwork.resNet(k -> function(dtype, k), DEPTH)
              : ResidualNetwork.heunNet(k -> function(dtype, k), DEPTH);
      ResidualNetwork net = b.method(method).build();
      int s = 0;
      for (Parameter p : net.parameters()) {
        Tensor v = p.value();
        for (int i = 0; i < v.size(); i++) {
          v.set(i, ((i * 7 + s) % 11 - 5) * 0.05);
        }
        s++;
      }
      return net;
    }

    private static Sequential function(DType dtype, int k) {
      return Sequential.of(
          Linear.builder(WIDTH, WIDTH).bias(false).dtype(dtype).name("warmup" + k + ".0").build(),
          Activation.tanh(),
          Linear.builder(WIDTH, WIDTH).bias(false).dtype(dtype).name("warmup" + k + ".1").build());
    }
  }
}
