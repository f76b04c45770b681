package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.train.Evaluator;
import org.node4j.lab.train.ExperimentData;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TestGrid;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.TrainingSummary;
import org.node4j.nn.io.AtomicFiles;
import org.node4j.nn.io.ParameterStore;
import org.node4j.ode.solver.Solver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code node4j evaluate}: Ott et al.'s test of a trained model with other solvers. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a trained run on its test set with other solvers and step counts (Ott et al.):",
      "K_test = round(factor x K_train) after fixed-step training, tol_test = factor x tol_train",
      "after adaptive training. Accuracies are true accuracies. Writes DIR/evaluation.csv."
    })
final class EvaluateCommand implements Callable<Integer> {
  private static final String HEADER =
      "test_solver,factor,steps,tolerance,accuracy,correct,count,mean_nfe";

  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;
  @ParentCommand private Main main;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  private Path run;

  @Option(
      names = "--test-solvers",
      split = ",",
      paramLabel = "NAME",
      description =
          "Test solvers (default: as in the experiment, the paper's for the training solver: euler ->"
              + " euler,midpoint,rk4-38; rk4-38 -> rk4-38; fehlberg2 -> fehlberg2,dopri5; dopri5 ->"
              + " dopri5; otherwise euler,midpoint,rk4-38 or the adaptive training solver).")
  private List<String> solvers = new ArrayList<>();

  @Option(
      names = "--factors",
      split = ",",
      paramLabel = "F",
      description = "Step factors (default 0.5,0.75,1,1.5,2) or tolerance factors (0.1,1,10).")
  private List<Double> factors = new ArrayList<>();

  /**
   * One line of {@code evaluation.csv}.
   *
   * @param testSolver the test solver
   * @param factor the step or tolerance factor
   * @param steps K_test, or null
   * @param tolerance tol_test, or null
   * @param accuracy the true test accuracy
   * @param correct correct predictions
   * @param count test samples
   * @param meanEvaluations mean function evaluations per test batch
   */
  record Row(
      String testSolver,
      double factor,
      Long steps,
      Double tolerance,
      double accuracy,
      long correct,
      long count,
      double meanEvaluations) {
    String csv() {
      return String.join(
          ",",
          testSolver,
          Double.toString(factor),
          steps == null ? "" : steps.toString(),
          tolerance == null ? "" : tolerance.toString(),
          Double.toString(accuracy),
          Long.toString(correct),
          Long.toString(count),
          Double.toString(meanEvaluations));
    }
  }

  @Override
  public Integer call() throws IOException {
    Lab lab = main.lab();
    RunDirectory dir = new RunDirectory(run);
    ExperimentConfig config = dir.readConfig(lab.configs());
    TrainingSummary trained = dir.readSummary();
    List<Solver> testSolvers = solvers.stream().map(n -> lab.catalogue().solvers().get(n)).toList();
    List<TestGrid.TestCase> cases =
        TestGrid.cases(trained, config.integration(), testSolvers, factors);
    DatasetSplit data = ExperimentData.load(config.data());
    TrainableModel model = lab.training().build(config, data);
    ParameterStore.load(dir.finalParams(), model.parameters());
    Evaluator evaluator = new Evaluator(model, data.test(), config.training().evalBatchSize());
    List<Row> rows = new ArrayList<>();
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (TestGrid.TestCase c : cases) {
      Evaluator.Result r = evaluator.evaluate(model, c.integration());
      Row row =
          new Row(
              c.solver(),
              c.factor(),
              c.steps(),
              c.tolerance(),
              r.accuracy(),
              r.correct(),
              r.count(),
              r.meanEvaluations());
      rows.add(row);
      csv.append(row.csv()).append('\n');
    }
    AtomicFiles.writeString(dir.evaluation(), csv);
    print(trained, rows);
    return 0;
  }

  private void print(TrainingSummary trained, List<Row> rows) {
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(w, rows);
      return;
    }
    w.printf(Locale.ROOT, "trained with %s%n", TrainCommand.describe(trained));
    w.printf(
        Locale.ROOT,
        "%-12s %7s %10s %9s %9s%n",
        "test solver",
        "factor",
        "steps/tol",
        "accuracy",
        "NFE");
    for (Row r : rows) {
      String disc =
          r.steps() != null
              ? r.steps().toString()
              : String.format(Locale.ROOT, "%.3g", r.tolerance());
      w.printf(
          Locale.ROOT,
          "%-12s %7.3g %10s %9.4f %9.1f%n",
          r.testSolver(),
          r.factor(),
          disc,
          r.accuracy(),
          r.meanEvaluations());
    }
    w.flush();
  }
}
