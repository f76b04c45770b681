package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.node4j.lab.data.IdxReaderTest.assertProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.data.DatasetFormatException.Problem;

class CifarReaderTest {
  @TempDir Path dir;

  @Test
  void readsRecordsAcrossFilesInOrderAsChannelFirstImages() throws IOException {
    Path a = DataFiles.write(dir, "a.bin", DataFiles.cifarRecords(6, 9));
    Path b = DataFiles.write(dir, "b.bin", DataFiles.cifarRecords(0));

    Dataset d = CifarReader.read("tiny", List.of(a, b));

    assertThat(d.size()).isEqualTo(3);
    assertThat(d.sampleShape()).containsExactly(3, 32, 32);
    assertThat(d.numClasses()).isEqualTo(10);
    assertThat(d.labels()).containsExactly(6, 9, 0);
    // record 2 is record 0 of file b; the R, G and B planes follow each other, row-major.
    int[] recordInFile = {0, 1, 0};
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) {
        for (int row : new int[] {0, 17, 31}) {
          for (int col : new int[] {0, 5, 31}) {
            int p = c * 1024 + row * 32 + col;
            assertThat(d.feature(i, p)).isEqualTo(DataFiles.pixel(recordInFile[i], p) / 255f);
          }
        }
      }
    }
  }

  @Test
  void loadsTheBatchDirectoryOrItsParent() throws IOException {
    Path batches = dir.resolve("cifar-10-batches-bin");
    for (int i = 1; i <= 5; i++) {
      DataFiles.write(batches, "data_batch_" + i + ".bin", DataFiles.cifarRecords(i, i + 1));
    }
    DataFiles.write(batches, "test_batch.bin", DataFiles.cifarRecords(7));

    DatasetSplit fromParent = Datasets.cifar10(dir);
    DatasetSplit fromBatches = Datasets.cifar10(batches);

    assertThat(fromParent.train().labels()).containsExactly(1, 2, 2, 3, 3, 4, 4, 5, 5, 6);
    assertThat(fromParent.test().labels()).containsExactly(7);
    assertThat(fromBatches.train().labels()).containsExactly(fromParent.train().labels());
    assertThat(Datasets.isAvailable(RealDataset.CIFAR10, dir)).isTrue();
  }

  @Test
  void rejectsSizeNotAMultipleOfTheRecord() throws IOException {
    byte[] records = DataFiles.cifarRecords(1, 2);
    Path f = DataFiles.write(dir, "cut.bin", Arrays.copyOf(records, records.length - 100));
    assertProblem(() -> CifarReader.read("x", List.of(f)), f, Problem.BAD_RECORD_SIZE);
  }

  @Test
  void rejectsLabelAboveNine() throws IOException {
    Path f = DataFiles.write(dir, "bad.bin", DataFiles.cifarRecords(1, 10));
    DatasetFormatException e =
        assertProblem(() -> CifarReader.read("x", List.of(f)), f, Problem.LABEL_OUT_OF_RANGE);
    assertThat(e).hasMessageContaining("record 1");
  }

  @Test
  void reportsMissingBatchFile() throws IOException {
    Path batches = dir.resolve("cifar-10-batches-bin");
    DataFiles.write(batches, "data_batch_1.bin", DataFiles.cifarRecords(1));
    assertProblem(
        () -> Datasets.cifar10(batches), batches.resolve("data_batch_2.bin"), Problem.MISSING_FILE);
  }
}
