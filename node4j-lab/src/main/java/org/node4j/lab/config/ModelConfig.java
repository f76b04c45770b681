package org.node4j.lab.config;

import java.util.Map;
import java.util.Objects;
import org.node4j.nn.tensor.DType;

/**
 * Which model to build. The name is looked up in the model registry {@code Main} builds, whose
 * factories interpret the rest (the seeds' {@code sphere2} block, the {@code image-block}, an
 * {@code mlp}, ...).
 *
 * @param name the registered model name, lower-case kebab-case
 * @param width the hidden width (channels) of the vector field; 32 is the Sphere2 block's
 * @param dtype the element type of parameters and inputs
 * @param options further model-specific options, interpreted (and validated) by the factory
 * @param residual the residual network of models {@code resnet} and {@code heunnet}
 */
public record ModelConfig(
    String name, int width, DType dtype, Map<String, String> options, ResidualConfig residual) {

  /** Validates the values and copies the options. */
  public ModelConfig {
    Checks.name("model.name", name);
    Checks.atLeast("model.width", width, 1);
    Objects.requireNonNull(dtype, "model.dtype");
    options = options == null ? Map.of() : Map.copyOf(options);
    Objects.requireNonNull(residual, "model.residual");
  }

  /** The same model with the residual network's defaults. */
  public ModelConfig(String name, int width, DType dtype, Map<String, String> options) {
    this(name, width, dtype, options, ResidualConfig.defaults());
  }

  /** Returns the seeds' Sphere2 model: width 32, float32. */
  public static ModelConfig defaults() {
    return new ModelConfig("sphere2", 32, DType.FLOAT32, Map.of(), ResidualConfig.defaults());
  }
}
