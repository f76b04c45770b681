package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.kernel.Warmup;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.MemoryFree;

/**
 * A residual network trained while the residual networks' warm-up runs gives the same output and
 * gradients, bit for bit, as before and after it.
 */
class ModelWarmupTest {

  @ParameterizedTest
  @EnumSource(ResidualNetwork.Scheme.class)
  void aNetworkRunWhileTheWarmUpRunsGivesTheSameBits(ResidualNetwork.Scheme scheme)
      throws InterruptedException {
    DType dtype = DType.FLOAT32;
    ResidualNetwork net =
        (scheme == ResidualNetwork.Scheme.EULER
                ? ResidualNetwork.resNet(k -> function(k), 3)
                : ResidualNetwork.heunNet(k -> function(k), 3))
            .method(scheme == ResidualNetwork.Scheme.EULER ? MemoryFree.euler() : MemoryFree.heun())
            .build();
    int s = 1;
    for (Parameter p : net.parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        p.value().set(i, Math.sin(i + 7.0 * s));
      }
      s++;
    }
    Tensor x = Tensor.zeros(dtype, 5, 12);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, Math.cos(i));
    }
    double[] before = run(net, x);
    Thread warm =
        new Thread(() -> Warmup.run(new ModelWarmup.Networks(scheme, dtype), 50_000_000L));
    warm.start();
    int during = 0;
    do {
      assertThat(run(net, x)).as("during the warm-up").isEqualTo(before);
      during++;
    } while (warm.isAlive());
    warm.join();
    assertThat(during).isPositive();
    assertThat(run(net, x)).as("after the warm-up").isEqualTo(before);
  }

  private static Sequential function(int k) {
    return Sequential.of(
        Linear.builder(12, 12).bias(false).name("f" + k + ".0").build(),
        Activation.tanh(),
        Linear.builder(12, 12).name("f" + k + ".1").build());
  }

  /** The output, the input gradient and the parameter gradients of one forward and backward. */
  private static double[] run(ResidualNetwork net, Tensor x) {
    for (Parameter p : net.parameters()) {
      p.zeroGrad();
    }
    Tensor y = net.forward(x);
    Tensor dy = y.zerosLike();
    for (int i = 0; i < dy.size(); i++) {
      dy.set(i, y.get(i));
    }
    Tensor dx = x.zerosLike();
    net.backward(dy, dx);
    List<Double> all = new ArrayList<>();
    for (Tensor t : List.of(y, dx)) {
      for (int i = 0; i < t.size(); i++) {
        all.add(t.get(i));
      }
    }
    for (Parameter p : net.parameters()) {
      for (int i = 0; i < p.grad().size(); i++) {
        all.add(p.grad().get(i));
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
