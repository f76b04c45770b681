package org.node4j.lab.experiment.sander;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.tensor.Tensor;

/** The claims of Sander et al. that the probes must show at small sizes, in float64. */
class ProbesTest {
  private static final int D = 4;
  private static final int M = 8;

  @Test
  void plainArithmeticMatchesTheLibraryNetworks() {
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      ResidualNetwork net = ProbeNetworks.perceptron(scheme, WeightKind.IID, 6, D, M, 3);
      Tensor x = ProbeNetworks.gaussianBatch(3, D, 5);
      Tensor y = net.forward(x);
      Perceptron p = Perceptron.of(net);
      for (int b = 0; b < 3; b++) {
        double[] x0 = DistanceProbe.row(x, b);
        double[] mine = scheme == ResidualNetwork.Scheme.EULER ? p.resnet(x0) : p.heunNet(x0);
        assertArrayEquals(DistanceProbe.row(y, b), mine, 1e-13, scheme.toString());
      }
    }
  }

  private static LogLogFit distanceFit(WeightKind kind) {
    List<Integer> ns = List.of(32, 64, 128, 256);
    double[] x = new double[ns.size()];
    double[] y = new double[ns.size()];
    for (int i = 0; i < ns.size(); i++) {
      x[i] = ns.get(i);
      y[i] = DistanceProbe.measure(new Cells.Distance(kind, ns.get(i), 0, D, M, 4, 4)).distance();
    }
    return LogLogFit.fit(x, y);
  }

  @Test
  void onlySmoothWeightsGiveAResNetCloseToItsOdeAtRateOneOverN() {
    LogLogFit smooth = distanceFit(WeightKind.SMOOTH);
    LogLogFit alternating = distanceFit(WeightKind.ALTERNATING);
    assertTrue(smooth.slope() > -1.2 && smooth.slope() < -0.8, smooth.describe("N"));
    assertTrue(Math.abs(alternating.slope()) < 0.25, alternating.describe("N"));
  }

  private static LogLogFit gradientFit(ResidualNetwork.Scheme scheme, WeightKind kind) {
    List<Integer> ns = List.of(8, 16, 32, 64);
    double[] x = new double[ns.size()];
    double[] y = new double[ns.size()];
    for (int i = 0; i < ns.size(); i++) {
      x[i] = ns.get(i);
      GradientProbe.Result r =
          GradientProbe.measure(new Cells.Gradient(scheme, kind, ns.get(i), 0, D, M, 4));
      y[i] = r.gradientError();
    }
    return LogLogFit.fit(x, y);
  }

  @Test
  void memoryFreeEulerErrorFallsAsOneOverNAndHeunFasterOnSmoothWeights() {
    LogLogFit euler = gradientFit(ResidualNetwork.Scheme.EULER, WeightKind.SMOOTH);
    LogLogFit heun = gradientFit(ResidualNetwork.Scheme.HEUN, WeightKind.SMOOTH);
    assertTrue(euler.slope() > -1.3 && euler.slope() < -0.7, euler.describe("N"));
    assertTrue(heun.slope() < euler.slope() - 0.5, heun.describe("N"));
  }

  private static long held(MemoryMethod m, int depth) {
    return MemoryProbe.measure(new Cells.Memory(m, depth, 16, 4, 4, false)).bytesHeld();
  }

  @Test
  void backpropHoldsMemoryPerLayerWhileTheMemoryFreeAndAdjointMethodsStayFlat() {
    long b2 = held(MemoryMethod.BACKPROP, 2);
    long b8 = held(MemoryMethod.BACKPROP, 8);
    assertTrue(b8 - b2 >= 3 * (b2 / 2), "backprop " + b2 + " -> " + b8);
    assertEquals(held(MemoryMethod.MEMORY_FREE, 2), held(MemoryMethod.MEMORY_FREE, 8));
    assertEquals(held(MemoryMethod.ADJOINT, 2), held(MemoryMethod.ADJOINT, 8));
  }

  @Test
  void theTrainedLinearResNetIsSmoothInDepthUniformlyInN(@TempDir Path tmp) throws Exception {
    double[] scaled = new double[2];
    int i = 0;
    for (int n : new int[] {50, 200}) {
      LinearResnet.Result r =
          LinearResnet.run(
              new Cells.Linear(n, 0, 1.0, 10_000, 1e-5, 100),
              tmp.resolve("n" + n),
              Integer.MAX_VALUE);
      assertTrue(r.converged(), "N = " + n + " loss " + r.finalLoss());
      scaled[i++] = r.smoothnessMaxOverIterations();
    }
    assertTrue(scaled[0] > 0, "the weights move");
    assertEquals(scaled[0], scaled[1], 0.1 * scaled[0], "N max ||A_{n+1} - A_n|| at N = 50, 200");
  }
}
