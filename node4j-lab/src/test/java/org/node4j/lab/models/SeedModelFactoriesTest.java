package org.node4j.lab.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.node4j.lab.config.Catalogue;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.NameRegistry;
import org.node4j.lab.config.OptimizerConfig;
import org.node4j.lab.config.OptimizerName;
import org.node4j.lab.config.TestLoader;
import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.ConcentricSpheres;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.data.MiniBatches;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.Integrations;
import org.node4j.lab.train.ModelFactory;
import org.node4j.lab.train.ModelRequest;
import org.node4j.lab.train.Optimizers;
import org.node4j.lab.train.TrainableModel;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.solver.Solvers;

/** The seeds' models behind the model registry: build, init, train, evaluate, errors. */
class SeedModelFactoriesTest {
  static final NameRegistry<ModelFactory> MODELS =
      NameRegistry.<ModelFactory>builder("model")
          .add("sphere2", SeedModelFactories::sphere2)
          .add("linear-odenet", SeedModelFactories::linearOdenet)
          .add("image-block", SeedModelFactories::imageBlock)
          .build();

  static ExperimentConfig config(String... overrides) {
    List<String> all = new java.util.ArrayList<>(List.of("integration.steps=4"));
    all.addAll(List.of(overrides));
    return TestLoader.LOADER.parse("", false, "test", all);
  }

  static TrainableModel build(ExperimentConfig c, int[] shape, int classes) {
    return MODELS
        .get(c.model().name())
        .create(new ModelRequest(c, shape, classes, Integrations.initial(c)));
  }

  /** A fixed Sphere2 batch of 64. */
  static Batch sphereBatch() {
    Dataset d = ConcentricSpheres.split(2, 64, 10, 1L).train();
    MiniBatches b = new MiniBatches(d, BatchOptions.evaluation(64));
    Tensor x = Tensor.zeros(org.node4j.nn.tensor.DType.FLOAT32, 64, 1, 2);
    int[] y = new int[64];
    int count = b.fill(0, x, y);
    return new Batch(x, y, count);
  }

  record Batch(Tensor x, int[] y, int count) {}

  /** Trains {@code n} Adam steps on one batch and returns the losses. */
  static double[] train(TrainableModel m, Batch b, int n, double lr) {
    Optimizer adam =
        Optimizers.create(
            new OptimizerConfig(OptimizerName.ADAM, lr, 0.9, 0.999, 1e-8, 0, false, 0),
            m.parameters());
    double[] losses = new double[n];
    for (int i = 0; i < n; i++) {
      adam.zeroGrad();
      losses[i] = m.trainBatch(b.x(), b.y(), b.count()).loss();
      adam.step();
    }
    return losses;
  }

  @Test
  void registersTheSeedModels() {
    assertThat(MODELS.names()).contains("sphere2", "linear-odenet", "image-block");
  }

  @Test
  void sphere2TrainsAndItsLossFalls() {
    TrainableModel m = build(config(), new int[] {1, 2}, 2);
    double[] losses = train(m, sphereBatch(), 40, 1e-2);

    assertThat(losses[losses.length - 1]).isLessThan(0.8 * losses[0]);
    TrainableModel.BatchStats s = m.trainBatch(sphereBatch().x(), sphereBatch().y(), 64);
    assertThat(s.evaluationsForward()).isEqualTo(4);
  }

  @Test
  void evaluatesWithAnotherSolverWithoutChangingTheTrainingIntegration() {
    TrainableModel m = build(config(), new int[] {1, 2}, 2);
    Batch b = sphereBatch();
    Integration before = m.integration();

    TrainableModel.EvalStats e =
        m.evaluate(b.x(), b.y(), 50, Integration.steps(Solvers.rk4ThreeEighths(), 3));

    assertThat(e.count()).isEqualTo(50);
    assertThat(e.correct()).isBetween(0, 50);
    assertThat(e.evaluations()).isEqualTo(12); // 4 stages x 3 steps
    assertThat(m.integration()).isEqualTo(before);
  }

