package org.node4j.lab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.nn.tensor.DType;

class ConfigLoaderTest {
  private static final String MINIMAL = "integration:\n  steps: 64\n";

  private static ExperimentConfig yaml(String text, String... overrides) {
    return TestLoader.LOADER.parse(text, false, "test.yaml", List.of(overrides));
  }

  @Test
  void aMinimalFileGetsTheSeedsSphere2Defaults() {
    ExperimentConfig c = yaml(MINIMAL);

    assertThat(c.data().name()).isEqualTo(DatasetName.SPHERE2);
    assertThat(c.optimizer().name()).isEqualTo(OptimizerName.ADAM);
    assertThat(c.optimizer().lr()).isEqualTo(1e-4);
    assertThat(c.optimizer().beta1()).isEqualTo(0.9);
    assertThat(c.optimizer().beta2()).isEqualTo(0.999);
    assertThat(c.training().batchSize()).isEqualTo(128);
    assertThat(c.training().iterations()).isEqualTo(10_000);
    assertThat(c.integration().steps()).isEqualTo(64);
    assertThat(c.integration().t1()).isEqualTo(1.0);
    assertThat(c.stepAdaptation())
        .isEqualTo(StepAdaptationConfig.defaults())
        .extracting(
            StepAdaptationConfig::interval,
            StepAdaptationConfig::threshold,
            StepAdaptationConfig::accFactor,
            StepAdaptationConfig::maxSteps,
            StepAdaptationConfig::growth)
        .containsExactly(50, 0.1, 50.0, 500, 1.1);
    assertThat(c.toleranceAdaptation().initialTol()).isEqualTo(1e-6);
  }

  @Test
  void jsonAndYamlFilesGiveTheSameConfig(@TempDir Path dir) throws Exception {
    Path y = dir.resolve("c.yaml");
    Path j = dir.resolve("c.json");
    Files.writeString(
        y,
        "model:\n  name: mlp\n  width: 16\n  dtype: float64\noptimizer:\n  lr: 1e-3\n" + MINIMAL);
    Files.writeString(
        j,
        "{\"model\": {\"name\": \"mlp\", \"width\": 16, \"dtype\": \"FLOAT64\"},"
            + " \"optimizer\": {\"lr\": 0.001}, \"integration\": {\"steps\": 64}}");

    ExperimentConfig fromYaml = TestLoader.LOADER.load(y, List.of());

    assertThat(fromYaml).isEqualTo(TestLoader.LOADER.load(j, List.of()));
    assertThat(fromYaml.model().dtype()).isEqualTo(DType.FLOAT64);
    assertThat(fromYaml.optimizer().lr()).isEqualTo(1e-3);
  }

