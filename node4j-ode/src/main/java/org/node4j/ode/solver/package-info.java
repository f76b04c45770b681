/**
 * Solvers: the {@link org.node4j.ode.solver.Solver} interface the integration loops use, its
 * Runge-Kutta sub-interface {@link org.node4j.ode.solver.RungeKutta} that exposes the tableau and
 * the interpolant to the gradient methods, the Butcher tableaux as data ({@link
 * org.node4j.ode.solver.ButcherTableau}, {@link org.node4j.ode.solver.Tableaus}) and the catalogue
 * {@link org.node4j.ode.solver.Solvers}. One package-private generic stepper implements every
 * tableau; nothing outside this package names it.
 */
package org.node4j.ode.solver;
