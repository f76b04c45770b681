package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.SaveAt;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.FiniteDifferences;
import org.node4j.ode.testing.Tolerances;

/**
 * The contract of every gradient method, checked for every solver and controller it accepts and for
 * a loss on z(t1), on states at times on the step grid and on states at times inside steps (read
 * from the solver's interpolant), as Hipparchus's per-family contract tests and EJML's generic
 * tests do. Each case is its own dynamic test, so one failure hides no other.
 *
 * <ul>
 *   <li>Exact methods (stored stages, checkpointed, binomial) equal central finite differences of
 *       the discrete forward map with the accepted steps frozen, and each other to round-off.
 *   <li>Approximate methods converge to the exact discrete gradient at their theoretical order: the
 *       continuous adjoint at the solver's order as constant steps refine (Chen et al. 2018), and
 *       as the tolerance falls for adaptive steps; the memory-free reconstructions at the order of
 *       the method they reverse (Sander, Ablin and Peyre 2022).
 * </ul>
 */
class GradientMethodContractTest {

  private static final double T0 = 0.0;
  private static final double T1 = 1.0;
  private static final int STEPS = 8;
  private static final int[] REFINEMENTS = {8, 16, 32, 64};
  private static final double[] TOLERANCES = {1e-5, 1e-6, 1e-7, 1e-8};
  private static final double[] Z0 = {0.5, -0.3, 0.8, -1.0, 0.2, 0.4};

  /** A save policy of the cases, with a label. */
  private record Saving(String label, SaveAt saveAt, boolean needsGrid) {}

  private static final List<Saving> SAVINGS =
      List.of(
          new Saving("t1", SaveAt.t1(), false),
          // On the grid of 8 steps, including t0 (a jump straight into dL/dz0) and t1.
          new Saving("times on steps", SaveAt.times(0.0, 0.25, 0.5, 0.5, 1.0), true),
          // Inside steps only, the last one inside the last step (its end derivative).
          new Saving("times inside steps", SaveAt.times(0.3, 0.55, 0.9), false));

  private static List<GradientMethod> exactMethods() {
    return List.of(
        StoredStages.create(),
        Checkpointed.everyStep(),
        Checkpointed.every(3),
        Checkpointed.binomial(3L * Z0.length * Double.BYTES));
  }

  private static TanhMlp field() {
    return new TanhMlp(3, 5, 2, TanhMlp.params(3, 5, 0.3), true);
  }

  private static GradProblem<double[], double[]> problem(
      TanhMlp f, RungeKutta solver, StepSizeController c, SaveAt saveAt) {
    return GradProblem.builder(f, ArrayOps.INSTANCE)
        .span(T0, T1)
        .setup(SolveSetup.of(solver, c))
        .saveAt(saveAt)
        .build();
  }

  /** Equal steps, steps of a size that does not divide the span, and I and PID control. */
  private static List<StepSizeController> controllers(RungeKutta solver) {
    List<StepSizeController> out = new ArrayList<>();
    out.add(ConstantSteps.count(STEPS));
    out.add(ConstantSteps.size(0.15));
    if (solver.adaptive()) {
      out.add(AdaptiveController.integral(1e-6, 1e-8));
      out.add(AdaptiveController.pid(1e-6, 1e-8));
    }
    return out;
  }

  /** Whether the times of a save policy that needs the grid lie on the grid of {@code c}. */
  private static boolean onGrid(StepSizeController c) {
    return c instanceof ConstantSteps k && k.count() == STEPS;
  }

