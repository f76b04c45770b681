package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.node4j.lab.data.IdxReader.IMAGES_MAGIC;
import static org.node4j.lab.data.IdxReader.LABELS_MAGIC;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.node4j.lab.data.DatasetFormatException.Problem;

class IdxReaderTest {
  private static final int[] LABELS = {3, 0, 9, 1, 4};
  private static final IdxReader READER = new IdxReader(3, 4, 10);

  @TempDir Path dir;

  @ParameterizedTest(name = "gzip images {0}")
  @ValueSource(booleans = {false, true})
  void roundTripsRawAndGzipFiles(boolean gz) throws IOException {
    byte[] images = DataFiles.idxImages(IMAGES_MAGIC, LABELS.length, 3, 4);
    byte[] labels = DataFiles.idxLabels(LABELS_MAGIC, LABELS);
    Path img = DataFiles.write(dir, "img", gz ? DataFiles.gzip(images) : images);
    Path lab = DataFiles.write(dir, "lab", gz ? labels : DataFiles.gzip(labels));

    Dataset d = READER.read("tiny", img, lab);

    assertThat(d.name()).isEqualTo("tiny");
    assertThat(d.size()).isEqualTo(LABELS.length);
    assertThat(d.sampleShape()).containsExactly(1, 3, 4);
    assertThat(d.numClasses()).isEqualTo(10);
    assertThat(d.labels()).containsExactly(LABELS);
    for (int i = 0; i < LABELS.length; i++) {
      for (int p = 0; p < 12; p++) {
        assertThat(d.feature(i, p)).isEqualTo(DataFiles.pixel(i, p) / 255f);
      }
    }
  }

