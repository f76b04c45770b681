package org.node4j.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.node4j.nn.field.Anodev2Field;
import org.node4j.nn.field.TimeInput;
import org.node4j.nn.field.WeightDynamics;
import org.node4j.nn.field.WeightDynamicsKind;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;

/**
 * An ANODEV2 block (Zhang, Yao, Gholami et al., NeurIPS 2019): over [0, 1] the activations and the
 * body's weights evolve together, z' = f(z; theta), theta' = q(theta; p), from z(0) = the input and
 * theta(0) = the body's own parameter values. The learned quantities are theta(0) and p; a gradient
 * method on the coupled {@link Anodev2Field} gives both exactly for a discretise-then-optimise
 * method (with {@code Checkpointed}: ANODE's DTO at O(N_t) memory). With Euler steps the solve is
 * the paper's explicit scheme: each theta_k acts over the following step.
 *
 * <p>The block passes the body's parameter tensors as theta(0) by reference, so an optimiser that
 * updates them updates theta(0); dL/dtheta(0) is added into their gradient buffers and dL/dp into
 * p's. It keeps one gradient pass and its cotangent buffers per input shape. Not thread-safe.
 */
public final class Anodev2Block implements ContinuousBlock {
  private final Anodev2Field field;
  private final List<Parameter> theta;
  private final Tuple theta0;
  private final List<Parameter> parameters;
  private SolveSetup setup;
  private GradientMethod method;
  private final List<Slot> passes = new ArrayList<>();
  private Slot pending;

  private Anodev2Block(Anodev2Field field, SolveSetup setup, GradientMethod method) {
    this.field = field;
    this.theta = field.network().parameters();
    this.theta0 = Tuple.of(theta.stream().map(Parameter::value).toArray());
    List<Parameter> all = new ArrayList<>(theta);
    all.addAll(field.dynamics().parameters());
    this.parameters = List.copyOf(all);
    this.setup = Objects.requireNonNull(setup, "setup");
    this.method = Objects.requireNonNull(method, "method");
    method.prepare(problem(setup)); // validates the combination up front
  }

  /**
   * Returns the block of {@code body} (an autonomous f, channels to channels) whose weights evolve
   * by q of the given kind.
   *
   * @param lambda the decay rate of {@link WeightDynamicsKind#DECAY_GAIN_DRIFT}, ignored otherwise
   */
  public static Anodev2Block of(
      Layer body, WeightDynamicsKind kind, double lambda, SolveSetup setup, GradientMethod method) {
    return new Anodev2Block(Anodev2Field.of(body, TimeInput.NONE, kind, lambda), setup, method);
  }

  /** Returns the coupled field. */
  public Anodev2Field field() {
    return field;
  }

  /** Returns q, the law of the weights. */
  public WeightDynamics dynamics() {
    return field.dynamics();
  }

  /** Returns theta(0) (the body's parameters), then p. */
  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Returns p: q's coefficients start at zero, so the block starts as a plain neural ODE. */
  @Override
  public List<Parameter> keepInitial() {
    return field.dynamics().parameters();
  }

  @Override
  public void setMethod(GradientMethod newMethod) {
    newMethod.prepare(problem(setup));
    method = newMethod;
    passes.clear();
    pending = null;
  }

  @Override
  public void setIntegration(SolveSetup newSetup) {
    method.prepare(problem(Objects.requireNonNull(newSetup, "setup")));
    setup = newSetup;
    passes.clear();
    pending = null;
  }

  @Override
  public Tensor forward(Tensor z0) {
    pending = slotFor(z0);
    Tuple yT = pending.pass.forward(Anodev2Field.state(z0, theta0));
    return yT.part(0);
  }

  @Override
  public GradientReport backward(Tensor dLdzT, Tensor dLdz0) {
    if (pending == null) {
      throw new IllegalStateException("backward needs a forward pass first");
    }
    Slot s = pending;
    pending = null;
    field.thetaOps().fillZero(s.zeroTheta);
    GradientReport r =
        s.pass.backward(
            Anodev2Field.state(dLdzT, s.zeroTheta),
            Anodev2Field.state(dLdz0, s.dTheta0),
            field.dynamics().ownGradient());
    for (int j = 0; j < theta.size(); j++) {
      Tensor g = theta.get(j).grad();
      Tensor d = s.dTheta0.part(j);
      for (int i = 0, n = g.size(); i < n; i++) {
        g.set(i, g.get(i) + d.get(i));
      }
    }
    return r;
  }

  @Override
  public long bytesHeld() {
    return pending == null ? 0 : pending.pass.bytesHeld();
  }

  @Override
  public Tensor evaluate(Tensor z0) {
    Tuple y0 = Anodev2Field.state(z0, theta0);
    Tuple yT =
        Integrator.solve(
                SolveSpec.builder(field.field(), field.stateOps(), y0)
                    .span(0, 1)
                    .setup(setup)
                    .saveAt(SaveAt.t1())
                    .build())
            .y();
    return yT.part(0);
  }

  private GradProblem<Tuple, Tuple> problem(SolveSetup with) {
    return GradProblem.builder(field.field(), field.stateOps()).span(0, 1).setup(with).build();
  }

  private Slot slotFor(Tensor z0) {
    for (Slot s : passes) {
      if (s.dtype == z0.dtype() && Arrays.equals(s.shape, z0.shape())) {
        return s;
      }
    }
    Tuple zero = field.network().zerosLikeTheta();
    Slot s =
        new Slot(
            z0.shape(),
            z0.dtype(),
            method.prepare(problem(setup)),
            zero,
            field.network().zerosLikeTheta());
    passes.add(s);
    return s;
  }

  /** The gradient pass of one input shape, beta(1) = 0 and the dL/dtheta(0) buffer. */
  private record Slot(
      int[] shape, DType dtype, GradientPass<Tuple, Tuple> pass, Tuple zeroTheta, Tuple dTheta0) {}
}
