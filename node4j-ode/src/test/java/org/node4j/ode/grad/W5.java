package org.node4j.ode.grad;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.param.DepthGrid;
import org.node4j.ode.grad.param.DepthIndexedField;

/**
 * Bench workload W5 at a chosen width and batch: the ResNet / HeunNet of N W5 layers, loss
 * mean(x^2) of the output, and the relative error of a method's parameter gradient against an exact
 * one.
 */
final class W5 {

  private W5() {}

  /** The parameter gradient of mean(x_N^2) by {@code method} on the given grid. */
  static double[] parameterGradient(
      GradientMethod method,
      DepthGrid grid,
      DepthIndexedField<double[], double[]> field,
      int w,
      int batch) {
    GradientPass<double[], Tuple> pass = method.prepare(grid.problem(field, ArrayOps.INSTANCE));
    double[] xN = pass.forward(TanhLayer.w5Input(w, batch));
    double[] dL = new double[xN.length];
    for (int i = 0; i < xN.length; i++) {
      dL[i] = 2 * xN[i] / xN.length;
    }
    Tuple g = field.newGrad();
    pass.backward(dL, new double[xN.length], g);
    return GradCheck.flatten(g);
  }

  /** Relative error of {@code approximate} against {@code exact} on W5 of depth N. */
  static double relativeError(
      GradientMethod approximate, GradientMethod exact, boolean heun, int depth, int w, int batch) {
    DepthGrid grid = heun ? DepthGrid.heunNet(depth) : DepthGrid.resnet(depth);
    DepthIndexedField<double[], double[]> field = TanhLayer.w5Field(depth, w, batch);
    double[] ref = parameterGradient(exact, grid, field, w, batch);
    double[] approx = parameterGradient(approximate, grid, field, w, batch);
    return GradCheck.relativeError(approx, ref);
  }
}