  @Test
  void detectsGzipByMagicBytesNotByName() throws IOException {
    Path img = DataFiles.write(dir, "images.gz", DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    Path lab =
        DataFiles.write(dir, "labels", DataFiles.gzip(DataFiles.idxLabels(LABELS_MAGIC, LABELS)));

    assertThat(READER.read("named-wrongly", img, lab).labels()).containsExactly(LABELS);
  }

  @Test
  void mapsPixelBytesOntoTheUnitInterval() throws IOException {
    byte[] images = DataFiles.idxImages(IMAGES_MAGIC, 1, 1, 2);
    images[16] = 0;
    images[17] = (byte) 255;
    Dataset d =
        new IdxReader(1, 2, 2)
            .read(
                "ends",
                DataFiles.write(dir, "i", images),
                DataFiles.write(dir, "l", DataFiles.idxLabels(LABELS_MAGIC, 1)));
    assertThat(d.feature(0, 0)).isZero();
    assertThat(d.feature(0, 1)).isEqualTo(1f);
  }

  @Test
  void rejectsWrongMagic() throws IOException {
    Path img = DataFiles.write(dir, "img", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    assertProblem(() -> READER.read("x", img, lab), img, Problem.BAD_MAGIC);
    assertProblem(() -> READER.read("x", lab, img), lab, Problem.BAD_MAGIC);
  }

  @Test
  void rejectsLabelFileWithImageMagic() throws IOException {
    Path img = DataFiles.write(dir, "img", DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    assertProblem(() -> READER.read("x", img, img), img, Problem.BAD_MAGIC);
  }

  @Test
  void rejectsWrongImageDimensions() throws IOException {
    Path img = DataFiles.write(dir, "img", DataFiles.idxImages(IMAGES_MAGIC, 5, 4, 3));
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    assertProblem(() -> READER.read("x", img, lab), img, Problem.BAD_DIMENSIONS);
  }

  @Test
  void rejectsLabelCountDifferentFromImageCount() throws IOException {
    Path img = DataFiles.write(dir, "img", DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, 1, 2, 3, 4));
    DatasetFormatException e =
        assertProblem(() -> READER.read("x", img, lab), lab, Problem.COUNT_MISMATCH);
    assertThat(e).hasMessageContaining(img.toString());
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void rejectsTruncatedImages(boolean gz) throws IOException {
    byte[] full = DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4);
    byte[] cut = Arrays.copyOf(full, full.length - 7);
    Path img = DataFiles.write(dir, "img", gz ? DataFiles.gzip(cut) : cut);
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    assertProblem(() -> READER.read("x", img, lab), img, Problem.TRUNCATED);
  }

  @Test
  void rejectsTruncatedGzipStream() throws IOException {
    byte[] gz = DataFiles.gzip(DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    Path img = DataFiles.write(dir, "img", Arrays.copyOf(gz, gz.length / 2));
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    assertProblem(() -> READER.read("x", img, lab), img, Problem.TRUNCATED);
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    Path img = DataFiles.write(dir, "img", new byte[] {0, 0, 8, 3, 0, 0});
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    assertProblem(() -> READER.read("x", img, lab), img, Problem.TRUNCATED);
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void rejectsTrailingBytes(boolean gz) throws IOException {
    byte[] labels = Arrays.copyOf(DataFiles.idxLabels(LABELS_MAGIC, LABELS), 8 + 6);
    Path img = DataFiles.write(dir, "img", DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    Path lab = DataFiles.write(dir, "lab", gz ? DataFiles.gzip(labels) : labels);
    assertProblem(() -> READER.read("x", img, lab), lab, Problem.TRAILING_BYTES);
  }

  @ParameterizedTest(name = "damaged byte at {0} from the end")
  @ValueSource(ints = {8, 0})
  void rejectsDamagedGzipData(int fromEnd) throws IOException {
    // 8 bytes from the end is the CRC-32 of the trailer; "0" damages the first deflate block header
    // (byte 10, after the 10-byte gzip header) into the reserved block type 11.
    byte[] gz = DataFiles.gzip(DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    int at = fromEnd == 0 ? 10 : gz.length - fromEnd;
    gz[at] = (byte) (fromEnd == 0 ? 0xff : ~gz[at]);
    Path img = DataFiles.write(dir, "img", gz);
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    assertProblem(() -> READER.read("x", img, lab), img, Problem.CORRUPT_COMPRESSION);
  }

  @Test
  void rejectsLabelOutOfRange() throws IOException {
    Path img = DataFiles.write(dir, "img", DataFiles.idxImages(IMAGES_MAGIC, 5, 3, 4));
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, 3, 0, 10, 1, 4));
    DatasetFormatException e =
        assertProblem(() -> READER.read("x", img, lab), lab, Problem.LABEL_OUT_OF_RANGE);
    assertThat(e).hasMessageContaining("item 2");
  }

  @Test
  void reportsMissingFile() throws IOException {
    Path lab = DataFiles.write(dir, "lab", DataFiles.idxLabels(LABELS_MAGIC, LABELS));
    Path img = dir.resolve("absent");
    assertProblem(() -> READER.read("x", img, lab), img, Problem.MISSING_FILE);
  }

  @Test
  void rejectsNonPositiveReaderDimensions() {
    assertThatThrownBy(() -> new IdxReader(0, 28, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Runs {@code read}, expects {@code problem} about {@code file}, with a remedy in the message.
   */
  static DatasetFormatException assertProblem(Read read, Path file, Problem problem) {
    DatasetFormatException e = null;
    try {
      read.run();
    } catch (DatasetFormatException caught) {
      e = caught;
    } catch (IOException other) {
      throw new AssertionError("expected DatasetFormatException, got " + other, other);
    }
    assertThat(e).as("exception for %s", problem).isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.file()).isEqualTo(file);
    assertThat(e)
        .hasMessageStartingWith(file.toString())
        .hasMessageMatching("(?s).*(fetch-datasets\\.sh|cifar-10-binary).*");
    return e;
  }

  /** A read that may fail. */
  interface Read {
    void run() throws IOException;
  }
}
