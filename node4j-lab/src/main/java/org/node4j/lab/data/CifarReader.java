package org.node4j.lab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.node4j.lab.data.DatasetFormatException.Problem;

/**
 * Reads the binary version of CIFAR-10 (Krizhevsky, 2009;
 * https://www.cs.toronto.edu/~kriz/cifar.html).
 *
 * <p>Each file is a sequence of 3073-byte records: one label byte (0-9), then 1024 red, 1024 green
 * and 1024 blue pixel bytes, each plane row-major 32 x 32. That is already channel-first, so a
 * sample has shape {@code [3, 32, 32]} and its values are the record's pixel bytes divided by 255
 * (the seeds' {@code ToTensor}, no normalisation, no augmentation).
 */
public final class CifarReader {
  /** Bytes in one record: the label and 3 x 32 x 32 pixels. */
  public static final int RECORD_BYTES = 1 + 3 * 32 * 32;

  /** The number of classes. */
  public static final int CLASSES = 10;

  /** The class names, indexed by label, from the data set's {@code batches.meta.txt}. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** What to do about a missing or defective CIFAR-10 file. */
  static final String REMEDY =
      "CIFAR-10 is not fetched by node4j: download the binary version (cifar-10-binary.tar.gz)"
          + " from https://www.cs.toronto.edu/~kriz/cifar.html, extract it again and point node4j"
          + " at its cifar-10-batches-bin directory";

  private static final int PIXELS = RECORD_BYTES - 1;

  private CifarReader() {}

  /**
   * Reads the records of {@code files}, in order, into one data set.
   *
   * @param name the name of the data set, e.g. {@code "cifar10-train"}
   * @param files the batch files, e.g. {@code data_batch_1.bin} to {@code data_batch_5.bin}
   * @return the data set of shape {@code [3, 32, 32]}, 10 classes
   * @throws DatasetFormatException when a file is missing, not a whole number of records, or holds
   *     a label above 9
   * @throws IOException when reading fails for another reason
   */
  public static Dataset read(String name, List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += recordCount(file);
    }
    if (total * PIXELS > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          files + " hold " + total + " records, too many for one array; read fewer files");
    }
    float[] x = new float[(int) total * PIXELS];
    int[] y = new int[(int) total];
    byte[] record = new byte[RECORD_BYTES];
    int k = 0;
    for (Path file : files) {
      int n = recordCount(file);
      try (BinaryInput in = BinaryInput.open(file, REMEDY, false)) {
        for (int r = 0; r < n; r++, k++) {
          in.readFully(record, 0, RECORD_BYTES, "record " + r + " of " + n);
          y[k] = record[0] & 0xff;
          if (y[k] >= CLASSES) {
            throw in.error(
                Problem.LABEL_OUT_OF_RANGE,
                "label " + y[k] + " of record " + r + " is not below " + CLASSES);
          }
          Pixels.toUnit(record, 1, x, k * PIXELS, PIXELS);
        }
        in.requireEnd(n + " records");
      }
    }
    return new Dataset(name, new int[] {3, 32, 32}, x, y, CLASSES);
  }

  private static int recordCount(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file, Problem.MISSING_FILE, "file not found", REMEDY);
    }
    long size = Files.size(file);
    if (size % RECORD_BYTES != 0 || size / RECORD_BYTES > Integer.MAX_VALUE) {
      throw new DatasetFormatException(
          file,
          Problem.BAD_RECORD_SIZE,
          size
              + " bytes is not a whole number of "
              + RECORD_BYTES
              + "-byte records (truncated, or not the binary version of CIFAR-10)",
          REMEDY);
    }
    return (int) (size / RECORD_BYTES);
  }
}
