package org.node4j.nn.model;

import java.util.Random;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.testing.FiniteDifferences;

/** Gradients of the test loss through an ODE block, by a method and by central differences. */
final class BlockGradients {
  private BlockGradients() {}

  /** (dL/dz0, dL/dtheta) and the report of {@code method}. */
  record Result(double[] gradient, GradientReport report) {}

  static Result gradient(OdeBlock block, GradientMethod method, Tensor z0) {
    block.setMethod(method);
    block.field().parameterSets().zeroGrad();
    Tensor zT = block.forward(z0);
    Tensor dLdzT = zT.zerosLike();
    NetGrad.lossGradient(zT, dLdzT);
    Tensor dz0 = z0.zerosLike();
    GradientReport r = block.backward(dLdzT, dz0);
    double[] g = NetGrad.concat(dz0.doubles().clone(), NetGrad.flattenGrads(block.parameters()));
    return new Result(g, r);
  }

  /** The loss after a plain solve with the block's training integration. */
  static double loss(OdeBlock block, Tensor z0) {
    return NetGrad.loss(block.solve(z0).y());
  }

  /**
   * The largest relative error of {@code gradient} in {@code directions} random directions of (z0,
   * theta) against central differences with step {@code eps}.
   */
  static double directionalError(
      OdeBlock block, Tensor z0, double[] gradient, int directions, double eps, long seed) {
    Random rnd = new Random(seed);
    double worst = 0;
    for (int i = 0; i < directions; i++) {
      double[] d = NetGrad.direction(rnd, gradient.length);
      double fd =
          FiniteDifferences.directional(
              delta -> NetGrad.perturb(z0, block.parameters(), d, delta),
              () -> loss(block, z0),
              eps);
      worst = Math.max(worst, Math.abs(fd - NetGrad.dot(gradient, d)) / Math.abs(fd));
    }
    return worst;
  }
}
