package org.node4j.lab.bench;

import java.util.LinkedHashMap;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.grad.AdjointNorm;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * Workload W3 of docs/WORKLOADS.md: the MLP field Linear(2,64) tanh Linear(64,64) tanh Linear(64,2)
 * with formula B weights, in float64, solved by Dormand-Prince 5(4) with torchdiffeq's controller
 * (I control, safety 0.9, factors [0.2, 10], rtol 1e-5, atol 1e-7, Hairer's initial step) on [0,
 * 1], loss mean(z(1)^2) over a batch of 512, differentiated (a) through the solver or (b) by the
 * continuous adjoint with the same tolerances and torchdiffeq's default adjoint error norm (the
 * largest of the RMS norms of z, a and all parameter gradients, {@link AdjointNorm#MIXED}). One
 * iteration is forward + backward (no optimiser).
 */
final class MlpDopriWorkload {
  static final int BATCH = 512;

  /** The two gradient methods. */
  enum Variant {
    /** Backprop through the solver. */
    A("W3(a)", StoredStages.create(), 122.0, 40.0),
    /** Continuous adjoint, same solver and tolerances backwards. */
    B("W3(b)", ContinuousAdjoint.create().withNorm(AdjointNorm.MIXED), 230.0, 75.0);

    final String id;
    final GradientMethod method;
    final double peerMs;
    final double targetMs;

    Variant(String id, GradientMethod method, double peerMs, double targetMs) {
      this.id = id;
      this.method = method;
      this.peerMs = peerMs;
      this.targetMs = targetMs;
    }
  }

  private MlpDopriWorkload() {}

  /** Runs one variant under {@code plan}: 20 timed iterations after 3 warm-ups by default. */
  static WorkloadResult run(Variant v, RunPlan plan) {
    Sequential net = SeedModels.mlpField(2, 64, 2, DType.FLOAT64, "");
    WorkloadModels.formulaB(net, 0);
    OdeBlock block =
        OdeBlock.builder(NeuralField.autonomous(net))
            .span(0, 1)
            .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-5, 1e-7)))
            .method(v.method)
            .build();
    Tensor x = Inputs.batch(DType.FLOAT64, BATCH, 2);
    Tensor dLdz = x.zerosLike();
    Tensor dLdx = x.zerosLike();
    double[] loss = new double[1];
    double[] norm = new double[1];
    GradientReport[] report = new GradientReport[1];
    Timing timing =
        Timing.measure(
            plan.warmups(3),
            plan.iterations(20),
            i -> {
              for (Parameter p : block.parameters()) {
                p.zeroGrad();
              }
              double l = Inputs.meanSquare(block.forward(x), dLdz);
              GradientReport r = block.backward(dLdz, dLdx);
              if (i == 0) {
                loss[0] = l;
                report[0] = r;
                norm[0] = Inputs.gradNorm(block.parameters());
              }
            });
    var details = new LinkedHashMap<String, Object>();
    details.put("gradientNorm", norm[0]);
    details.put("expectedGradientNorm", "25.403");
    details.put("gradientNormMatches", Expected.matches(norm[0], "25.403"));
    details.put("forwardSteps", report[0].forwardSteps());
    details.put("peerForwardEvaluations", 98);
    if (v == Variant.B) {
      details.put("peerBackwardEvaluations", 116);
    }
    return Inputs.result(
        false,
        v.id,
        "mlp-dopri5: MLP 2-64-64-2 tanh, float64, dopri5 rtol 1e-5 atol 1e-7, "
            + v.method.name()
            + ", batch 512",
        loss[0],
        "1.282842",
        report[0].forwardEvaluations(),
        report[0].backwardEvaluations(),
        timing,
        v.peerMs,
        v.targetMs,
        details);
  }
}
