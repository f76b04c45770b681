package org.node4j.lab.experiment.anode;

import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * ANODE's three time-stepping schemes (Gholami et al. 2019, §3; their released code,
 * amirgholami/anode, {@code anode/scheme.py}): forward Euler, RK2 as the explicit midpoint rule z +
 * h f(z + h/2 f(z)), and the classic RK4.
 */
public enum Scheme {
  /** Forward Euler, order 1. */
  EULER("euler", 1, Solvers.euler()),
  /** Explicit midpoint, order 2 (ANODE's RK2). */
  RK2("midpoint", 2, Solvers.midpoint()),
  /** Classic Runge-Kutta 1/6, 1/3, 1/3, 1/6, order 4. */
  RK4("rk4", 4, Solvers.rk4());

  private final String solverName;
  private final int order;
  private final Solver solver;

  Scheme(String solverName, int order, Solver solver) {
    this.solverName = solverName;
    this.order = order;
    this.solver = solver;
  }

  /** Returns the solver's name in {@code node4j solvers}. */
  public String id() {
    return solverName;
  }

  /** Returns the classical order of the scheme. */
  public int order() {
    return order;
  }

  /** Returns the solver. */
  public Solver solver() {
    return solver;
  }

  /** Returns the scheme whose solver is named {@code id}, listing the valid names otherwise. */
  public static Scheme byId(String id) {
    return Ids.byId(values(), v -> v.solverName, "scheme", id);
  }
}
