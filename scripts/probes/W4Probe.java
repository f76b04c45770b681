// W4 probe (issue 10, not part of the build): builds W4 of docs/WORKLOADS.md as the bench does and
//   hash T N   : runs N training iterations (Adam steps included) on T threads, printing each
//                iteration's loss (all bits) and a CRC of every parameter's gradient and of all
//                values, to check that a change keeps every bit (diff the output of two jars);
//   cpu R      : one thread, R iterations after 3 warm-up, the caller's CPU time per iteration;
//   threads R  : one and two threads alternated, R iterations each after 3 warm-up pairs: wall
//                time, process CPU time and the caller's CPU time per iteration (medians).
//
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar scripts/probes/W4Probe.java hash 2 3
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;
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

public class W4Probe {
  static long crc(Tensor t) {
    CRC32 c = new CRC32();
    byte[] b = new byte[4 * t.size()];
    for (int i = 0; i < t.size(); i++) {
      int v = Float.floatToRawIntBits((float) t.get(i));
      b[4 * i] = (byte) v; b[4 * i + 1] = (byte) (v >> 8); b[4 * i + 2] = (byte) (v >> 16); b[4 * i + 3] = (byte) (v >> 24);
    }
    c.update(b);
    return c.getValue();
  }

  public static void main(String[] args) {
    Sequential net = SeedModels.imageField(3, SeedModels.IMAGE_WIDTH, DType.FLOAT32, "");
    int next = WorkloadModels.formulaA(net, 0);
    Sequential head = ClassifierHead.of(new int[] {3, 32, 32}, 10, DType.FLOAT32);
    WorkloadModels.formulaA(head, next);
    OdeBlock block = OdeBlock.builder(NeuralField.autonomous(net)).span(0, 1)
        .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(8)))
        .method(StoredStages.create()).build();
    OdeClassifier model = new OdeClassifier(block, head);
    Adam adam = new Adam(AdamOptions.adam(), List.of(ParamGroup.of(model.parameters(), 1e-3)));
    Tensor x = Tensor.zeros(DType.FLOAT32, 32, 3, 32, 32);
    WorkloadFormulas.inputs().fill(x, (RandomGenerator) null);
    int[] labels = WorkloadFormulas.labels(32, 10);
    if (args[0].equals("hash")) {
      int t = Integer.parseInt(args[1]);
      int n = Integer.parseInt(args[2]);
      Parallel.withThreads(t, () -> {
        for (int i = 0; i < n; i++) {
          model.zeroGrad();
          double l = model.trainBatch(x, labels, 32).loss();
          StringBuilder sb = new StringBuilder();
          for (Parameter p : model.parameters()) sb.append(String.format(" %08x", crc(p.grad())));
          adam.step();
          long pv = 0;
          for (Parameter p : model.parameters()) pv = pv * 31 + crc(p.value());
          System.out.printf("it %d loss %s grads%s values %x%n", i, Double.toHexString(l), sb, pv);
        }
        return null;
      });
    } else if (args[0].equals("threads")) {
      int r = Integer.parseInt(args[1]);
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      double[][][] f = new double[2][3][r];
      for (int i = -3; i < r; i++) {
        for (int t = 1; t <= 2; t++) {
          int ii = i, tt = t;
          Parallel.withThreads(t, () -> {
            long w0 = System.nanoTime(), p0 = os.getProcessCpuTime(), c0 = mx.getCurrentThreadCpuTime();
            model.zeroGrad();
            model.trainBatch(x, labels, 32);
            adam.step();
            if (ii >= 0) {
              f[tt - 1][0][ii] = (System.nanoTime() - w0) / 1e6;
              f[tt - 1][1][ii] = (os.getProcessCpuTime() - p0) / 1e6;
              f[tt - 1][2][ii] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            return null;
          });
        }
      }
      for (int t = 0; t < 2; t++) {
        for (double[] q : f[t]) Arrays.sort(q);
        System.out.printf("%d thread(s): wall %.1f ms, process cpu %.1f ms, caller cpu %.1f ms (medians)%n",
            t + 1, f[t][0][r / 2], f[t][1][r / 2], f[t][2][r / 2]);
      }
    } else {
      int r = Integer.parseInt(args[1]);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      double[] ms = new double[r];
      Parallel.withThreads(1, () -> {
        for (int i = -3; i < r; i++) {
          long c0 = mx.getCurrentThreadCpuTime();
          model.zeroGrad();
          model.trainBatch(x, labels, 32);
          adam.step();
          if (i >= 0) ms[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        return null;
      });
      Arrays.sort(ms);
      System.out.printf("cpu ms/iteration 1 thread: median %.1f min %.1f max %.1f%n", ms[r / 2], ms[0], ms[r - 1]);
    }
    System.exit(0);
  }
}
