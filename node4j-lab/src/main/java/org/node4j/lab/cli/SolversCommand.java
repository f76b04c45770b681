package org.node4j.lab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.ode.integrate.EmpiricalOrder;
import org.node4j.ode.solver.ButcherTableau;
import org.node4j.ode.solver.RungeKutta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code node4j solvers}: the solver catalogue, with the convergence order each solver shows on a
 * linear system with a closed-form solution, measured when the command runs.
 *
 * <p>The measured order is the least-squares slope of log2(error) against log2(h) in float64 (see
 * {@link EmpiricalOrder}); it tells a user the claimed order is real, not just printed.
 */
@Command(
    name = "solvers",
    mixinStandardHelpOptions = true,
    description = {
      "List the Runge-Kutta solvers: order, stages, FSAL, adaptivity, and the empirical order",
      "measured now on y' = A y (slope of log error against log h, float64)."
    })
final class SolversCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main main;
  @Mixin private JsonOption json;

  /** One row of the catalogue. */
  record Row(
      String name,
      int order,
      Integer embeddedOrder,
      int stages,
      boolean fsal,
      boolean adaptive,
      String denseOutput,
      double empiricalOrder) {}

  @Override
  public Integer call() {
    List<Row> rows = new ArrayList<>();
    main.lab()
        .catalogue()
        .solvers()
        .entries()
        .forEach(
            (name, solver) -> {
              if (solver instanceof RungeKutta rk) {
                rows.add(row(name, rk));
              }
            });
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, rows);
    } else {
      printTable(out, rows);
    }
    return 0;
  }

  static Row row(String name, RungeKutta solver) {
    ButcherTableau t = solver.tableau();
    return new Row(
        name,
        t.order(),
        t.hasErrorEstimate() ? t.errorOrder() : null,
        t.stages(),
        t.fsal(),
        solver.adaptive(),
        t.hasDenseOutput() ? "tableau (order " + t.denseOrder() + ")" : "cubic Hermite",
        EmpiricalOrder.measure(solver).slope());
  }

  private static void printTable(PrintWriter out, List<Row> rows) {
    String fmt = "%-11s %5s %8s %6s %5s %8s %9s  %s%n";
    out.printf(
        fmt, "solver", "order", "embedded", "stages", "fsal", "adaptive", "measured", "dense");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          fmt,
          r.name(),
          r.order(),
          r.embeddedOrder() == null ? "-" : r.embeddedOrder(),
          r.stages(),
          r.fsal() ? "yes" : "no",
          r.adaptive() ? "yes" : "no",
          String.format(Locale.ROOT, "%.2f", r.empiricalOrder()),
          r.denseOutput());
    }
    out.flush();
  }
}