  @Test
  void anUnknownNestedKeyIsRejectedWithTheValidKeysOfItsLevel() {
    assertThatThrownBy(() -> yaml(MINIMAL + "optimizer:\n  lrate: 0.1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'lrate' in 'optimizer'")
        .hasMessageContaining("lr, momentum, name, nesterov, schedule, weightDecay");
  }

  @Test
  void anUnknownTopLevelKeyListsTheSections() {
    assertThatThrownBy(() -> yaml(MINIMAL + "trainer:\n  iterations: 3\n"))
        .hasMessageContaining("unknown key 'trainer' at the top level")
        .hasMessageContaining("data, integration, model, optimizer, stepAdaptation,")
        .hasMessageContaining("training");
  }

  @Test
  void anUnknownEnumValueListsTheValidNames() {
    assertThatThrownBy(() -> yaml(MINIMAL + "stepAdaptation:\n  mode: sometimes\n"))
        .hasMessageContaining("'stepAdaptation.mode'")
        .hasMessageContaining("'sometimes'")
        .hasMessageContaining("off, released, paper");
    assertThatThrownBy(() -> yaml(MINIMAL + "data:\n  name: imagenet\n"))
        .hasMessageContaining("three-minima")
        .hasMessageContaining("fashion-mnist");
  }

  @Test
  void anUnknownSolverListsTheCatalogue() {
    assertThatThrownBy(() -> yaml("integration:\n  solver: rk5\n  steps: 4\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown solver 'rk5'")
        .hasMessageContaining("dopri5");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsKey() {
    assertThatThrownBy(() -> yaml(MINIMAL + "training:\n  iterations: many\n"))
        .hasMessageContaining("training.iterations");
  }

  @Test
  void overridesWinOverTheFileAndCanClearAKey() {
    ExperimentConfig c =
        yaml(
            MINIMAL,
            "training.iterations=500",
            "optimizer.lr=3e-4",
            "integration.steps=null",
            "integration.stepSize=0.125",
            "model.options.depth=4");

    assertThat(c.training().iterations()).isEqualTo(500);
    assertThat(c.optimizer().lr()).isEqualTo(3e-4);
    assertThat(c.integration().steps()).isNull();
    assertThat(c.integration().stepSize()).isEqualTo(0.125);
    assertThat(c.model().options()).containsEntry("depth", "4");
  }

  @Test
  void overridesOfUnknownKeysAreRejectedToo() {
    assertThatThrownBy(() -> yaml(MINIMAL, "training.iters=5"))
        .hasMessageContaining("unknown key 'iters' in 'training'");
    assertThatThrownBy(() -> yaml(MINIMAL, "iterations")).hasMessageContaining("key.path=value");
  }

  @Test
  void theResolvedYamlReadsBackEqual() {
    ExperimentConfig c =
        yaml(
            "integration: {solver: dopri5}\ntoleranceAdaptation: {mode: on}\n"
                + "data: {name: sphere, dim: 10, train: 200}\nmodel: {options: {depth: '3'}}\n");

    ExperimentConfig back = yaml(TestLoader.LOADER.toYaml(c));

    assertThat(back).isEqualTo(c);
    assertThat(TestLoader.LOADER.toYaml(c)).contains("solver: dopri5").doesNotContain("null");
  }

  @Test
  void valuesAreValidatedWithTheirKey() {
    assertThatThrownBy(() -> yaml(MINIMAL + "optimizer: {lr: -1}"))
        .hasMessageContaining("optimizer.lr must be finite and > 0, got -1.0");
    assertThatThrownBy(() -> yaml(MINIMAL + "data: {dim: 3}"))
        .hasMessageContaining("use name: sphere");
    assertThatThrownBy(() -> yaml("integration: {steps: 4, stepSize: 0.1}"))
        .hasMessageContaining("at most one of");
  }

  @Test
  void theDiscretisationMustFitTheSolverAndTheAdaptation() {
    assertThatThrownBy(() -> yaml("")).hasMessageContaining("needs integration.steps");
    assertThatThrownBy(() -> yaml("integration: {solver: dopri5}"))
        .hasMessageContaining("needs integration.tolerance");
    assertThatThrownBy(() -> yaml("integration: {solver: dopri5, steps: 3}"))
        .hasMessageContaining("takes integration.tolerance");
    assertThatThrownBy(() -> yaml(MINIMAL + "stepAdaptation: {mode: released}"))
        .hasMessageContaining("Hairer");
    assertThatThrownBy(() -> yaml("integration: {solver: rk4}\nstepAdaptation: {mode: released}"))
        .hasMessageContaining("euler and midpoint");
    assertThatThrownBy(() -> yaml(MINIMAL + "toleranceAdaptation: {mode: on}"))
        .hasMessageContaining("use stepAdaptation");
    assertThatThrownBy(() -> yaml("integration: {solver: bosh3}\ntoleranceAdaptation: {mode: on}"))
        .hasMessageContaining("fehlberg2 and dopri5");

    assertThat(yaml("stepAdaptation: {mode: released}").integration().steps()).isNull();
    assertThat(yaml(MINIMAL + "stepAdaptation: {mode: paper}").stepAdaptation().mode())
        .isEqualTo(StepAdaptationMode.PAPER);
  }

  @Test
  void aDocumentThatIsNotAMappingIsRejected() {
    assertThatThrownBy(() -> yaml("- a\n- b\n")).hasMessageContaining("must hold a mapping");
    assertThatThrownBy(() -> yaml("data: [unclosed")).hasMessageContaining("cannot parse");
  }

  @Test
  void aBadNameInAFileFailsAtLoadWithTheFileTheKeyAndTheValidNames(@TempDir Path dir)
      throws Exception {
    String[][] cases = {
      {
        "integration: {solver: rk5, steps: 4}",
        "integration.solver",
        "unknown solver 'rk5'",
        "tsit5"
      },
      {
        "integration: {solver: dopri5, tolerance: 1e-3, controller: pd}",
        "integration.controller.name",
        "unknown controller 'pd'",
        "integral, pi, pid"
      },
      {
        "integration: {steps: 4, gradient: backprop}",
        "integration.gradient.name",
        "unknown gradient method 'backprop'",
        "stored, checkpointed, adjoint, memory-free"
      },
      {
        "integration: {steps: 4, gradient: {name: adjoint, norm: semi}}",
        "integration.gradient.norm",
        "unknown adjoint norm 'semi'",
        "full, mixed, seminorm, state-only"
      },
      {
        "integration: {steps: 4, gradient: {name: adjoint, solver: dopri5, tolerance: 1e-6,"
            + " controller: {name: pdi}}}",
        "integration.gradient.controller.name",
        "unknown controller 'pdi'",
        "integral, pi, pid"
      },
    };
    for (String[] c : cases) {
      Path file = dir.resolve("bad.yaml");
      Files.writeString(file, c[0]);
      assertThatThrownBy(() -> TestLoader.LOADER.load(file, List.of()))
          .as(c[0])
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("'" + c[1] + "'")
          .hasMessageContaining(c[2])
          .hasMessageContaining(c[3]);
    }
  }

  @Test
  void namesAreReadIgnoringCaseAndWrittenInTheirCatalogueSpelling() {
    ExperimentConfig c =
        yaml(
            "integration: {solver: DoPri5, tolerance: 1e-3, controller: PID,"
                + " gradient: {name: Adjoint, norm: SemiNorm, solver: Tsit5, tolerance: 1e-6}}");

    assertThat(c.integration().solver()).isSameAs(org.node4j.ode.solver.Solvers.dopri5());
    assertThat(c.integration().controller().name()).isEqualTo(ControllerKind.PID);
    assertThat(c.integration().gradient().norm())
        .isEqualTo(org.node4j.ode.grad.AdjointNorm.SEMINORM);
    String written = TestLoader.LOADER.toYaml(c);
    assertThat(written)
        .contains(
            "solver: dopri5", "name: pid", "name: adjoint", "norm: seminorm", "solver: tsit5");
    assertThat(yaml(written)).isEqualTo(c);
  }

  @Test
  void gradientOptionsReadAsABareNameOrAMappingAndRoundTrip() {
    ExperimentConfig every =
        yaml("integration: {steps: 8, gradient: {name: checkpointed, every: 4}}");
    ExperimentConfig budget =
        yaml(
            "integration: {steps: 8}",
            "integration.gradient={name: checkpointed, budgetBytes: 4096}");
    ExperimentConfig bare = yaml("integration: {steps: 8, gradient: memory-free}");

    assertThat(every.integration().gradientMethod()).hasToString("checkpointed (every 4 steps)");
    assertThat(budget.integration().gradientMethod())
        .hasToString("checkpointed (binomial, budget 4096 bytes)");
    assertThat(bare.integration().gradientMethod().name()).isEqualTo("memory-free");
    for (ExperimentConfig c : List.of(every, budget, bare)) {
      assertThat(yaml(TestLoader.LOADER.toYaml(c))).isEqualTo(c);
    }
    assertThat(TestLoader.LOADER.describe(every.integration().gradient()))
        .isEqualTo("{name: checkpointed, every: 4}");
    assertThat(TestLoader.LOADER.describe(bare.integration().gradient())).isEqualTo("memory-free");
  }

  @Test
  void optionsThatDoNotFitTheMethodOrTheSolverAreRejectedAtLoad() {
    assertThatThrownBy(() -> yaml("integration: {steps: 4, gradient: {name: stored, every: 2}}"))
        .hasMessageContaining("every does not apply to the gradient method stored");
    assertThatThrownBy(
            () ->
                yaml(
                    "integration: {steps: 4, gradient: {name: checkpointed, every: 2,"
                        + " budgetBytes: 100}}"))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> yaml("integration: {solver: rk4, steps: 4, gradient: memory-free}"))
        .hasMessageContaining("euler or heun");
    assertThatThrownBy(() -> yaml("integration: {steps: 4, controller: pi}"))
        .hasMessageContaining("remove integration.controller");
    assertThatThrownBy(
            () -> yaml("integration: {steps: 4, gradient: {name: adjoint, tolerance: 1e-6}}"))
        .hasMessageContaining("integration.gradient")
        .hasMessageContaining("error estimate");
    assertThatThrownBy(
            () ->
                yaml(
                    "integration: {solver: dopri5, tolerance: 1e-3, controller: {name: pi,"
                        + " icoeff: 0}}"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("icoeff must be > 0");
  }

  @Test
  void everyConfigurationOfTheRepositoryLoadsAndRoundTrips() throws Exception {
    List<Path> files;
    try (var list = Files.list(Path.of("..", "configs"))) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).toList();
    }

    assertThat(files).isNotEmpty();
    for (Path file : files) {
      ExperimentConfig c = TestLoader.LOADER.load(file, List.of());
      assertThat(yaml(TestLoader.LOADER.toYaml(c))).as(file.toString()).isEqualTo(c);
    }
  }
}
