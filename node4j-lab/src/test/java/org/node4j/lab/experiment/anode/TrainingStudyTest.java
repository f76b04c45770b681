package org.node4j.lab.experiment.anode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;

/**
 * The training cell on a slice of MNIST: exact methods agree, and a killed cell resumes exactly.
 */
class TrainingStudyTest {
  private static Path data;

  @BeforeAll
  static void data() {
    data = Datasets.defaultDirectory();
    assumeTrue(Datasets.isAvailable(RealDataset.MNIST, data), "MNIST not fetched");
  }

  private static TrainingStudy.Cell cell(String method, int iterations) {
    return new TrainingStudy.Cell(
        "mnist", data.toString(), method, 2, iterations, 3, 16, 256, 64, 2e-3, 5);
  }

  @Test
  void dtoTrainsExactlyAsBackpropAndOtdDiffers(@TempDir Path dir) throws Exception {
    TrainingStudy.Curve bp = TrainingStudy.run(cell("backprop", 6), dir.resolve("bp"));
    TrainingStudy.Curve dto = TrainingStudy.run(cell("dto", 6), dir.resolve("dto"));
    TrainingStudy.Curve otd = TrainingStudy.run(cell("otd", 6), dir.resolve("otd"));
    assertFalse(bp.diverged());
    assertEquals(bp.points(), dto.points());
    assertNotEquals(bp.points().get(1).trainLoss(), otd.points().get(1).trainLoss());
  }

  @Test
  void aResumedCellEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    TrainingStudy.Curve whole = TrainingStudy.run(cell("otd", 6), dir.resolve("whole"));
    TrainingStudy.run(cell("otd", 3), dir.resolve("split"));
    TrainingStudy.Curve resumed = TrainingStudy.run(cell("otd", 6), dir.resolve("split"));
    assertEquals(whole.points(), resumed.points());
  }
}
