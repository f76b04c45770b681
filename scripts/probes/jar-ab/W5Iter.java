// W5 of docs/WORKLOADS.md for scripts/probes/jar-ab/JarAB.java (forward + backward of the W5
// ResNet or HeunNet): -Dw5variant=a|b|c|d (default b), -Dw5depth=N (default 256); the class that
// each build's class loader loads, compiled against either jar.

import java.util.function.BiFunction;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.MemoryFree;

public class W5Iter implements BiFunction<Integer, Integer, double[]> {
  final ResidualNetwork net;
  final Tensor x, dy, dx;
  double fl = Double.NaN, fg = Double.NaN;

  public W5Iter() {
    char v = System.getProperty("w5variant", "b").charAt(0);
    int depth = Integer.getInteger("w5depth", 256);
    boolean heun = v == 'c' || v == 'd';
    net = WorkloadModels.w5(heun ? ResidualNetwork.Scheme.HEUN : ResidualNetwork.Scheme.EULER, depth, 64, DType.FLOAT32);
    if (v == 'b') net.setMethod(MemoryFree.euler());
    if (v == 'd') net.setMethod(MemoryFree.heun());
    x = Tensor.zeros(DType.FLOAT32, 256, 64);
    for (int s = 0; s < 256; s++) for (int f = 0; f < 64; f++) x.set(s * 64 + f, Math.sin(1.3 * s + 0.7 * f));
    dy = x.zerosLike(); dx = x.zerosLike();
  }

  public double[] apply(Integer threads, Integer n) {
    Parallel.withThreads(threads, () -> {
      for (int i = 0; i < n; i++) {
        for (Parameter p : net.parameters()) p.zeroGrad();
        Tensor z = net.forward(x);
        double s = 0;
        for (int j = 0; j < z.size(); j++) { double q = z.get(j); s += q * q; dy.set(j, 2 * q / z.size()); }
        net.backward(dy, dx);
        if (Double.isNaN(fl)) {
          fl = s / z.size(); double g = 0;
          for (Parameter p : net.parameters()) for (int j = 0; j < p.grad().size(); j++) g += p.grad().get(j) * p.grad().get(j);
          fg = Math.sqrt(g);
        }
      }
      return null;
    });
    return new double[] {fl, fg};
  }
}
