// Parallel-region probe for the speed work of issue 10 (not part of the build). Builds workload
// W1, W3 (a), W3 (b) (argument W3b) or W5 (a) of docs/WORKLOADS.md twice in one JVM, once with
// Sequential's one-region passes and once layer by layer, and alternates them (ABAB...) on 2
// threads and on 1, reporting per iteration: parallel regions (Parallel.regions()), the caller's
// and the worker's thread CPU time (spinning included) and wall time, with the first loss and
// gradient norm of each. Region counts and the one-thread CPU times do not depend on the
// machine's load; wall times do.
//
//   ./node4j bench W1 --smoke >/dev/null   # builds node4j-lab/target/node4j.jar if needed
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar \
//     scripts/probes/ParallelProbe.java W5 15 5      # workload, rounds, iterations per round
//
// -Ddepth=N sets W5's depth (default 64).

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.Arrays;
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
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.AdjointNorm;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

public class ParallelProbe {
  /** One workload instance: an iteration, and the first iteration's loss and gradient norm. */
  static final class Model {
    Runnable iteration;
    double firstLoss = Double.NaN;
    double firstGradNorm = Double.NaN;
  }

  static Tensor batch(DType dtype, int... shape) {
    Tensor x = Tensor.zeros(dtype, shape);
    WorkloadFormulas.inputs().fill(x, (RandomGenerator) null);
    return x;
  }

  static double meanSquare(Tensor z, Tensor grad) {
    double s = 0;
    for (int i = 0; i < z.size(); i++) {
      s += z.get(i) * z.get(i);
      grad.set(i, 2 * z.get(i) / z.size());
    }
    return s / z.size();
  }

  static double gradNorm(List<Parameter> params) {
    double s = 0;
    for (Parameter p : params) {
      for (int i = 0; i < p.grad().size(); i++) {
        s += p.grad().get(i) * p.grad().get(i);
      }
    }
    return Math.sqrt(s);
  }

  static Model build(String workload) {
    Model m = new Model();
    switch (workload) {
      case "W5" -> {
        ResidualNetwork net =
            WorkloadModels.w5(
                ResidualNetwork.Scheme.EULER, Integer.getInteger("depth", 64), 64, DType.FLOAT32);
        net.setMethod(StoredStages.create());
        Tensor x = batch(DType.FLOAT32, 256, 64);
        Tensor dy = x.zerosLike();
        Tensor dx = x.zerosLike();
        m.iteration =
            () -> {
              net.parameters().forEach(Parameter::zeroGrad);
              double l = meanSquare(net.forward(x), dy);
              net.backward(dy, dx);
              if (Double.isNaN(m.firstLoss)) {
                m.firstLoss = l;
                m.firstGradNorm = gradNorm(net.parameters());
              }
            };
      }
      case "W3", "W3b" -> {
        Sequential net = SeedModels.mlpField(2, 64, 2, DType.FLOAT64, "");
        WorkloadModels.formulaB(net, 0);
        OdeBlock block =
            OdeBlock.builder(NeuralField.autonomous(net))
                .span(0, 1)
                .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-5, 1e-7)))
                .method(
                    workload.equals("W3")
                        ? StoredStages.create()
                        : ContinuousAdjoint.create().withNorm(AdjointNorm.MIXED))
                .build();
        Tensor x = batch(DType.FLOAT64, 512, 2);
        Tensor dz = x.zerosLike();
        Tensor dx = x.zerosLike();
        m.iteration =
            () -> {
              block.parameters().forEach(Parameter::zeroGrad);
              double l = meanSquare(block.forward(x), dz);
              block.backward(dz, dx);
              if (Double.isNaN(m.firstLoss)) {
                m.firstLoss = l;
                m.firstGradNorm = gradNorm(block.parameters());
              }
            };
      }
      case "W1" -> {
        Sequential net = SeedModels.sphere2Field(DType.FLOAT32, "");
        int next = WorkloadModels.formulaA(net, 0);
        Sequential head = ClassifierHead.of(new int[] {1, 2}, 2, DType.FLOAT32);
        WorkloadModels.formulaA(head, next);
        OdeBlock block =
            OdeBlock.builder(NeuralField.autonomous(net))
                .span(0, 1)
                .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(64)))
                .method(StoredStages.create())
                .build();
        OdeClassifier model = new OdeClassifier(block, head);
        Adam adam =
            new Adam(AdamOptions.adam(), List.of(ParamGroup.of(model.parameters(), 1e-4)));
        Tensor x = batch(DType.FLOAT32, 128, 1, 2);
        int[] labels = WorkloadFormulas.labels(128, 2);
        m.iteration =
            () -> {
              model.zeroGrad();
              double l = model.trainBatch(x, labels, 128).loss();
              if (Double.isNaN(m.firstLoss)) {
                m.firstLoss = l;
                m.firstGradNorm = gradNorm(model.parameters());
              }
              adam.step();
            };
      }
      default -> throw new IllegalArgumentException("workload W1, W3, W3b or W5, got " + workload);
    }
    return m;
  }

  public static void main(String[] args) throws Exception {
    String workload = args[0];
    int rounds = Integer.parseInt(args[1]);
    int perRound = Integer.parseInt(args[2]);
    Field chunked = Sequential.class.getDeclaredField("chunkedPasses");
    chunked.setAccessible(true);
    String[] names = {"layer-by-layer, 2 threads", "one region per pass, 2 threads",
        "layer-by-layer, 1 thread", "one region per pass, 1 thread"};
    Model[] models = new Model[4];
    for (int v = 0; v < 4; v++) {
      chunked.set(null, v % 2 == 1); // read when the caches are made, in the first iteration
      Model m = build(workload);
      Parallel.withThreads(v < 2 ? 2 : 1, () -> {
        m.iteration.run();
        return null;
      });
      models[v] = m;
      System.out.printf("%-32s first loss %.10f, gradient norm %.10g%n", names[v], m.firstLoss,
          m.firstGradNorm);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long worker = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("node4j-parallel-0")).findFirst().orElseThrow().getId();
    double[][][] f = new double[4][4][rounds]; // variant, {wall, caller, worker, regions}, round
    for (int r = -3; r < rounds; r++) {
      for (int v = 0; v < 4; v++) {
        Model m = models[v];
        long r0 = Parallel.regions();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = mx.getThreadCpuTime(worker);
        long t0 = System.nanoTime();
        Parallel.withThreads(v < 2 ? 2 : 1, () -> {
          for (int i = 0; i < perRound; i++) {
            m.iteration.run();
          }
          return null;
        });
        double[] row = {System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - c0,
            mx.getThreadCpuTime(worker) - w0, (Parallel.regions() - r0) * 1e6};
        for (int q = 0; r >= 0 && q < 4; q++) {
          f[v][q][r] = row[q] / 1e6 / perRound;
        }
      }
    }
    System.out.println("medians per iteration over " + rounds + " rounds of " + perRound);
    for (int v = 0; v < 4; v++) {
      System.out.printf("%-32s regions %6.1f  caller CPU %7.2f ms  worker CPU %7.2f ms  wall %7.2f ms%n",
          names[v], median(f[v][3]), median(f[v][1]), median(f[v][2]), median(f[v][0]));
    }
    System.exit(0);
  }

  static double median(double[] x) {
    double[] y = x.clone();
    Arrays.sort(y);
    return y[y.length / 2];
  }
}
