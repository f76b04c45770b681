package org.node4j.ode;

/**
 * Sees every accepted step of a solve, in order. Rejected steps are not reported.
 *
 * <p>Gradient methods use it to record each step (backpropagation through the solver) or to keep
 * checkpoints; diagnostics use it to trace step sizes. The callback runs inside the stepping loop,
 * so it should be cheap and must not modify the states it is shown.
 *
 * @param <S> the state type
 */
@FunctionalInterface
public interface StepObserver<S> {

  /** Called after a step is accepted, before the solver moves on. */
  void onAcceptedStep(AcceptedStep<S> step);

  /** Returns an observer that ignores every step. */
  static <S> StepObserver<S> none() {
    return step -> {};
  }
}