  @Test
  void initialStepEstimateIsPositiveAndFinite() {
    TrainableModel m = build(config(), new int[] {1, 2}, 2);
    Batch b = sphereBatch();
    for (int order : new int[] {1, 2, 4}) {
      double h = m.initialStepEstimate(b.x(), b.count(), order);
      assertThat(h).isPositive().isFinite();
    }
  }

  @Test
  void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
    List<Parameter> a = build(config(), new int[] {1, 2}, 2).parameters();
    List<Parameter> b = build(config(), new int[] {1, 2}, 2).parameters();
    List<Parameter> c = build(config("training.seed=7"), new int[] {1, 2}, 2).parameters();

    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value().floats()).containsExactly(a.get(i).value().floats());
    }
    assertThat(c.get(0).value().floats()).isNotEqualTo(a.get(0).value().floats());
  }

  @Test
  void weightsAreKaimingNormalFanInAndBiasesZero() {
    ExperimentConfig c = config("model.name=image-block", "model.width=24");
    TrainableModel m = build(c, new int[] {3, 6, 6}, 10);

    for (Parameter p : m.parameters()) {
      float[] v = p.value().floats();
      if (p.name().endsWith(".bias")) {
        assertThat(v).containsOnly(0f);
        continue;
      }
      int fanIn = v.length / p.value().dim(0);
      double mean = 0;
      double sq = 0;
      for (float f : v) {
        mean += f;
        sq += f * f;
      }
      mean /= v.length;
      double std = Math.sqrt(sq / v.length - mean * mean);
      assertThat(std)
          .as(p.name())
          .isCloseTo(Math.sqrt(2.0 / fanIn), within(0.2 * Math.sqrt(2.0 / fanIn)));
    }
  }

  @Test
  void imageBlockAndLinearOdenetTrain() {
    Batch b = sphereBatch();
    TrainableModel mlp =
        build(config("model.name=linear-odenet", "model.width=16"), new int[] {1, 2}, 2);
    double[] l1 = train(mlp, b, 30, 1e-2);
    assertThat(l1[29]).isLessThan(l1[0]);

    TrainableModel img =
        build(config("model.name=image-block", "model.width=4"), new int[] {1, 4, 4}, 3);
    Tensor x = Tensor.zeros(org.node4j.nn.tensor.DType.FLOAT32, 6, 1, 4, 4);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, ((i * 37) % 11) / 11.0);
    }
    double[] l2 = train(img, new Batch(x, new int[] {0, 1, 2, 0, 1, 2}, 6), 30, 1e-2);
    assertThat(l2[29]).isLessThan(l2[0]);
  }

  @Test
  void everyGradientMethodTrainsAStep() {
    for (String g : Catalogue.standard().gradients().names()) {
      TrainableModel m = build(config("integration.gradient=" + g), new int[] {1, 2}, 2);
      Batch b = sphereBatch();
      double loss = m.trainBatch(b.x(), b.y(), b.count()).loss();
      assertThat(loss).as(g).isPositive().isFinite();
      assertThat(m.parameters().get(0).grad().floats())
          .as(g)
          .isNotEqualTo(new float[m.parameters().get(0).grad().size()]);
    }
  }

  @Test
  void rejectsWhatItCannotBuild() {
    assertThatThrownBy(() -> build(config(), new int[] {3, 8, 8}, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, D]")
        .hasMessageContaining("image-block");
    assertThatThrownBy(() -> build(config("model.name=image-block"), new int[] {1, 2}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[C, H, W]");
    assertThatThrownBy(() -> build(config("model.width=16"), new int[] {1, 2}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model.width: 32");
    assertThatThrownBy(() -> build(config("integration.gradient=magic"), new int[] {1, 2}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stored, checkpointed, adjoint, memory-free");
    ExperimentConfig withOptions = config("model.options={depth: 3}");
    assertThat(withOptions.model().options()).isEqualTo(Map.of("depth", "3"));
    assertThatThrownBy(() -> build(withOptions, new int[] {1, 2}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no model.options");
  }
}
