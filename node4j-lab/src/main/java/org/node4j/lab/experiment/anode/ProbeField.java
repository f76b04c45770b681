package org.node4j.lab.experiment.anode;

import java.util.Arrays;
import java.util.Random;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.OdeResNet;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The two float64 vector fields on which the gradient-consistency study differentiates one ODE
 * block, as ANODE's Figure 1-2 setting asks (a ReLU field and a convolutional block), with their
 * input batch and the fixed cotangent dL/dz(1) of the loss L = &lt;c, z(1)&gt;.
 */
public enum ProbeField {
  /** f(z) = W2 ReLU(W1 z + b1) + b2 on [16, 8], hidden width 32, Kaiming-normal weights. */
  RELU_MLP("relu-mlp", "ReLU MLP 8->32->8 on [16, 8]"),
  /**
   * The same MLP with tanh: a smooth control, whose OTD error shows the scheme's order cleanly
   * (ReLU's kinks make the adjoint's Jacobian jump, which can spoil the order of the higher-order
   * schemes).
   */
  TANH_MLP("tanh-mlp", "tanh MLP 8->32->8 on [16, 8] (smooth control)"),
  /** ANODE's ODE-block body without batch norm (see {@link OdeResNet#odeBody}) on [4, 4, 6, 6]. */
  CONV("conv", "conv block ReLU(conv3x3(ReLU(conv3x3 z))), 4 channels, on [4, 4, 6, 6]");

  private final String id;
  private final String description;

  ProbeField(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** Returns the name used in cell ids, results.csv and the report. */
  public String id() {
    return id;
  }

  /** Returns what the field is, for the report. */
  public String description() {
    return description;
  }

  /** Returns the field with weights drawn from {@code seed}. */
  public NeuralField field(long seed) {
    Sequential net =
        switch (this) {
          case RELU_MLP ->
              Sequential.of(
                  Linear.builder(8, 32).name("fc1").dtype(DType.FLOAT64).build(),
                  Activation.relu(),
                  Linear.builder(32, 8).name("fc2").dtype(DType.FLOAT64).build());
          case TANH_MLP ->
              Sequential.of(
                  Linear.builder(8, 32).name("fc1").dtype(DType.FLOAT64).build(),
                  Activation.tanh(),
                  Linear.builder(32, 8).name("fc2").dtype(DType.FLOAT64).build());
          case CONV -> OdeResNet.odeBody(4, DType.FLOAT64, "");
        };
    ParameterInit.kaiming().apply(net.parameters(), new Random(seed));
    return NeuralField.autonomous(net);
  }

  /** Returns the input batch z(0), N(0, 1) entries from {@code seed + 1}. */
  public Tensor input(long seed) {
    return gaussian(seed + 1, shape());
  }

  /** Returns the cotangent c = dL/dz(1), N(0, 1) entries from {@code seed + 2}. */
  public Tensor cotangent(long seed) {
    return gaussian(seed + 2, shape());
  }

  private int[] shape() {
    return this != CONV ? new int[] {16, 8} : new int[] {4, 4, 6, 6};
  }

  private static Tensor gaussian(long seed, int[] shape) {
    Tensor t = Tensor.zeros(DType.FLOAT64, Arrays.copyOf(shape, shape.length));
    Random rnd = new Random(seed);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rnd.nextGaussian());
    }
    return t;
  }

  /** Returns the field named {@code id}, listing the valid names when there is none. */
  public static ProbeField byId(String id) {
    return Ids.byId(values(), v -> v.id, "field", id);
  }
}
