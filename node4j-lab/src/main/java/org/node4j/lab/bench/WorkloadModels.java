package org.node4j.lab.bench;

import java.util.List;
import java.util.random.RandomGenerator;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;

/**
 * The networks of the benchmark workloads with their deterministic weights ({@link
 * WorkloadFormulas}, docs/WORKLOADS.md): the architectures come from {@link SeedModels}, the
 * weights from the workload formulas, so that node4j and the Python peers start from identical
 * numbers.
 */
public final class WorkloadModels {
  private WorkloadModels() {}

  /** The deterministic W5 weights of layer k of N: W_k and V_k of docs/WORKLOADS.md. */
  public static DepthInit w5Init() {
    return DepthInit.formula(
        (k, n, j, p) -> j == 0 ? WorkloadFormulas.w5W(k, n) : WorkloadFormulas.w5V(k, n));
  }

  /** A W5 ResNet (or HeunNet) of depth N and the given width, initialised by the W5 formulas. */
  public static ResidualNetwork w5(
      ResidualNetwork.Scheme scheme, int depth, int width, DType dtype) {
    ResidualNetwork.Builder b =
        scheme == ResidualNetwork.Scheme.EULER
            ? ResidualNetwork.resNet(k -> SeedModels.w5Function(width, dtype, "f" + k + "."), depth)
            : ResidualNetwork.heunNet(
                k -> SeedModels.w5Function(width, dtype, "f" + k + "."), depth);
    return b.build().initialize(w5Init(), null);
  }

  /**
   * Fills {@code layers}' parameters with the docs/WORKLOADS.md formula A (weights) and its bias
   * formula, layer index L counted over the layers with parameters in order, starting at {@code
   * firstIndex} (vector-field layers first, then the head).
   *
   * @return the next layer index
   */
  public static int formulaA(Layer network, int firstIndex) {
    return applyFormula(network, firstIndex, false);
  }

  /** As {@link #formulaA} with formula B (workload W3's MLP). */
  public static int formulaB(Layer network, int firstIndex) {
    return applyFormula(network, firstIndex, true);
  }

  private static int applyFormula(Layer network, int firstIndex, boolean b) {
    int index = firstIndex;
    List<Layer> layers = network instanceof Sequential s ? s.layers() : List.of(network);
    for (Layer l : layers) {
      if (l.parameters().isEmpty()) {
        continue;
      }
      for (Parameter p : l.parameters()) {
        var init =
            ParameterInit.isBias(p)
                ? WorkloadFormulas.bias(index)
                : b ? WorkloadFormulas.formulaB(index) : WorkloadFormulas.formulaA(index);
        init.fill(p.value(), (RandomGenerator) null);
      }
      index++;
    }
    return index;
  }
}
