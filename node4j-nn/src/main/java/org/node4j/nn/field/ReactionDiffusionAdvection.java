package org.node4j.nn.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;

/**
 * A reaction-diffusion-advection law for a network's weights, the kind of q that ANODEV2's abstract
 * names (Zhang, Yao, Gholami et al., NeurIPS 2019: "a coupled reaction-diffusion-advection"
 * evolution of the parameters). <b>The paper does not publish its operator or coefficients
 * (docs/REFERENCES.md); this one is ours.</b> Each convolution kernel theta_j of shape [O, I, k_h,
 * k_w] with more than one tap is, slice by slice, a field on its k_h x k_w grid (unit spacing) and
 * evolves by
 *
 * <pre>
 *   q_j(theta) = d_j Lap(theta) - u_j Dx(theta) - v_j Dy(theta) + r_j tanh(theta),
 * </pre>
 *
 * with the five-point Laplacian Lap, the central differences Dx (along the kernel's width) and Dy
 * (along its height), all with zero values outside the kernel (a homogeneous Dirichlet boundary),
 * and a pointwise reaction r_j tanh(theta). Every other weight tensor (biases, linear maps, 1 x 1
 * kernels) has only the reaction. The learned p_j are the scalars (d_j, u_j, v_j, r_j) of a kernel
 * (one tensor of shape [4], named "name.rda") or r_j (shape [1], "name.reaction"), all zero at the
 * start, so training begins at a plain neural ODE; nothing keeps d_j >= 0.
 *
 * <p>Lap is symmetric and Dx, Dy antisymmetric under this boundary, so the vector-Jacobian product
 * is a^T q_theta = d_j Lap(a) + u_j Dx(a) + v_j Dy(a) + r_j (1 - tanh^2 theta) a.
 */
public final class ReactionDiffusionAdvection implements WeightDynamics {
  private final List<Parameter> params;
  private final boolean[] spatial;
  private final StateOps<Tuple> gradOps;
  private final Tuple ownGradient;

  private ReactionDiffusionAdvection(List<Parameter> params, boolean[] spatial) {
    this.params = Collections.unmodifiableList(params);
    this.spatial = spatial;
    this.gradOps = TupleOps.allParts(Collections.nCopies(params.size(), TensorOps.INSTANCE));
    this.ownGradient = Tuple.of(params.stream().map(Parameter::grad).toArray());
  }

  /** Returns the law for the weights {@code theta}, with every coefficient zero (so q = 0). */
  public static ReactionDiffusionAdvection of(List<Parameter> theta) {
    List<Parameter> p = new ArrayList<>();
    boolean[] spatial = new boolean[theta.size()];
    for (int j = 0; j < theta.size(); j++) {
      Tensor v = theta.get(j).value();
      spatial[j] = v.rank() == 4 && v.dim(2) * v.dim(3) > 1;
      String name = theta.get(j).name() + (spatial[j] ? ".rda" : ".reaction");
      p.add(new Parameter(name, Tensor.zeros(v.dtype(), spatial[j] ? 4 : 1)));
    }
    return new ReactionDiffusionAdvection(p, spatial);
  }

  @Override
  public List<Parameter> parameters() {
    return params;
  }

  @Override
  public Tuple ownGradient() {
    return ownGradient;
  }

  @Override
  public int thetaTensors() {
    return params.size();
  }

  @Override
  public StateOps<Tuple> gradOps() {
    return gradOps;
  }

  @Override
  public Tuple newGrad() {
    return Tuple.of(params.stream().map(p -> p.value().zerosLike()).toArray());
  }

  @Override
  public void evaluate(double t, Tuple theta, Tuple dtheta) {
    requireSize(theta);
    for (int j = 0; j < theta.size(); j++) {
      Tensor th = theta.part(j);
      Tensor out = dtheta.part(j);
      Tensor c = params.get(j).value();
      double r = c.get(spatial[j] ? 3 : 0);
      for (int i = 0, n = th.size(); i < n; i++) {
        out.set(i, r * Math.tanh(th.get(i)));
      }
      if (spatial[j]) {
        addTransport(th, out, c.get(0), c.get(1), c.get(2));
      }
    }
  }

  @Override
  public void vjp(double t, Tuple theta, Tuple a, Tuple outTheta, Tuple gradAcc) {
    requireSize(theta);
    for (int j = 0; j < theta.size(); j++) {
      Tensor th = theta.part(j);
      Tensor aj = a.part(j);
      Tensor out = outTheta.part(j);
      Tensor c = params.get(j).value();
      Tensor g = gradAcc.part(j);
      int ri = spatial[j] ? 3 : 0;
      double r = c.get(ri);
      double dr = 0;
      for (int i = 0, n = th.size(); i < n; i++) {
        double s = Math.tanh(th.get(i));
        double ai = aj.get(i);
        out.set(i, r * (1 - s * s) * ai);
        dr += ai * s;
      }
      g.set(ri, g.get(ri) + dr);
      if (spatial[j]) {
        addTransport(aj, out, c.get(0), -c.get(1), -c.get(2));
        double[] dots = transportDots(th, aj);
        for (int k = 0; k < 3; k++) {
          g.set(k, g.get(k) + dots[k]);
        }
      }
    }
  }

  /** Adds d Lap(x) - u Dx(x) - v Dy(x) into {@code out}, slice by slice over [O, I]. */
  private static void addTransport(Tensor x, Tensor out, double d, double u, double v) {
    int h = x.dim(2);
    int w = x.dim(3);
    for (int s = 0, n = x.size(); s < n; s += h * w) {
      for (int y = 0; y < h; y++) {
        for (int c = 0; c < w; c++) {
          double left = c > 0 ? x.get(s + y * w + c - 1) : 0;
          double right = c < w - 1 ? x.get(s + y * w + c + 1) : 0;
          double up = y > 0 ? x.get(s + (y - 1) * w + c) : 0;
          double down = y < h - 1 ? x.get(s + (y + 1) * w + c) : 0;
          int i = s + y * w + c;
          double lap = left + right + up + down - 4 * x.get(i);
          double dx = 0.5 * (right - left);
          double dy = 0.5 * (down - up);
          out.set(i, out.get(i) + d * lap - u * dx - v * dy);
        }
      }
    }
  }

  /** Returns (a . Lap(theta), -a . Dx(theta), -a . Dy(theta)): dq/d(d, u, v) pulled back by a. */
  private static double[] transportDots(Tensor th, Tensor a) {
    int h = th.dim(2);
    int w = th.dim(3);
    double[] dots = new double[3];
    for (int s = 0, n = th.size(); s < n; s += h * w) {
      for (int y = 0; y < h; y++) {
        for (int c = 0; c < w; c++) {
          double left = c > 0 ? th.get(s + y * w + c - 1) : 0;
          double right = c < w - 1 ? th.get(s + y * w + c + 1) : 0;
          double up = y > 0 ? th.get(s + (y - 1) * w + c) : 0;
          double down = y < h - 1 ? th.get(s + (y + 1) * w + c) : 0;
          int i = s + y * w + c;
          double ai = a.get(i);
          dots[0] += ai * (left + right + up + down - 4 * th.get(i));
          dots[1] -= ai * 0.5 * (right - left);
          dots[2] -= ai * 0.5 * (down - up);
        }
      }
    }
    return dots;
  }

  private void requireSize(Tuple theta) {
    if (theta.size() != params.size()) {
      throw new IllegalArgumentException(
          "theta has "
              + theta.size()
              + " tensors but this reaction-diffusion-advection law was built for "
              + params.size()
              + "; build it with ReactionDiffusionAdvection.of on the network's parameters");
    }
  }
}
