package org.node4j.ode.solver;

import org.node4j.ode.AcceptedStep;
import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;

/**
 * The mutable buffers of one solve with one {@link Solver}: the stages k_i, the candidate solution
 * y1, the error estimate, a stage input and the end derivative f(t1, y1). It also counts the
 * vector-field evaluations it performs and exposes the last step as an {@link AcceptedStep}.
 *
 * <p>Created by {@link Solver#workspace} for a solve, and kept for the next solve of the same shape
 * by a caller that solves repeatedly ({@link #restart}); not thread-safe. Everything it returns is
 * owned by it and overwritten by the next step.
 *
 * @param <S> the state type
 */
public final class RkWorkspace<S> implements AcceptedStep<S> {

  private final StateOps<S> ops;
  private final S[] k;
  private final boolean fsal;
  private final S stageInput;
  private final S error;
  private final double[] weights;
  private final S[] hermiteParts;
  private final S y1;
  private S endDerivative;
  private boolean endDerivativeKnown;
  private long evaluations;
  private double t0;
  private double h;
  private S y0;

  RkWorkspace(StateOps<S> ops, S like, ButcherTableau tableau) {
    this.ops = ops;
    this.fsal = tableau.fsal();
    this.k = ops.newArray(like, tableau.stages());
    for (int i = 0; i < k.length; i++) {
      k[i] = ops.zerosLike(like);
    }
    this.stageInput = ops.zerosLike(like);
    this.error = ops.zerosLike(like);
    this.y1 = ops.zerosLike(like);
    this.endDerivative = fsal ? null : ops.zerosLike(like);
    this.weights = new double[Math.max(k.length, 4)];
    this.hermiteParts = ops.newArray(like, 4);
  }

  double[] weights() {
    return weights;
  }

  S[] hermiteParts() {
    return hermiteParts;
  }

  /** Returns the state operations. */
  public StateOps<S> ops() {
    return ops;
  }

  S[] stages() {
    return k;
  }

  S stageInput() {
    return stageInput;
  }

  void evaluate(VectorField<S> f, double t, S z, int stage) {
    f.evaluate(t, z, k[stage]);
    evaluations++;
  }

  void recordStep(double t, double stepSize, S start) {
    this.t0 = t;
    this.h = stepSize;
    this.y0 = start;
    this.endDerivativeKnown = fsal;
  }

  /**
   * Readies this workspace for another solve with the same solver and state shape: the evaluation
   * count starts again from zero and no end derivative is known; the buffers stay, their contents
   * are overwritten by the first step.
   */
  public void restart() {
    evaluations = 0;
    endDerivativeKnown = false;
    t0 = 0;
    h = 0;
    y0 = null;
  }

  /** Evaluates f(t, y) into stage 0, for callers that need it before the first step. */
  public void evaluateFirstStage(VectorField<S> f, double t, S y) {
    evaluate(f, t, y, 0);
  }

  /**
   * Returns f(t1, y1) of the last step: the last stage for FSAL methods, otherwise evaluated once
   * (and then reused by {@link #advance} as the next step's first stage).
   */
  public S endDerivative(VectorField<S> f) {
    if (fsal) {
      return k[k.length - 1];
    }
    if (!endDerivativeKnown) {
      f.evaluate(t0 + h, y1, endDerivative);
      evaluations++;
      endDerivativeKnown = true;
    }
    return endDerivative;
  }

  /**
   * Makes f(t1, y1), when it is known, the first stage of the next step; call it after the caller
   * has moved its state to y1. Returns whether stage 0 now holds f(t1, y1), so that the caller may
   * use {@link Solver#stepFromFirstStage}.
   */
  public boolean advance() {
    if (!endDerivativeKnown) {
      return false;
    }
    int last = fsal ? k.length - 1 : -1;
    S known = fsal ? k[last] : endDerivative;
    S old = k[0];
    k[0] = known;
    if (fsal) {
      k[last] = old;
    } else {
      endDerivative = old;
    }
    endDerivativeKnown = false;
    return true;
  }

  /** Returns the number of vector-field evaluations made through this workspace. */
  public long evaluations() {
    return evaluations;
  }

  /** Returns the error estimate h sum_i e_i k_i of the last step (embedded methods only). */
  public S error() {
    return error;
  }

  @Override
  public double t0() {
    return t0;
  }

  @Override
  public double h() {
    return h;
  }

  @Override
  public double t1() {
    return t0 + h;
  }

  @Override
  public S y0() {
    return y0;
  }

  @Override
  public S y1() {
    return y1;
  }

  @Override
  public int stageCount() {
    return k.length;
  }

  @Override
  public S stage(int i) {
    return k[i];
  }
}
