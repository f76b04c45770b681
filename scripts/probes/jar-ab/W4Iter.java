// W4 of docs/WORKLOADS.md for scripts/probes/jar-ab/JarAB.java (-Diter=W4Iter): the training
// iteration the bench times (forward, backward, Adam step), built as ClassifierWorkload builds it;
// apply returns the first loss and the norm of the first iteration's gradients. Compiled against
// either jar (the API it uses is the same).
//
//   javac -cp /tmp/a.jar -d /tmp/jar-ab scripts/probes/jar-ab/W4Iter.java
//   java --add-modules jdk.incubator.vector -Diter=W4Iter -Dwarm=3 -cp /tmp/jar-ab JarAB /tmp/a.jar /tmp/b.jar 1 12 1

import java.util.List;
import java.util.random.RandomGenerator;
import org.node4j.lab.bench.WorkloadFormulas;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

public class W4Iter implements java.util.function.BiFunction<Integer, Integer, double[]> {
  final OdeClassifier model;
  final Adam adam;
  final Tensor x;
  final int[] labels;
  double fl = Double.NaN, fg = Double.NaN;

  public W4Iter() {
    Sequential net = SeedModels.imageField(3, SeedModels.IMAGE_WIDTH, DType.FLOAT32, "");
    int next = WorkloadModels.formulaA(net, 0);
    Sequential head = ClassifierHead.of(new int[] {3, 32, 32}, 10, DType.FLOAT32);
    WorkloadModels.formulaA(head, next);
    OdeBlock block = OdeBlock.builder(NeuralField.autonomous(net)).span(0, 1)
        .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(8)))
        .method(StoredStages.create()).build();
    model = new OdeClassifier(block, head);
    adam = new Adam(AdamOptions.adam(), List.of(ParamGroup.of(model.parameters(), 1e-3)));
    x = Tensor.zeros(DType.FLOAT32, 32, 3, 32, 32);
    WorkloadFormulas.inputs().fill(x, (RandomGenerator) null);
    labels = WorkloadFormulas.labels(32, 10);
  }

  public double[] apply(Integer threads, Integer n) {
    Parallel.withThreads(threads, () -> {
      for (int i = 0; i < n; i++) {
        model.zeroGrad();
        double l = model.trainBatch(x, labels, 32).loss();
        if (Double.isNaN(fl)) {
          fl = l;
          double g = 0;
          for (Parameter p : model.parameters())
            for (int j = 0; j < p.grad().size(); j++) g += p.grad().get(j) * p.grad().get(j);
          fg = Math.sqrt(g);
        }
        adam.step();
      }
      return null;
    });
    return new double[] {fl, fg};
  }
}
