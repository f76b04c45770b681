package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.kernel.Warmup;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The warm-up's dummy networks stay finite and repeat themselves exactly, and a network evaluated
 * while the warm-up runs (competing for the engine's threads and for the JIT) gives the same bits
 * as before and after it.
 */
class LayerWarmupTest {
  /**
   * The warm-up's CPU time per family and dtype in these tests (the real one is 400 ms); each test
   * class should take a few seconds.
   */
  private static final long NANOS = 50_000_000L;

  @ParameterizedTest
  @EnumSource(LayerWarmup.Family.class)
  void passesAreFiniteAndRepeatTheirBits(LayerWarmup.Family family) {
    for (DType dtype : DType.values()) {
      LayerWarmup.Networks n = new LayerWarmup.Networks(family, dtype);
      for (LayerWarmup.Pass p : n.smallPasses()) {
        double[] first = bits(p.run(), p.dx);
        n.round(0, false);
        double[] again = bits(p.run(), p.dx);
        assertThat(again).as("%s %s %s", family, dtype, p.layer).isEqualTo(first);
        for (double v : first) {
          assertThat(Double.isFinite(v) && Math.abs(v) < 1e6)
              .as("%s %s element %s", family, dtype, v)
              .isTrue();
        }
      }
    }
  }

  /**
   * The convolution family's full passes take the paths of Sphere2's field at W1's batch: one
   * parallel region of two or more chunks per pass, and the middle layer's weight gradient as
   * several tasks, so that their glue is compiled with both branches taken.
   */
  @Test
  void theConvolutionWarmUpTakesTheOneRegionPassesOfW1() {
    LayerWarmup.Networks n = new LayerWarmup.Networks(LayerWarmup.Family.CONV, DType.FLOAT32);
    Sequential.SeqCache w1 =
        n.fullPasses().stream()
            .map(p -> p.cache)
            .filter(c -> c instanceof Sequential.SeqCache s && s.chunks >= 2)
            .map(Sequential.SeqCache.class::cast)
            .findFirst()
            .orElseThrow();
    ConvLayer.ConvCache middle = (ConvLayer.ConvCache) w1.children[2];
    assertThat(middle.unrolled).isTrue();
    assertThat(middle.gradientTasks).isGreaterThan(1);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aNetworkRunWhileTheWarmUpRunsGivesTheSameBits(DType dtype) throws InterruptedException {
    List<User> users = users(dtype);
    List<double[]> before = new ArrayList<>();
    for (User u : users) {
      before.add(u.run());
    }
    for (LayerWarmup.Family family : LayerWarmup.Family.values()) {
      Thread warm = new Thread(() -> Warmup.run(new LayerWarmup.Networks(family, dtype), NANOS));
      warm.start();
      int during = 0;
      do {
        for (int i = 0; i < users.size(); i++) {
          double[] now = Parallel.withThreads(2, users.get(i)::run);
          assertThat(now)
              .as("%s during the %s warm-up", users.get(i), family)
              .isEqualTo(before.get(i));
        }
        during++;
      } while (warm.isAlive());
      warm.join();
      assertThat(during).isPositive();
    }
    for (int i = 0; i < users.size(); i++) {
      assertThat(users.get(i).run()).as("%s after", users.get(i)).isEqualTo(before.get(i));
    }
  }

  @Test
  void startDoesNothingWhenDisabled() {
    // the test JVM runs with -Dnode4j.warmup=false (see the root POM)
    assertThat(System.getProperty("node4j.warmup")).isEqualTo("false");
    assertThat(Warmup.enabled()).isFalse();
    LayerWarmup.request(LayerWarmup.Family.DENSE, DType.FLOAT32);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("node4j-warmup"));
  }

  /** A user's network with its own weights and inputs, of shapes the warm-up does not use. */
  private record User(LayerWarmup.Pass pass) {
    double[] run() {
      Tensor y = pass.run();
      List<Tensor> all = new ArrayList<>(List.of(y, pass.dx));
      for (Parameter p : pass.layer.parameters()) {
        all.add(p.grad());
      }
      return bits(all.toArray(Tensor[]::new));
    }

    @Override
    public String toString() {
      return pass.layer.toString();
    }
  }

  private static List<User> users(DType dtype) {
    Layer mlp =
        Sequential.of(
            Linear.builder(3, 40).dtype(dtype).name("a").build(),
            Activation.tanh(),
            Linear.builder(40, 40).bias(false).dtype(dtype).name("b").build(),
            Activation.relu(),
            Linear.builder(40, 5).dtype(dtype).name("c").build());
    Layer conv1 =
        Sequential.of(
            Conv1d.builder(1, 8).dtype(dtype).name("d").build(),
            Activation.relu(),
            Conv1d.builder(8, 8).kernel(3).padding(1).dtype(dtype).name("e").build());
    Layer conv2 =
        Sequential.of(
            Conv2d.builder(16, 16).kernel(3).padding(1).dtype(dtype).name("f").build(),
            Activation.relu());
    return List.of(
        new User(new LayerWarmup.Pass(mlp, dtype, 45, 3)),
        new User(new LayerWarmup.Pass(conv1, dtype, 50, 1, 2)),
        new User(new LayerWarmup.Pass(conv2, dtype, 2, 16, 10, 10)));
  }

  private static double[] bits(Tensor... ts) {
    int n = 0;
    for (Tensor t : ts) {
      n += t.size();
    }
    double[] out = new double[n];
    int k = 0;
    for (Tensor t : ts) {
      for (int i = 0; i < t.size(); i++) {
        out[k++] = t.get(i);
      }
    }
    return out;
  }
}
