package org.node4j.lab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.systems.Problem;
import org.node4j.lab.systems.Problems;
import org.node4j.ode.Solution;
import org.node4j.ode.SolverException;
import org.node4j.ode.Statistics;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code node4j solve}: solves a built-in system and prints the final state and statistics. */
@Command(
    name = "solve",
    mixinStandardHelpOptions = true,
    description =
        "Solve a built-in ODE system and print the final state and the solver statistics.")
final class SolveCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;

  @Option(
      names = "--system",
      required = true,
      description = "The system: lotka-volterra, harmonic, van-der-pol, exponential.")
  private String system;

  @Option(names = "--solver", required = true, description = "The solver (see 'node4j solvers').")
  private String solver;

  @Option(names = "--t1", required = true, description = "The end time.")
  private double t1;

  @Option(names = "--mu", defaultValue = "1.0", description = "van der Pol's mu (default 1).")
  private double mu;

  @Option(names = "--max-steps", description = "Maximum accepted plus rejected steps.")
  private Integer maxSteps;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Stepping stepping;

  static final class Stepping {
    @Option(names = "--steps", description = "Constant steps: this many.")
    Integer steps;

    @ArgGroup(exclusive = false)
    Tolerances tolerances;
  }

  static final class Tolerances {
    @Option(names = "--rtol", required = true, description = "Relative tolerance (adaptive).")
    double rtol;

    @Option(names = "--atol", required = true, description = "Absolute tolerance (adaptive).")
    double atol;
  }

  /** The result printed by the command. */
  record Result(
      String system,
      String solver,
      String stepping,
      double t0,
      double t1,
      double[] finalState,
      String status,
      Statistics statistics) {}

  @Override
  public Integer call() {
    Problem problem = Problems.byName(system, mu);
    Solver rk = Solvers.byName(solver);
    StepSizeController controller = controller(rk);
    SolveSetup setup =
        new SolveSetup(rk, controller, maxSteps != null ? maxSteps : SolveSetup.DEFAULT_MAX_STEPS);
    SolveSpec.Builder<double[]> builder = problem.spec(problem.defaultY0(), t1).setup(setup);
    Solution<double[]> solution;
    try {
      solution = Integrator.solve(builder.build());
    } catch (SolverException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    Result result =
        new Result(
            problem.name(),
            rk.name(),
            describe(),
            problem.defaultT0(),
            solution.t(),
            solution.y(),
            solution.status().name(),
            solution.statistics());
    print(spec.commandLine().getOut(), result);
    return 0;
  }

  private StepSizeController controller(Solver rk) {
    if (stepping.steps != null) {
      return ConstantSteps.count(stepping.steps);
    }
    if (!rk.adaptive()) {
      throw new IllegalArgumentException(
          "solver '"
              + rk.name()
              + "' has no error estimate, so --rtol/--atol cannot drive it; use --steps N, or an"
              + " adaptive solver: "
              + String.join(", ", Solvers.adaptiveNames()));
    }
    return AdaptiveController.integral(stepping.tolerances.rtol, stepping.tolerances.atol);
  }

  private String describe() {
    return stepping.steps != null
        ? stepping.steps + " constant steps"
        : String.format(
            Locale.ROOT,
            "adaptive, rtol %g, atol %g",
            stepping.tolerances.rtol,
            stepping.tolerances.atol);
  }

  private void print(PrintWriter out, Result r) {
    if (json.enabled()) {
      JsonOutput.print(out, r);
      return;
    }
    Statistics s = r.statistics();
    out.printf(Locale.ROOT, "system       %s on [%s, %s]%n", r.system(), r.t0(), r.t1());
    out.printf(Locale.ROOT, "solver       %s, %s%n", r.solver(), r.stepping());
    out.printf(Locale.ROOT, "status       %s%n", r.status());
    out.printf(Locale.ROOT, "final state  %s%n", Arrays.toString(r.finalState()));
    out.printf(Locale.ROOT, "evaluations  %d%n", s.evaluations());
    out.printf(
        Locale.ROOT,
        "steps        %d accepted, %d rejected%n",
        s.acceptedSteps(),
        s.rejectedSteps());
    out.printf(Locale.ROOT, "step size    min %.6g, max %.6g%n", s.minStep(), s.maxStep());
    out.flush();
  }
}
