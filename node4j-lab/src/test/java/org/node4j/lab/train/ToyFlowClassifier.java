package org.node4j.lab.train;

import java.util.List;
import java.util.SplittableRandom;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Solution;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSpec;

/**
 * A test-only {@link TrainableModel}: z' = tanh(W z + b) on the flattened sample over [t0, t1],
 * then logits = V z(T) + c and softmax cross-entropy. Training back-propagates by hand through
 * constant Euler steps (gradients derived by hand, checked against finite differences); with a
 * frozen field only the head is trained, which works with any integration (the adaptive ones
 * included). Evaluation solves with node4j-ode for any integration. Float64, allocates freely.
 */
final class ToyFlowClassifier implements TrainableModel {
  private final int dim;
  private final int classes;
  private final double t0;
  private final double t1;
  private final boolean trainField;
  private final Parameter w;
  private final Parameter b;
  private final Parameter v;
  private final Parameter c;
  private Integration integration;

  ToyFlowClassifier(ModelRequest r, boolean trainField) {
    int d = 1;
    for (int s : r.sampleShape()) {
      d *= s;
    }
    this.dim = d;
    this.classes = r.numClasses();
    this.t0 = r.config().integration().t0();
    this.t1 = r.config().integration().t1();
    this.trainField = trainField;
    SplittableRandom rng = new SplittableRandom(r.config().training().seed());
    this.w = new Parameter("field.weight", random(rng, 1.5 / Math.sqrt(d), d, d));
    this.b = new Parameter("field.bias", random(rng, 0.1, d));
    this.v = new Parameter("head.weight", random(rng, 1.0 / Math.sqrt(d), classes, d));
    this.c = new Parameter("head.bias", Tensor.zeros(DType.FLOAT64, classes));
    this.integration = r.integration();
  }

  /** The factory the tests register: {@code model.options.frozen: "true"} freezes the field. */
  static ModelFactory factory() {
    return r ->
        new ToyFlowClassifier(r, !"true".equals(r.config().model().options().get("frozen")));
  }

