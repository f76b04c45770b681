package org.node4j.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * The network of ODE blocks in float64: its gradient against finite differences and methods, with
 * two blocks of one width that share a compute network and records.
 */
class OdeResNetTest {
  private static final int BATCH = 4;

  private static OdeResNet net(GradientMethod m) {
    return OdeResNet.builder(new int[] {1, 6, 6}, 3)
        .stemChannels(3)
        .stage(3, 1)
        .stage(4, 2)
        .stage(4, 1) // same width as stage 2: evaluated by stage 2's compute network
        .dtype(DType.FLOAT64)
        .setup(SolveSetup.steps(Solvers.midpoint(), 3))
        .method(m)
        .seed(11)
        .build();
  }

  private static Tensor input() {
    Tensor x = Tensor.zeros(DType.FLOAT64, BATCH, 1, 6, 6);
    Random r = new Random(4);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, r.nextGaussian());
    }
    return x;
  }

  private static final int[] LABELS = {0, 2, 1, 2};

  private static double[] gradient(OdeResNet n) {
    n.zeroGrad();
    n.trainBatch(input(), LABELS);
    return flat(n.parameters(), true);
  }

  /** Every parameter's value or gradient, concatenated. */
  static double[] flat(List<Parameter> ps, boolean grad) {
    int size = ps.stream().mapToInt(p -> p.value().size()).sum();
    double[] out = new double[size];
    int k = 0;
    for (Parameter p : ps) {
      Tensor t = grad ? p.grad() : p.value();
      for (int i = 0; i < t.size(); i++) {
        out[k++] = t.get(i);
      }
    }
    return out;
  }

  @Test
  void checkpointedEqualsBackpropThroughEveryBlock() {
    double[] bp = gradient(net(StoredStages.create()));
    double[] dto = gradient(net(Checkpointed.every(3)));
    for (int i = 0; i < bp.length; i++) {
      assertEquals(bp[i], dto[i], 1e-13 * (1 + Math.abs(bp[i])), "parameter entry " + i);
    }
  }

  @Test
  void gradientMatchesCentralDifferences() {
    OdeResNet n = net(StoredStages.create());
    double[] g = gradient(n);
    Random r = new Random(9);
    for (int dir = 0; dir < 3; dir++) {
      double[] d = new double[g.length];
      double norm = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] = r.nextGaussian();
        norm += d[i] * d[i];
      }
      double gd = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] /= Math.sqrt(norm);
        gd += g[i] * d[i];
      }
      double h = 1e-6;
      shift(n, d, h);
      double plus = n.trainBatch(input(), LABELS).loss();
      shift(n, d, -2 * h);
      double minus = n.trainBatch(input(), LABELS).loss();
      shift(n, d, h);
      double fd = (plus - minus) / (2 * h);
      assertTrue(
          Math.abs(fd - gd) <= 1e-6 * Math.max(1e-3, Math.abs(gd)) + 1e-9,
          "direction " + dir + ": fd " + fd + " vs " + gd);
    }
  }

  /** Moves every parameter by h along d. */
  static void shift(OdeResNet n, double[] d, double h) {
    int k = 0;
    for (Parameter p : n.parameters()) {
      Tensor t = p.value();
      for (int i = 0; i < t.size(); i++) {
        t.set(i, t.get(i) + h * d[k++]);
      }
    }
  }
}