  private static boolean accepts(GradientMethod m, GradProblem<double[], double[]> p) {
    try {
      m.prepare(p);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @TestFactory
  Stream<DynamicNode> exactMethodsMatchFiniteDifferencesAndEachOther() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (RungeKutta solver : Solvers.all()) {
      for (StepSizeController c : controllers(solver)) {
        for (Saving s : SAVINGS) {
          if (s.needsGrid() && !onGrid(c)) {
            continue;
          }
          // Records that keep activations, and (with equal steps) the default StateRecord.
          for (boolean records : onGrid(c) ? new boolean[] {true, false} : new boolean[] {true}) {
            String label =
                solver.name()
                    + ", "
                    + describe(c)
                    + ", "
                    + s.label()
                    + (records ? ", activation records" : ", state records");
            Reference ref = new Reference(records, solver, c, s.saveAt());
            List<DynamicTest> tests = new ArrayList<>();
            for (GradientMethod m : exactMethods()) {
              tests.add(DynamicTest.dynamicTest(m.name(), () -> ref.check(m)));
            }
            nodes.add(DynamicContainer.dynamicContainer(label, tests));
          }
        }
      }
    }
    return nodes.stream();
  }

  /**
   * One problem's finite differences and stored-stages gradient, computed at the first check and
   * shared by the checks of every exact method.
   */
  private static final class Reference {
    private final TanhMlp field;
    private final GradProblem<double[], double[]> problem;
    private double[] fd;
    private double[] stored;

    Reference(boolean records, RungeKutta solver, StepSizeController c, SaveAt saveAt) {
      this.field = new TanhMlp(3, 5, 2, TanhMlp.params(3, 5, 0.3), records);
      this.problem = problem(field, solver, c, saveAt);
    }

    void check(GradientMethod m) {
      if (fd == null) {
        fd = GradCheck.finiteDifferences(problem, Z0, List.of(field.theta));
        stored = GradCheck.gradient(StoredStages.create(), problem, Z0).gradient();
      }
      double[] g = GradCheck.gradient(m, problem, Z0).gradient();
      assertThat(FiniteDifferences.relativeError(g, fd))
          .as("against finite differences")
          .isLessThan(Tolerances.GRADIENT_VS_FD);
      assertThat(FiniteDifferences.relativeError(g, stored))
          .as("against stored stages")
          .isLessThan(Tolerances.EXACT_VS_EXACT);
    }
  }

  @TestFactory
  Stream<DynamicNode> continuousAdjointConvergesAtTheSolversOrder() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (RungeKutta solver : Solvers.all()) {
      for (Saving s : SAVINGS) {
        nodes.add(
            DynamicTest.dynamicTest(
                solver.name() + ", constant steps, " + s.label(),
                () -> {
                  assertOrder(refinementSlope(ContinuousAdjoint.create(), solver, s), solver);
                }));
      }
      if (solver.adaptive()) {
        for (Saving s : SAVINGS) {
          if (s.needsGrid()) {
            continue;
          }
          nodes.add(
              DynamicTest.dynamicTest(
                  solver.name() + ", adaptive, " + s.label(),
                  () -> {
                    double slope = toleranceSlope(solver, s);
                    assertThat(slope)
                        .as("slope of the error against the tolerance")
                        .isBetween(1 - Tolerances.ORDER_BAND, 1 + Tolerances.ORDER_BAND);
                  }));
        }
      }
    }
    return nodes.stream();
  }

  @TestFactory
  Stream<DynamicNode> memoryFreeConvergesAtTheOrderOfTheStepItReverses() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (MemoryFree m : List.of(MemoryFree.euler(), MemoryFree.heun())) {
      for (RungeKutta solver : Solvers.all()) {
        GradProblem<double[], double[]> p =
            problem(field(), solver, ConstantSteps.count(STEPS), SaveAt.t1());
        if (!accepts(m, p)) {
          continue;
        }
        for (Saving s : SAVINGS) {
          nodes.add(
              DynamicTest.dynamicTest(
                  m.name() + ", " + solver.name() + ", " + s.label(),
                  () -> {
                    assertOrder(refinementSlope(m, solver, s), solver);
                  }));
        }
      }
    }
    return nodes.stream();
  }

  /**
   * Asserts that the error falls at least at the solver's order p, and not faster than p + 1: the
   * explicit trapezoid (heun, and heun-euler with constant steps) superconverges by one order here,
   * its continuous and discrete adjoints agreeing to O(h^3) on this smooth field.
   */
  private static void assertOrder(double slope, RungeKutta solver) {
    assertThat(-slope)
        .as("order (minus the slope of the error against the step count)")
        .isBetween(
            solver.order() - Tolerances.ORDER_BAND, solver.order() + 1 + Tolerances.ORDER_BAND);
  }

  /** The log-log slope of the error against the exact gradient over the refinements. */
  private static double refinementSlope(GradientMethod m, RungeKutta solver, Saving s) {
    double[] n = new double[REFINEMENTS.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = REFINEMENTS[i];
    }
    return slope(n, k -> problem(field(), solver, ConstantSteps.count((int) k), s.saveAt()), m);
  }

  /** The log-log slope of the continuous adjoint's error against the tolerance. */
  private static double toleranceSlope(RungeKutta solver, Saving s) {
    return slope(
        TOLERANCES,
        tol -> problem(field(), solver, AdaptiveController.integral(tol, tol), s.saveAt()),
        ContinuousAdjoint.create());
  }

  private static double slope(
      double[] x, DoubleFunction<GradProblem<double[], double[]>> problems, GradientMethod m) {
    double[] err = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      GradProblem<double[], double[]> p = problems.apply(x[i]);
      double[] exact = GradCheck.gradient(StoredStages.create(), p, Z0).gradient();
      double[] approx = GradCheck.gradient(m, p, Z0).gradient();
      err[i] = FiniteDifferences.relativeError(approx, exact);
    }
    return FiniteDifferences.logSlope(x, err);
  }

  private static String describe(StepSizeController c) {
    if (c instanceof ConstantSteps k) {
      return k.count() > 0 ? k.count() + " steps" : "steps of " + k.size();
    }
    return ((AdaptiveController) c).dcoeff() != 0 ? "PID" : "I control";
  }
}
