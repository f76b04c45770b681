package org.node4j.lab.models;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.train.ModelRequest;
import org.node4j.lab.train.TrainableModel;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.tensor.DType;
import org.node4j.ode.integrate.SolveSetup;

/**
 * The {@link org.node4j.lab.train.ModelFactory}s of Ott et al.'s models (ICLR 2021, §2): an
 * autonomous ODE block over {@code [integration.t0, t1]}, no upstream block, flatten + Linear head.
 * Every conv and linear weight, head included, is Kaiming-normal (fan_in, a = 0) and every bias
 * zero, drawn from {@code training.seed} (field first, then head), so the same seed gives the same
 * model (unlike the seeds' code, quirk Q3). The gradient method is {@code integration.gradient}
 * ({@link org.node4j.lab.config.GradientConfig}). None of these models takes {@code model.options}.
 */
public final class SeedModelFactories {
  /** The width of the seeds' Sphere2 block, the only one {@code sphere2} builds. */
  public static final int SPHERE2_WIDTH = 32;

  private SeedModelFactories() {}

  /**
   * {@code sphere2}: the "simple_odenet" Conv1d block on [1, D] samples (concentric spheres of any
   * D, three minima and XOR are all [1, 2] or [1, D]); {@code model.width} must be 32.
   */
  public static TrainableModel sphere2(ModelRequest r) {
    int[] shape = requireSignal("sphere2", r);
    if (r.config().model().width() != SPHERE2_WIDTH) {
      throw new IllegalArgumentException(
          "model sphere2 is the seeds' block of width 32, got model.width "
              + r.config().model().width()
              + "; set model.width: 32, or use linear-odenet for another width");
    }
    DType dtype = r.config().model().dtype();
    return build(r, shape, SeedModels.sphere2Field(dtype, "field."));
  }

  /**
   * {@code linear-odenet}: the seeds' unused MLP block on [1, D] samples, Linear(D, W) + ReLU,
   * Linear(W, W) + ReLU, Linear(W, D), W = {@code model.width}.
   */
  public static TrainableModel linearOdenet(ModelRequest r) {
    int[] shape = requireSignal("linear-odenet", r);
    DType dtype = r.config().model().dtype();
    int d = shape[1];
    int w = r.config().model().width();
    Sequential field =
        Sequential.of(
            Linear.builder(d, w).name("field.fc1").dtype(dtype).build(),
            Activation.relu(),
            Linear.builder(w, w).name("field.fc2").dtype(dtype).build(),
            Activation.relu(),
            Linear.builder(w, d).name("field.fc3").dtype(dtype).build());
    return build(r, shape, field);
  }

  /**
   * {@code image-block}: the CIFAR-10 "odenet" Conv2d block on [C, H, W] images (MNIST and
   * Fashion-MNIST 1x28x28, CIFAR-10 3x32x32), hidden channels {@code model.width} (128 in the
   * paper).
   */
  public static TrainableModel imageBlock(ModelRequest r) {
    requireNoOptions("image-block", r);
    int[] shape = r.sampleShape();
    if (shape.length != 3) {
      throw new IllegalArgumentException(
          "model image-block takes [C, H, W] images, got samples of shape "
              + Arrays.toString(shape)
              + "; use sphere2 or linear-odenet for [1, D] signals");
    }
    DType dtype = r.config().model().dtype();
    int width = r.config().model().width();
    return build(r, shape, SeedModels.imageField(shape[0], width, dtype, "field."));
  }

  private static int[] requireSignal(String name, ModelRequest r) {
    requireNoOptions(name, r);
    int[] shape = r.sampleShape();
    if (shape.length != 2 || shape[0] != 1) {
      throw new IllegalArgumentException(
          "model "
              + name
              + " takes [1, D] signals (sphere2, sphere, three-minima, xor), got samples of shape "
              + Arrays.toString(shape)
              + "; use image-block for images");
    }
    return shape;
  }

  private static void requireNoOptions(String name, ModelRequest r) {
    if (!r.config().model().options().isEmpty()) {
      throw new IllegalArgumentException(
          "model "
              + name
              + " takes no model.options, got "
              + new TreeSet<>(r.config().model().options().keySet())
              + "; remove them");
    }
  }

  private static TrainableModel build(ModelRequest r, int[] shape, Sequential network) {
    ExperimentConfig c = r.config();
    DType dtype = c.model().dtype();
    NeuralField field = NeuralField.autonomous(network);
    Sequential head = ClassifierHead.of(shape, r.numClasses(), dtype);
    RandomGenerator rng = new SplittableRandom(c.training().seed());
    ParameterInit.kaiming().apply(field.parameters(), rng);
    ParameterInit.kaiming().apply(head.parameters(), rng);
    OdeBlock block =
        OdeBlock.builder(field)
            .span(c.integration().t0(), c.integration().t1())
            .setup(SolveSetup.of(r.integration().solver(), r.integration().controller()))
            .method(c.integration().gradientMethod())
            .build();
    return new OdeClassifierModel(new OdeClassifier(block, head), dtype, shape, r.integration());
  }
}
