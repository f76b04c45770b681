package org.node4j.lab.experiment.marion;

import org.node4j.nn.init.Initializers;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ParameterInit;

/**
 * How the residual perceptron's weights start (Marion et al., ICLR 2024, §3 and §4.3): W_k drawn
 * N(0, 1) per entry, and V_k = 0, with W_k either tied across layers (the paper's default), i.i.d.
 * per layer, or a smooth Gaussian-process function of depth.
 */
public enum WeightInit {
  /** One W for every layer. */
  TIED("tied"),
  /** Independent W_k per layer: not smooth in depth. */
  IID("iid"),
  /** Entries of W_k drawn from a GP in s = k / L with a squared-exponential kernel. */
  GP("gp");

  private final String id;

  WeightInit(String id) {
    this.id = id;
  }

  /** The name in reports and cell ids. */
  public String id() {
    return id;
  }

  /**
   * The depth initialisation of a residual perceptron whose layers hold (W, V) in this order.
   *
   * @param lengthScale the GP's length scale in s (used by {@link #GP} only)
   */
  public DepthInit depthInit(double lengthScale) {
    ParameterInit base = (j, p) -> j == 0 ? Initializers.normal(0, 1) : Initializers.zeros();
    return switch (this) {
      case TIED -> DepthInit.tied(base);
      case IID -> DepthInit.iid(base);
      case GP -> DepthInit.gaussianProcess(base, lengthScale);
    };
  }
}
