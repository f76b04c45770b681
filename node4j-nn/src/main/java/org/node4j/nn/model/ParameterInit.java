package org.node4j.nn.model;

import java.util.List;
import java.util.random.RandomGenerator;
import org.node4j.nn.init.FanMode;
import org.node4j.nn.init.Fans;
import org.node4j.nn.init.Gains;
import org.node4j.nn.init.Initializer;
import org.node4j.nn.init.Initializers;
import org.node4j.nn.param.Parameter;

/**
 * Chooses the initialiser of each parameter of a network, by its role: biases are the parameters
 * whose name ends in {@code .bias}, every other tensor is a weight.
 */
@FunctionalInterface
public interface ParameterInit {

  /** Returns the initialiser for {@code p}, the parameter at position {@code j} of its network. */
  Initializer of(int j, Parameter p);

  /**
   * Ott et al.'s initialisation (ICLR 2021, §2; their released code's {@code init_type = kaiming}):
   * Kaiming-normal weights with fan_in and a = 0, std sqrt(2 / fan_in), on every conv and linear
   * layer; biases 0.
   */
  static ParameterInit kaiming() {
    return weightsAndBiases(
        Initializers.kaimingNormal(FanMode.FAN_IN, Gains.relu()), Initializers.zeros());
  }

  /** PyTorch's defaults: U(+-1/sqrt(fan_in)) for weights and for biases (with the weight's fan). */
  static ParameterInit torchDefaults() {
    return new ParameterInit() {
      private Fans lastWeight = new Fans(0, 0);

      @Override
      public Initializer of(int j, Parameter p) {
        if (isBias(p)) {
          return Initializers.torchDefaultBias(lastWeight);
        }
        lastWeight = Fans.of(p.value().shape());
        return Initializers.torchDefaultWeight();
      }
    };
  }

  /** Normal weights N(0, std^2) for every weight, zero biases (Marion's W ~ N(0, 1) uses std 1). */
  static ParameterInit normal(double std) {
    return weightsAndBiases(Initializers.normal(0.0, std), Initializers.zeros());
  }

  /** Zero for every parameter (Marion's V = 0). */
  static ParameterInit zeros() {
    return (j, p) -> Initializers.zeros();
  }

  /** {@code weights} for weights and {@code biases} for biases. */
  static ParameterInit weightsAndBiases(Initializer weights, Initializer biases) {
    return (j, p) -> isBias(p) ? biases : weights;
  }

  /** Returns whether {@code p} is a bias by its name. */
  static boolean isBias(Parameter p) {
    return p.name().endsWith(".bias");
  }

  /** Fills every parameter of {@code parameters}, in order, from {@code rng}. */
  default void apply(List<Parameter> parameters, RandomGenerator rng) {
    for (int j = 0; j < parameters.size(); j++) {
      Parameter p = parameters.get(j);
      of(j, p).fill(p.value(), rng);
    }
  }
}
