import java.util.Arrays;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * A hash of W5's outputs: for each variant, three forward + backward iterations at the given
 * depth, the bits of the output, the input gradient and every parameter gradient hashed together,
 * so that a change can be shown to give the same bits (run it on two jars and compare the lines).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar \
 *     scripts/probes/W5Hash.java 64
 * </pre>
 */
public class W5Hash {
  public static void main(String[] args) {
    int depth = Integer.parseInt(args[0]);
    for (char v : new char[] {'a', 'b', 'c', 'd'}) {
      boolean euler = v == 'a' || v == 'b';
      boolean free = v == 'b' || v == 'd';
      ResidualNetwork net =
          WorkloadModels.w5(
              euler ? ResidualNetwork.Scheme.EULER : ResidualNetwork.Scheme.HEUN,
              depth,
              64,
              DType.FLOAT32);
      net.setMethod(
          !free ? StoredStages.create() : euler ? MemoryFree.euler() : MemoryFree.heun());
      Tensor x = Tensor.zeros(DType.FLOAT32, 256, 64);
      for (int s = 0; s < 256; s++) {
        for (int f = 0; f < 64; f++) {
          x.set(s * 64 + f, Math.sin(1.3 * s + 0.7 * f));
        }
      }
      Tensor dLdy = x.zerosLike();
      Tensor dLdx = x.zerosLike();
      long h = 17;
      for (int it = 0; it < 3; it++) {
        for (Parameter p : net.parameters()) {
          p.zeroGrad();
        }
        Tensor y = net.forward(x);
        for (int i = 0; i < y.size(); i++) {
          dLdy.set(i, 2.0 * y.get(i) / y.size());
        }
        h = 31 * h + Arrays.hashCode(y.floats());
        net.backward(dLdy, dLdx);
        h = 31 * h + Arrays.hashCode(dLdx.floats());
        for (Parameter p : net.parameters()) {
          h = 31 * h + Arrays.hashCode(p.grad().floats());
        }
      }
      System.out.printf("W5(%c) N=%d hash %016x%n", v, depth, h);
    }
    System.exit(0);
  }
}
