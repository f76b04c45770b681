package org.node4j.lab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.node4j.lab.config.ControllerConfig;
import org.node4j.lab.config.GradientConfig;
import org.node4j.lab.config.NameRegistry;
import org.node4j.lab.config.UsageException;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.solver.Solver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code node4j gradcheck}: "is my gradient right, and what does it cost?" for every gradient
 * method, on a real network in float64.
 */
@Command(
    name = "gradcheck",
    mixinStandardHelpOptions = true,
    description = {
      "Check every gradient method on a network in float64: relative error against central finite"
          + " differences and against the exact discrete gradient (stored stages), function"
          + " evaluations forward and backward, peak bytes held for the backward pass, time.",
      "Loss: mean(z(T)^2). Finite differences: "
          + GradCheckRun.DIRECTIONS
          + " random unit directions in parameter space, central, each step chosen so that the"
          + " loss moves by about "
          + GradCheckRun.FD_LOSS_CHANGE
          + " relative (with adaptive steps the methods freeze the accepted steps, finite"
          + " differences do not). Inputs: sin(1.3 s + 0.7 f) (docs/WORKLOADS.md), N(0,1) for sphere2"
          + " and relu-mlp.",
      "Methods and controllers take the names and keys of a configuration file's"
          + " integration.gradient and integration.controller: --method adjoint, or --method"
          + " '{name: adjoint, norm: seminorm, tolerance: 1e-7, controller: pid}'.",
      "Models: sphere2 = Sphere2 conv block 1->32->32->1 on [16, 1, 2] (Kaiming init);"
          + " mlp = W3 MLP 2->64->64->2 tanh on [32, 2] (formula B);"
          + " relu-mlp = MLP 2->64->64->2 ReLU on N(0,1) inputs [32, 2] (Kaiming init);"
          + " resnet/heunnet = W5 network, width 64, W5 weights, batch 16, depth from --depth"
          + " (Euler with N steps / Heun with N-1 steps; --solver and --steps do not apply);"
          + " ode-resnet = OdeResNet, a network of 2 ODE blocks (stem 3 channels, stages of 3"
          + " and 4) on N(0,1) inputs [4, 1, 6, 6] with its cross-entropy, every block with the"
          + " method, --solver and --steps."
    })