  private static Tensor random(SplittableRandom rng, double scale, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT64, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, scale * (2 * rng.nextDouble() - 1));
    }
    return t;
  }

  @Override
  public List<Parameter> parameters() {
    return trainField ? List.of(w, b, v, c) : List.of(v, c);
  }

  @Override
  public DType dtype() {
    return DType.FLOAT64;
  }

  @Override
  public int[] sampleShape() {
    return new int[] {1, dim};
  }

  @Override
  public Integration integration() {
    return integration;
  }

  @Override
  public void setIntegration(Integration value) {
    this.integration = value;
  }

  /** f(z) = tanh(W z + b) for one sample at {@code off} of {@code z}, into {@code out}. */
  private void field(double[] z, int off, double[] out, int outOff) {
    double[] wv = w.value().doubles();
    double[] bv = b.value().doubles();
    for (int i = 0; i < dim; i++) {
      double s = bv[i];
      for (int j = 0; j < dim; j++) {
        s += wv[i * dim + j] * z[off + j];
      }
      out[outOff + i] = Math.tanh(s);
    }
  }

  private double[] rows(Tensor x, int count) {
    double[] z = new double[count * dim];
    for (int i = 0; i < z.length; i++) {
      z[i] = x.get(i);
    }
    return z;
  }

  private Solution<double[]> solve(double[] z0, int count, Integration in) {
    return Integrator.solve(
        SolveSpec.builder(
                (double t, double[] z, double[] dz) -> {
                  for (int s = 0; s < count; s++) {
                    field(z, s * dim, dz, s * dim);
                  }
                },
                ArrayOps.INSTANCE,
                z0)
            .span(t0, t1)
            .setup(in.setup())
            .build());
  }

  @Override
  public EvalStats evaluate(Tensor x, int[] labels, int count, Integration in) {
    Solution<double[]> sol = solve(rows(x, count), count, in);
    int correct = 0;
    double[] logits = new double[classes];
    for (int s = 0; s < count; s++) {
      head(sol.y(), s, logits);
      correct += argmax(logits) == labels[s] ? 1 : 0;
    }
    return new EvalStats(correct, count, sol.statistics().evaluations());
  }

  @Override
  public BatchStats trainBatch(Tensor x, int[] labels, int count) {
    double[] z0 = rows(x, count);
    if (!trainField) {
      Solution<double[]> sol = solve(z0, count, integration);
      double[] g = new double[z0.length];
      double[] loss = headLossAndGrad(sol.y(), labels, count, g);
      return new BatchStats(loss[0], (int) loss[1], count, sol.statistics().evaluations(), 0);
    }
    if (!integration.solver().name().equals("euler")
        || !(integration.controller() instanceof ConstantSteps steps)) {
      throw new IllegalArgumentException("the toy model trains its field with constant Euler only");
    }
    int n = (int) steps.steps(t0, t1);
    double[][] zs = new double[n + 1][];
    double[][] as = new double[n][];
    double[] hs = new double[n];
    zs[0] = z0;
    for (int k = 0; k < n; k++) {
      hs[k] = steps.time(k + 1, n, t0, t1) - steps.time(k, n, t0, t1);
      as[k] = new double[z0.length];
      zs[k + 1] = zs[k].clone();
      for (int s = 0; s < count; s++) {
        field(zs[k], s * dim, as[k], s * dim);
      }
      for (int i = 0; i < z0.length; i++) {
        zs[k + 1][i] += hs[k] * as[k][i];
      }
    }
    double[] g = new double[z0.length];
    double[] loss = headLossAndGrad(zs[n], labels, count, g);
    for (int k = n - 1; k >= 0; k--) {
      backStep(zs[k], as[k], hs[k], g, count);
    }
    return new BatchStats(loss[0], (int) loss[1], count, n, n);
  }

  /** g := g + h W^T (g * (1 - a^2)); accumulates dW, db. */
  private void backStep(double[] z, double[] a, double h, double[] g, int count) {
    double[] wv = w.value().doubles();
    double[] dw = w.grad().doubles();
    double[] db = b.grad().doubles();
    double[] u = new double[dim];
    for (int s = 0; s < count; s++) {
      int o = s * dim;
      for (int i = 0; i < dim; i++) {
        u[i] = h * g[o + i] * (1 - a[o + i] * a[o + i]);
        db[i] += u[i];
        for (int j = 0; j < dim; j++) {
          dw[i * dim + j] += u[i] * z[o + j];
        }
      }
      for (int j = 0; j < dim; j++) {
        double s2 = 0;
        for (int i = 0; i < dim; i++) {
          s2 += wv[i * dim + j] * u[i];
        }
        g[o + j] += s2;
      }
    }
  }

  private void head(double[] z, int s, double[] logits) {
    double[] vv = v.value().doubles();
    for (int k = 0; k < classes; k++) {
      double sum = c.value().get(k);
      for (int j = 0; j < dim; j++) {
        sum += vv[k * dim + j] * z[s * dim + j];
      }
      logits[k] = sum;
    }
  }

  /** Returns {mean loss, correct}; writes dL/dz(T) into g and accumulates dV, dc. */
  private double[] headLossAndGrad(double[] z, int[] labels, int count, double[] g) {
    double[] logits = new double[classes];
    double[] vv = v.value().doubles();
    double[] dv = v.grad().doubles();
    double[] dc = c.grad().doubles();
    double loss = 0;
    int correct = 0;
    for (int s = 0; s < count; s++) {
      head(z, s, logits);
      correct += argmax(logits) == labels[s] ? 1 : 0;
      double max = logits[argmax(logits)];
      double sum = 0;
      for (double l : logits) {
        sum += Math.exp(l - max);
      }
      loss += Math.log(sum) + max - logits[labels[s]];
      for (int k = 0; k < classes; k++) {
        double p = Math.exp(logits[k] - max) / sum - (k == labels[s] ? 1 : 0);
        p /= count;
        dc[k] += p;
        for (int j = 0; j < dim; j++) {
          dv[k * dim + j] += p * z[s * dim + j];
          g[s * dim + j] += p * vv[k * dim + j];
        }
      }
    }
    return new double[] {loss / count, correct};
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public double initialStepEstimate(Tensor x, int count, int order) {
    return ReleasedInitialStep.estimate(
        x,
        count,
        order,
        (z, dz) -> {
          double[] in = rows(z, z.dim(0));
          double[] out = new double[in.length];
          for (int s = 0; s < z.dim(0); s++) {
            field(in, s * dim, out, s * dim);
          }
          for (int i = 0; i < out.length; i++) {
            dz.set(i, out[i]);
          }
        });
  }
}
