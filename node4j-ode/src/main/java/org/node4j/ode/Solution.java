package org.node4j.ode;

import java.util.List;

/**
 * The result of a solve: how it ended, the last state reached, the states saved by the save policy
 * and the statistics. A failed solve's partial solution is the same type, reached through {@link
 * SolverException#partialSolution()}.
 *
 * @param <S> the state type
 */
public final class Solution<S> {

  private final Status status;
  private final double t;
  private final S y;
  private final double[] times;
  private final List<S> states;
  private final Statistics statistics;

  /** Creates a solution; {@code times} is copied and {@code states} made unmodifiable. */
  public Solution(
      Status status, double t, S y, double[] times, List<S> states, Statistics statistics) {
    if (times.length != states.size()) {
      throw new IllegalArgumentException(
          times.length + " saved times but " + states.size() + " saved states");
    }
    this.status = status;
    this.t = t;
    this.y = y;
    this.times = times.clone();
    this.states = List.copyOf(states);
    this.statistics = statistics;
  }

  /** Returns how the solve ended. */
  public Status status() {
    return status;
  }

  /** Returns whether the solve reached t1. */
  public boolean isSuccess() {
    return status == Status.SUCCESS;
  }

  /** Returns the time of {@link #y()}: t1 on success, otherwise where the solve stopped. */
  public double t() {
    return t;
  }

  /** Returns the last state reached (the final state on success); owned by the caller. */
  public S y() {
    return y;
  }

  /** Returns a copy of the saved times. */
  public double[] times() {
    return times.clone();
  }

  /** Returns the saved states, in the order of {@link #times()}; each owned by the caller. */
  public List<S> states() {
    return states;
  }

  /** Returns the statistics. */
  public Statistics statistics() {
    return statistics;
  }
}