final class GradCheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;
  @ParentCommand private Main main;

  @Option(
      names = "--model",
      required = true,
      description = "sphere2, mlp, relu-mlp, resnet, heunnet or ode-resnet.")
  private String model;

  @Option(
      names = "--depth",
      split = ",",
      description = "Depths N of resnet/heunnet, comma-separated for a sweep (default 64).")
  private List<Integer> depths;

  @Option(
      names = "--solver",
      defaultValue = "rk4",
      description = "Solver of sphere2/mlp/relu-mlp (default rk4; see 'node4j solvers').")
  private String solver;

  @Option(names = "--steps", defaultValue = "16", description = "Constant steps (default 16).")
  private int steps;

  @Option(
      names = "--tol",
      description = "Adaptive steps with rtol = atol = TOL instead of --steps (embedded solvers).")
  private Double tol;

  @Option(
      names = "--controller",
      paramLabel = "CONTROLLER",
      description =
          "Controller of the adaptive forward solve (with --tol): integral (default), pi, pid, or"
              + " a mapping such as '{name: pid, pcoeff: -0.2}'.")
  private String controller;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      description =
          "all (default), a comma-separated list of stored, checkpointed, adjoint, memory-free,"
              + " or one method with options as in a configuration file, e.g. '{name:"
              + " checkpointed, budgetBytes: 100000}'; repeatable. 'all' skips methods that"
              + " cannot run with the solver.")
  private List<String> method = new ArrayList<>();

  /** The printed document. */
  record Report(
      String model,
      String description,
      String dtype,
      int batch,
      String loss,
      String finiteDifferences,
      List<GradCheckRun.Result> runs) {}

  @Override
  public Integer call() {
    GradCheckModels m = models().get(model);
    boolean all = method.isEmpty() || (method.size() == 1 && method.get(0).trim().equals("all"));
    List<GradientConfig> configs = all ? allMethods() : methods();
    List<Integer> ds = depths(m);
    Solver rk = main.lab().catalogue().solvers().get(solver);
    StepSizeController forward = controller(rk);
    List<GradCheckRun.Result> runs = new ArrayList<>();
    for (int depth : ds) {
      GradCheckTarget block = m.target(depth, rk, forward);
      Map<String, GradientMethod> run = new LinkedHashMap<>();
      List<GradCheckRun.Skipped> skipped = new ArrayList<>();
      for (GradientConfig g : configs) {
        String label = main.lab().configs().describe(g);
        try {
          run.put(label, g.method(block.setup().solver()));
        } catch (IllegalArgumentException e) {
          if (!all) {
            throw new UsageException("--method " + label + ": " + e.getMessage(), e);
          }
          skipped.add(new GradCheckRun.Skipped(label, e.getMessage()));
        }
      }
      runs.add(GradCheckRun.run(block, m.input(), depth, run, all, skipped));
    }
    Report r =
        new Report(
            m.cliName,
            m.description,
            "float64",
            m.batch,
            m.lossName(),
            GradCheckRun.DIRECTIONS
                + " random unit directions in parameter space, central differences, steps moving"
                + " the loss by about "
                + GradCheckRun.FD_LOSS_CHANGE
                + " relative",
            runs);
    print(spec.commandLine().getOut(), r);
    return 0;
  }

  /** Every method of the catalogue with its default options. */
  private List<GradientConfig> allMethods() {
    return main.lab().catalogue().gradients().entries().values().stream()
        .map(GradientConfig::of)
        .toList();
  }

  /** The methods as given: comma-separated names, or one method with options per value. */
  private List<GradientConfig> methods() {
    List<GradientConfig> out = new ArrayList<>();
    for (String value : method) {
      List<String> items =
          value.trim().startsWith("{") ? List.of(value) : List.of(value.split(","));
      for (String item : items) {
        out.add(main.lab().configs().parseValue(item.trim(), GradientConfig.class, "--method"));
      }
    }
    return out;
  }

  private List<Integer> depths(GradCheckModels m) {
    if (!m.deep()) {
      if (depths != null) {
        throw new UsageException(
            "--depth applies to resnet and heunnet; model '"
                + m.cliName
                + "' takes --solver and --steps");
      }
      return List.of(0);
    }
    List<Integer> ds = depths == null ? List.of(64) : depths;
    int min = m == GradCheckModels.HEUNNET ? 2 : 1;
    for (int d : ds) {
      if (d < min) {
        throw new UsageException("--depth must be >= " + min + " for " + m.cliName + ", got " + d);
      }
    }
    return ds;
  }

  private StepSizeController controller(Solver rk) {
    if (tol != null) {
      ControllerConfig c =
          controller == null
              ? ControllerConfig.integral()
              : main.lab().configs().parseValue(controller, ControllerConfig.class, "--controller");
      if (!rk.adaptive()) {
        throw new UsageException(
            "--tol needs an adaptive solver, but '" + rk.name() + "' has no error estimate");
      }
      return UserInput.of("--tol", () -> c.controller(tol, tol));
    }
    if (controller != null) {
      throw new UsageException("--controller drives adaptive solves; give --tol too");
    }
    return UserInput.of("--steps", () -> ConstantSteps.count(steps));
  }

  private void print(PrintWriter out, Report r) {
    if (json.enabled()) {
      JsonOutput.print(out, r);
      return;
    }
    out.printf(Locale.ROOT, "model   %s: %s%n", r.model(), r.description());
    out.printf(Locale.ROOT, "loss    %s, float64; FD: %s%n", r.loss(), r.finiteDifferences());
    for (GradCheckRun.Result run : r.runs()) {
      out.printf(
          Locale.ROOT,
          "%n%s%s, %s, %d parameters, loss %.10g%n",
          run.depth() > 0 ? "depth " + run.depth() + ", " : "",
          run.solver(),
          run.steps(),
          run.parameters(),
          run.loss());
      out.printf(
          Locale.ROOT,
          "  %-30s %10s %10s %8s %8s %12s %9s %9s%n",
          "method",
          "err vs FD",
          "vs exact",
          "nfe fwd",
          "nfe bwd",
          "bytes held",
          "fwd ms",
          "bwd ms");
      for (GradCheckRun.MethodResult mr : run.methods()) {
        out.printf(
            Locale.ROOT,
            "  %-30s %10.2e %10.2e %8d %8d %12d %9.2f %9.2f%n",
            mr.method(),
            mr.relErrorVsFiniteDifferences(),
            mr.relErrorVsExact(),
            mr.forwardEvaluations(),
            mr.backwardEvaluations(),
            mr.peakBytesHeld(),
            mr.forwardMillis(),
            mr.backwardMillis());
      }
      for (GradCheckRun.Skipped s : run.skipped()) {
        out.printf(Locale.ROOT, "  %-30s skipped: %s%n", s.method(), s.reason());
      }
    }
    out.flush();
  }

  /** The models, by name: built at this edge, as every registry is. */
  private static NameRegistry<GradCheckModels> models() {
    NameRegistry.Builder<GradCheckModels> b = NameRegistry.builder("model");
    for (GradCheckModels m : GradCheckModels.values()) {
      b.add(m.cliName, m);
    }
    return b.build();
  }
}
