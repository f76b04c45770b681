package org.node4j.lab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * The training workloads W1, W2 and W4 of docs/WORKLOADS.md: an ODE block of a seed network with a
 * Flatten + Linear head, cross-entropy on the labels s mod classes, and one Adam step per
 * iteration, in float32. Weights are formula A with the block's conv layers at L = 0, 1, 2 and the
 * head at L = 3.
 */
final class ClassifierWorkload {

  /** The three training workloads, with their docs/WORKLOADS.md settings and the peer's figures. */
  enum Spec {
    /** Sphere2 block, Euler 64 steps, backprop through the solver. */
    W1(
        "sphere2-euler64: Sphere2 Conv1D block, Euler 64 steps, stored stages, batch 128, Adam",
        "0.6937820",
        55.0,
        11.0,
        20,
        200),
    /** Sphere2 block, RK4 3/8 rule 16 steps, continuous adjoint. */
    W2(
        "sphere2-rk4-16-adjoint: Sphere2 block, rk4-38 16 steps, continuous adjoint, batch 128",
        null,
        90.7,
        18.0,
        20,
        200),
    /** CIFAR-10 block, Euler 8 steps, backprop through the solver. */
    W4(
        "cifar-block-euler8: Conv2D 3-128-128-3 block, Euler 8 steps, stored stages, batch 32",
        "2.3032894",
        1590.0,
        1.25 * 1590.0,
        2,
        10);

    final String description;
    final String expectedLoss;
    final double peerMs;
    final double targetMs;
    final int warmups;
    final int iterations;

    Spec(String description, String expectedLoss, double peerMs, double targetMs, int w, int n) {
      this.description = description;
      this.expectedLoss = expectedLoss;
      this.peerMs = peerMs;
      this.targetMs = targetMs;
      this.warmups = w;
      this.iterations = n;
    }
  }

  private ClassifierWorkload() {}

  /** Builds the model of {@code spec}, runs it under {@code plan} and returns the result. */
  static WorkloadResult run(Spec spec, RunPlan plan) {
    boolean image = spec == Spec.W4;
    int batch = image ? 32 : 128;
    int classes = image ? 10 : 2;
    int[] sample = image ? new int[] {3, 32, 32} : new int[] {1, 2};
    Sequential net =
        image
            ? SeedModels.imageField(3, SeedModels.IMAGE_WIDTH, DType.FLOAT32, "")
            : SeedModels.sphere2Field(DType.FLOAT32, "");
    int next = WorkloadModels.formulaA(net, 0);
    Sequential head = ClassifierHead.of(sample, classes, DType.FLOAT32);
    WorkloadModels.formulaA(head, next);
    OdeBlock block = block(spec, NeuralField.autonomous(net));
    OdeClassifier model = new OdeClassifier(block, head);
    Adam adam =
        new Adam(
            AdamOptions.adam(), List.of(ParamGroup.of(model.parameters(), image ? 1e-3 : 1e-4)));
    Tensor x = Inputs.batch(DType.FLOAT32, shape(batch, sample));
    int[] labels = WorkloadFormulas.labels(batch, classes);
    OdeClassifier.Step[] first = new OdeClassifier.Step[1];
    Timing timing =
        Timing.measure(
            plan.warmups(spec.warmups),
            plan.iterations(spec.iterations),
            i -> {
              model.zeroGrad();
              OdeClassifier.Step s = model.trainBatch(x, labels, batch);
              adam.step();
              if (i == 0) {
                first[0] = s;
              }
            });
    OdeClassifier.Step s = first[0];
    var details = new LinkedHashMap<String, Object>();
    details.put("gradientMethod", s.report().method());
    details.put("forwardSteps", s.report().forwardSteps());
    return Inputs.result(
        true,
        spec.name(),
        spec.description,
        s.loss(),
        spec.expectedLoss,
        s.report().forwardEvaluations(),
        s.report().backwardEvaluations(),
        timing,
        spec.peerMs,
        spec.targetMs,
        details);
  }

  private static OdeBlock block(Spec spec, NeuralField field) {
    Solver solver = spec == Spec.W2 ? Solvers.rk4ThreeEighths() : Solvers.euler();
    int steps = spec == Spec.W1 ? 64 : spec == Spec.W2 ? 16 : 8;
    GradientMethod method = spec == Spec.W2 ? ContinuousAdjoint.create() : StoredStages.create();
    return OdeBlock.builder(field)
        .span(0, 1)
        .setup(SolveSetup.of(solver, ConstantSteps.count(steps)))
        .method(method)
        .build();
  }

  private static int[] shape(int batch, int[] sample) {
    int[] s = new int[sample.length + 1];
    s[0] = batch;
    System.arraycopy(sample, 0, s, 1, sample.length);
    return s;
  }
}
