package org.node4j.lab.experiment.anode;

import java.util.ArrayList;
import java.util.List;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;

/**
 * ANODE's consistency question (Gholami et al., IJCAI 2019, Section 3 and Figure 2) for one block
 * z(1) = z(0) + integral of f over [0, 1] with N_t constant steps of one scheme: how far are the
 * gradients of L = &lt;c, z(1)&gt; with respect to (theta, z(0)) computed by
 *
 * <ul>
 *   <li>DTO with checkpointing ({@link Checkpointed#every every(N_t)}: only the block's input is
 *       kept, the steps are recomputed and back-propagated exactly), and
 *   <li>OTD ({@link ContinuousAdjoint}: (z, alpha, g_theta) solved backward in time with the same
 *       scheme and N_t)
 * </ul>
 *
 * <p>from the exact gradient of the discrete forward map, back-propagation through the stored
 * stages of the N_t steps ({@link StoredStages})? It also reports how well solving the forward ODE
 * backward in time with the same scheme and N_t reconstructs z(0), which OTD relies on.
 */
public final class GradientConsistency {
  private final NeuralField field;
  private final Tensor z0;
  private final Tensor cotangent;
  private final Scheme scheme;

  /**
   * Sets up the comparison for {@code kind}'s field, input and cotangent drawn from {@code seed}.
   */
  public GradientConsistency(ProbeField kind, Scheme scheme, long seed) {
    this.field = kind.field(seed);
    this.z0 = kind.input(seed);
    this.cotangent = kind.cotangent(seed);
    this.scheme = scheme;
  }

  /** Measures every N_t of {@code steps}, in order. */
  public List<Point> sweep(List<Integer> steps) {
    List<Point> out = new ArrayList<>();
    for (int n : steps) {
      out.add(measure(n));
    }
    return out;
  }

  /** Measures one N_t. */
  public Point measure(int steps) {
    GradProblem<Tensor, Tuple> problem =
        GradProblem.builder(field, TensorOps.INSTANCE)
            .span(0, 1)
            .setup(SolveSetup.steps(scheme.solver(), steps))
            .build();
    Gradient exact = gradient(StoredStages.create(), problem);
    Gradient dto = gradient(Checkpointed.every(steps), problem);
    Gradient otd = gradient(ContinuousAdjoint.create(), problem);
    return new Point(
        steps,
        dto.relativeError(exact, field.gradOps()),
        otd.relativeError(exact, field.gradOps()),
        reconstructionError(exact.zT, steps));
  }

  private Gradient gradient(GradientMethod method, GradProblem<Tensor, Tuple> problem) {
    GradientPass<Tensor, Tuple> pass = method.prepare(problem);
    Tensor zT = pass.forward(z0).copy();
    Tensor dz0 = z0.zerosLike();
    Tuple dTheta = field.newGrad();
    pass.backward(cotangent, dz0, dTheta);
    return new Gradient(zT, dz0, dTheta);
  }

  /** ||z~(0) - z(0)|| / ||z(0)||, z~ solved back from z(1) with the same scheme and N_t. */
  private double reconstructionError(Tensor zT, int steps) {
    Tensor back =
        Integrator.solve(
                SolveSpec.builder(field, TensorOps.INSTANCE, zT)
                    .span(1, 0)
                    .setup(SolveSetup.steps(scheme.solver(), steps))
                    .build())
            .y();
    Tensor d = back.copy();
    TensorOps.INSTANCE.axpy(-1.0, z0, d);
    return Math.sqrt(TensorOps.INSTANCE.dot(d, d) / TensorOps.INSTANCE.dot(z0, z0));
  }

  /** A gradient of L with respect to (z(0), theta), and the z(1) of its forward pass. */
  private record Gradient(Tensor zT, Tensor dz0, Tuple dTheta) {
    /** ||(dz0, dTheta) - exact|| / ||exact|| over both parts. */
    double relativeError(Gradient exact, StateOps<Tuple> gradOps) {
      TensorOps t = TensorOps.INSTANCE;
      Tensor dz = dz0.copy();
      t.axpy(-1.0, exact.dz0, dz);
      Tuple dg = gradOps.zerosLike(dTheta);
      gradOps.copyInto(dTheta, dg);
      gradOps.axpy(-1.0, exact.dTheta, dg);
      double num = t.dot(dz, dz) + gradOps.dot(dg, dg);
      double den = t.dot(exact.dz0, exact.dz0) + gradOps.dot(exact.dTheta, exact.dTheta);
      return Math.sqrt(num / den);
    }
  }

  /**
   * One N_t's figures.
   *
   * @param steps N_t
   * @param dtoError relative error of DTO with checkpointing against back-propagation
   * @param otdError relative error of OTD against back-propagation
   * @param reconstructionError relative error of z(0) solved backward from z(1)
   */
  public record Point(int steps, double dtoError, double otdError, double reconstructionError) {}
}
