package org.node4j.ode;

/**
 * A read-only view of one Runge-Kutta step: its start, size, end states and stages. {@link
 * StepObserver}s receive it for every accepted step; gradient methods use it to record or
 * checkpoint steps.
 *
 * <p>The view and the states it returns are owned by the solver's workspace and are overwritten by
 * the next step: copy what must outlive the callback.
 *
 * @param <S> the state type
 */
public interface AcceptedStep<S> {

  /** Returns the time at the start of the step. */
  double t0();

  /** Returns the signed step size (negative when integrating backward in time). */
  double h();

  /** Returns the time at the end of the step, exactly as the solver stores it. */
  double t1();

  /** Returns the state at the start of the step. */
  S y0();

  /** Returns the state at the end of the step. */
  S y1();

  /** Returns the number of stages s. */
  int stageCount();

  /** Returns stage derivative k_i = f(t0 + c_i h, Y_i), for {@code 0 <= i < stageCount()}. */
  S stage(int i);
}
