// W3 (a), or (b) with -Dw3b=true, of docs/WORKLOADS.md for scripts/probes/jar-ab/JarAB.java: the class that
// each build's class loader loads; compiled against either jar (the API it uses is the same).

import java.util.List;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.node4j.lab.bench.WorkloadFormulas;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.grad.AdjointNorm;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

public class W3Iter implements java.util.function.BiFunction<Integer, Integer, double[]> {
  final OdeBlock block; final Tensor x, dz, dx; double fl = Double.NaN, fg = Double.NaN;
  public W3Iter() {
    boolean adj = Boolean.getBoolean("w3b");
    Sequential net = SeedModels.mlpField(2, 64, 2, DType.FLOAT64, "");
    WorkloadModels.formulaB(net, 0);
    block = OdeBlock.builder(NeuralField.autonomous(net)).span(0, 1)
        .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-5, 1e-7)))
        .method(adj ? ContinuousAdjoint.create().withNorm(AdjointNorm.MIXED) : StoredStages.create()).build();
    x = Tensor.zeros(DType.FLOAT64, 512, 2);
    WorkloadFormulas.inputs().fill(x, (RandomGenerator) null);
    dz = x.zerosLike(); dx = x.zerosLike();
  }
  public double[] apply(Integer threads, Integer n) {
    Parallel.withThreads(threads, () -> {
      for (int i = 0; i < n; i++) {
        block.parameters().forEach(Parameter::zeroGrad);
        Tensor z = block.forward(x);
        double s = 0;
        for (int j = 0; j < z.size(); j++) { s += z.get(j) * z.get(j); dz.set(j, 2 * z.get(j) / z.size()); }
        double l = s / z.size();
        block.backward(dz, dx);
        if (Double.isNaN(fl)) {
          fl = l; double g = 0;
          for (Parameter p : block.parameters()) for (int j = 0; j < p.grad().size(); j++) g += p.grad().get(j) * p.grad().get(j);
          fg = Math.sqrt(g);
        }
      }
      return null;
    });
    return new double[] {fl, fg};
  }
}
