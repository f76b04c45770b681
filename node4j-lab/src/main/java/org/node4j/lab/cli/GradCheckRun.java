package org.node4j.lab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.node4j.lab.analysis.GradientVectors;
import org.node4j.lab.config.UsageException;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.StoredStages;

/**
 * One gradient check of an ODE block or a network of several ({@link GradCheckTarget}): every
 * requested method's parameter gradient of the target's loss, compared with central finite
 * differences along random unit directions of the parameter space and with the exact discrete
 * gradient (stored stages), with its costs.
 */
final class GradCheckRun {
  /** Random directions of the finite-difference check. */
  static final int DIRECTIONS = 4;

  /**
   * The relative change of the loss that sets each central-difference step: the step along a unit
   * direction d is this times |L| / |g.d|, clamped to [1e-8, 1e-2]. A fixed step would drown in
   * round-off for deep networks, whose loss barely moves along a random unit direction of millions
   * of parameters.
   */
  static final double FD_LOSS_CHANGE = 1e-7;

  private GradCheckRun() {}

  /** One method's figures. */
  record MethodResult(
      String method,
      boolean exact,
      double relErrorVsFiniteDifferences,
      double relErrorVsExact,
      long forwardEvaluations,
      long backwardEvaluations,
      long backwardVjps,
      long peakBytesHeld,
      double forwardMillis,
      double backwardMillis) {}

  /** A method left out in {@code all} mode, and why. */
  record Skipped(String method, String reason) {}

  /** The figures of one model (one depth of a sweep). */
  record Result(
      int depth,
      String solver,
      String steps,
      int parameters,
      double loss,
      List<MethodResult> methods,
      List<Skipped> skipped) {}

  /**
   * Runs the check.
   *
   * @param methods the methods by CLI name, in order
   * @param skipIncompatible in {@code all} mode, skip a method that rejects the solver with a note;
   *     otherwise its {@link IllegalArgumentException} propagates
   * @param preSkipped methods the caller left out, reported with the others
   */
  static Result run(
      GradCheckTarget block,
      Tensor x,
      int depth,
      Map<String, GradientMethod> methods,
      boolean skipIncompatible,
      List<Skipped> preSkipped) {
    double[] exact = gradient(block, StoredStages.create(), x).gradient;
    double[][] dirs = directions(exact.length, 17);
    double[] fd = finiteDifferences(block, x, dirs, exact);
    List<MethodResult> rows = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>(preSkipped);
    for (Map.Entry<String, GradientMethod> e : methods.entrySet()) {
      try {
        block.setMethod(e.getValue());
      } catch (IllegalArgumentException ex) {
        if (!skipIncompatible) {
          throw new UsageException("method '" + e.getKey() + "': " + ex.getMessage(), ex);
        }
        skipped.add(new Skipped(e.getKey(), ex.getMessage()));
        continue;
      }
      gradient(block, e.getValue(), x); // warm-up, so that the timing is not the JIT's
      Grad g = gradient(block, e.getValue(), x);
      GradientReport r = g.report;
      rows.add(
          new MethodResult(
              e.getKey(),
              e.getValue().exact(),
              directionalError(g.gradient, dirs, fd),
              relError(g.gradient, exact),
              r.forwardEvaluations(),
              r.backwardEvaluations(),
              r.backwardVjps(),
              r.peakBytesHeld(),
              r.forwardNanos() / 1e6,
              r.backwardNanos() / 1e6));
    }
    block.setMethod(StoredStages.create());
    double loss = loss(block, x);
    return new Result(
        depth,
        block.setup().solver().name(),
        describe(block.setup().controller()),
        exact.length,
        loss,
        rows,
        skipped);
  }

  private static String describe(StepSizeController c) {
    if (c instanceof ConstantSteps s) {
      return s.count() > 0 ? s.count() + " steps" : "steps of " + s.size();
    }
    if (c instanceof AdaptiveController a) {
      return String.format(
          java.util.Locale.ROOT,
          "adaptive, rtol %s, atol %s, pcoeff %.4g, icoeff %.4g, dcoeff %.4g",
          a.rtol(),
          a.atol(),
          a.pcoeff(),
          a.icoeff(),
          a.dcoeff());
    }
    return c.toString();
  }

  private record Grad(double[] gradient, GradientReport report) {}

  private static Grad gradient(GradCheckTarget block, GradientMethod method, Tensor x) {
    block.setMethod(method);
    GradientReport r = block.gradient(x);
    return new Grad(flatten(block.parameters()), r);
  }

  private static double[] flatten(List<Parameter> params) {
    return GradientVectors.flatten(params);
  }

  private static double[][] directions(int n, long seed) {
    Random rnd = new Random(seed);
    double[][] d = new double[DIRECTIONS][n];
    for (double[] row : d) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        row[i] = rnd.nextGaussian();
        s += row[i] * row[i];
      }
      for (int i = 0; i < n; i++) {
        row[i] /= Math.sqrt(s);
      }
    }
    return d;
  }

  private static double[] finiteDifferences(
      GradCheckTarget block, Tensor x, double[][] dirs, double[] scale) {
    double l = Math.abs(loss(block, x));
    double[] fd = new double[dirs.length];
    for (int i = 0; i < dirs.length; i++) {
      double slope = Math.abs(dot(scale, dirs[i]));
      double eps = Math.min(1e-2, Math.max(1e-8, FD_LOSS_CHANGE * l / slope));
      shift(block.parameters(), dirs[i], eps);
      double plus = loss(block, x);
      shift(block.parameters(), dirs[i], -2 * eps);
      double minus = loss(block, x);
      shift(block.parameters(), dirs[i], eps);
      fd[i] = (plus - minus) / (2 * eps);
    }
    return fd;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double loss(GradCheckTarget block, Tensor x) {
    return block.loss(x);
  }

  private static void shift(List<Parameter> params, double[] d, double eps) {
    int o = 0;
    for (Parameter p : params) {
      Tensor v = p.value();
      for (int i = 0; i < v.size(); i++) {
        v.set(i, v.get(i) + eps * d[o++]);
      }
    }
  }

  private static double directionalError(double[] g, double[][] dirs, double[] fd) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < dirs.length; i++) {
      double gd = dot(g, dirs[i]);
      num += (gd - fd[i]) * (gd - fd[i]);
      den += fd[i] * fd[i];
    }
    return Math.sqrt(num / den);
  }

  private static double relError(double[] a, double[] b) {
    return GradientVectors.relativeError(a, b);
  }
}
