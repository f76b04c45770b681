package org.node4j.lab.experiment.marion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.experiment.TinyResnet;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridProgress;
import org.node4j.lab.grid.LocalEngine;
import org.node4j.lab.io.Json;

/**
 * The image experiment (Marion et al., ICLR 2024, Table 1) at seconds-long sizes: the two
 * initialisations, a killed cell's resumption, and the report's section.
 */
class ImageExperimentTest {

  private static ImageCell cell(Sigma sigma, WeightInit init) {
    ImageSettings t = ImageSettings.tiny();
    return new ImageCell(
        sigma,
        init,
        t.depth(),
        t.trainSamples(),
        t.testSamples(),
        t.batch(),
        t.epochs(),
        ImageSettings.RATE,
        ImageSettings.MOMENTUM,
        ImageSettings.WEIGHT_DECAY,
        0,
        t.checkpointEvery());
  }

  private static void assumeImages() {
    Path root = Datasets.defaultDirectory();
    assumeTrue(
        Datasets.isAvailable(RealDataset.FASHION_MNIST, root)
            || Datasets.isAvailable(RealDataset.CIFAR10, root),
        "no image data set under " + root);
  }

  @Test
  void tiedLayersStartEqualAndIidLayersDoNot() {
    int[] shape = {1, 28, 28};
    TinyResnet tied = ImageTraining.network(cell(Sigma.GELU, WeightInit.TIED), shape, 10);
    TinyResnet iid = ImageTraining.network(cell(Sigma.GELU, WeightInit.IID), shape, 10);
    for (int conv = 0; conv < 2; conv++) {
      assertThat(ImageTraining.meanGaps(tied, conv)).containsOnly(0.0);
      // PyTorch's default conv init: uniform(±1/sqrt(fan_in)), fan_in = 144, 2304 entries, so two
      // independent draws differ by sqrt(2304 · 2 / (3 · 144)) ≈ 3.27 in Frobenius norm.
      assertThat(ImageTraining.mean(ImageTraining.meanGaps(iid, conv))).isBetween(3.0, 3.5);
    }
  }

  @Test
  void theQuickModeRunsTheCpuSizedImageExperimentAndTheFullModeThePapers() {
    assertThat(MarionSettings.quick().images()).isEqualTo(ImageSettings.quick());
    assertThat(MarionSettings.full().images()).isEqualTo(ImageSettings.full());
    assertThat(MarionSettings.quick().withImages(ImageSettings.none()).images().enabled())
        .isFalse();
  }

  @Test
  void gaussianProcessInitIsRejectedByName() {
    assertThatThrownBy(() -> cell(Sigma.GELU, WeightInit.GP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tied and i.i.d.");
  }

  @Test
  void aKilledImageCellResumesToTheSameBytes(@TempDir Path dir) throws Exception {
    assumeImages();
    CellSpec spec = MarionCellRunner.spec(cell(Sigma.RELU, WeightInit.IID));
    Path whole = Files.createDirectories(dir.resolve("whole"));
    new MarionCellRunner().run(spec, whole);
    Path killed = Files.createDirectories(dir.resolve("killed"));
    assertThatThrownBy(() -> MarionCellRunner.withInterrupt(4).run(spec, killed))
        .hasMessageContaining("interrupted at iteration 4");
    assertThat(killed.resolve(CellOutputs.CHECKPOINT)).exists();
    new MarionCellRunner().run(spec, killed);
    for (String f : List.of(CellOutputs.RESULT, ImageTraining.COEFFICIENTS)) {
      assertThat(Files.readAllBytes(killed.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(whole.resolve(f)));
    }
    assertThat(killed.resolve(CellOutputs.CHECKPOINT)).doesNotExist();
  }

  @Test
  void theReportHasTheTableAndPlotsAndTiedGeluStaysSmootherThanIid(@TempDir Path out)
      throws Exception {
    assumeImages();
    MarionSettings s = MarionSettings.tiny().withImages(ImageSettings.tiny());
    // Only the image cells run; the report says the other parts did not finish.
    List<CellSpec> cells = s.images().cells(s.seed()).stream().map(MarionCellRunner::spec).toList();
    assertThat(
            new LocalEngine(2)
                .run(cells, out.resolve("runs"), new MarionCellRunner(), GridProgress.none()))
        .isEmpty();
    new MarionReport(s, out).write();
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md)
        .contains("## Image experiment (Table 1)")
        .contains("(paper 79.9)")
        .containsPattern("Accuracy: with (either|one) initialisation the three σ");
    if (!Datasets.isAvailable(RealDataset.CIFAR10, Datasets.defaultDirectory())) {
      assertThat(md).contains("**stand-in** for CIFAR-10");
    }
    for (String f : List.of("image-coefficients-gelu-tied", "image-coefficients-relu-iid")) {
      assertThat(out.resolve(f + ".png")).exists();
      assertThat(out.resolve(f + ".svg")).exists();
    }
    ImageResult tied = result(out, cell(Sigma.GELU, WeightInit.TIED));
    ImageResult iid = result(out, cell(Sigma.GELU, WeightInit.IID));
    assertThat(tied.conv1Gap()).isPositive().isLessThan(iid.conv1Gap() / 100);
    assertThat(tied.conv2Gap()).isPositive().isLessThan(iid.conv2Gap() / 100);
    // Tied layers start equal, so the roughness training added is the whole final gap.
    assertThat(tied.conv1TrainedGap()).isEqualTo(tied.conv1Gap());
    assertThat(iid.conv1TrainedGap()).isPositive().isLessThan(iid.conv1GapInit());
    String csv = Files.readString(out.resolve("results.csv"));
    assertThat(csv)
        .contains(
            "image,gelu-tied,3,6,conv1_mean_gap," + PerceptronCellRunner.num(tied.conv1Gap()));
  }

  private static ImageResult result(Path out, ImageCell c) throws Exception {
    return Json.newMapper()
        .readValue(
            out.resolve("runs").resolve(c.id()).resolve(CellOutputs.RESULT).toFile(),
            ImageResult.class);
  }
}
