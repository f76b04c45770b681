package org.node4j.lab.data;

import java.io.IOException;
import java.nio.file.Path;
import org.node4j.lab.data.DatasetFormatException.Problem;

/**
 * Reads an image/label pair of IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.,
 * http://yann.lecun.com/exdb/mnist/): big-endian headers, magic 2051 then n, rows, cols for images,
 * magic 2049 then n for labels, then one unsigned byte per pixel or label.
 *
 * <p>Files may be raw or gzip-compressed; compression is detected from the magic bytes {@code 1f
 * 8b}, not the file name. Pixels become floats {@code b / 255f} in [0, 1], exactly what the seeds'
 * {@code ToTensor} produces, without normalisation. Every header field and size is checked, and a
 * defect is reported as a {@link DatasetFormatException}.
 */
public final class IdxReader {
  /** The magic number of an IDX file of unsigned bytes with three dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** The magic number of an IDX file of unsigned bytes with one dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** What to do about a defective IDX file. */
  static final String REMEDY =
      "Delete the file and fetch the data set again with scripts/fetch-datasets.sh"
          + " (see docs/datasets.md)";

  private final int rows;
  private final int cols;
  private final int numClasses;

  /**
   * Creates a reader for images of {@code rows x cols} pixels and labels below {@code numClasses}.
   *
   * @throws IllegalArgumentException when a value is below 1
   */
  public IdxReader(int rows, int cols, int numClasses) {
    if (rows < 1 || cols < 1 || numClasses < 1) {
      throw new IllegalArgumentException(
          "rows, cols and numClasses must be >= 1, got " + rows + ", " + cols + ", " + numClasses);
    }
    this.rows = rows;
    this.cols = cols;
    this.numClasses = numClasses;
  }

  /** Returns the reader for MNIST and Fashion-MNIST: 28 x 28 images, 10 classes. */
  public static IdxReader mnist() {
    return new IdxReader(28, 28, 10);
  }

  /**
   * Reads a data set of shape {@code [1, rows, cols]} from an image and a label file.
   *
   * @param name the name of the data set, e.g. {@code "mnist-train"}
   * @param images the IDX image file (raw or gzip)
   * @param labels the IDX label file (raw or gzip)
   * @return the data set
   * @throws DatasetFormatException when a file is missing, malformed, truncated or inconsistent
   * @throws IOException when reading fails for another reason
   */
  public Dataset read(String name, Path images, Path labels) throws IOException {
    try (BinaryInput img = BinaryInput.open(images, REMEDY);
        BinaryInput lab = BinaryInput.open(labels, REMEDY)) {
      int n = readImageHeader(img);
      int m = readLabelHeader(lab);
      if (n != m) {
        throw lab.error(
            Problem.COUNT_MISMATCH,
            "declares "
                + m
                + " labels but the image file "
                + images
                + " declares "
                + n
                + " images");
      }
      int pixels = rows * cols;
      byte[] raw = new byte[n * pixels];
      img.readFully(raw, 0, raw.length, n + " images of " + rows + "x" + cols + " pixels");
      img.requireEnd(n + " images");
      float[] x = new float[raw.length];
      Pixels.toUnit(raw, 0, x, 0, raw.length);
      return new Dataset(name, new int[] {1, rows, cols}, x, readLabels(lab, n), numClasses);
    }
  }

  private int readImageHeader(BinaryInput in) throws IOException {
    int magic = in.readInt("the magic number");
    if (magic != IMAGES_MAGIC) {
      throw in.error(
          Problem.BAD_MAGIC,
          String.format(
              "magic number 0x%08x is not 0x%08x (IDX images)%s",
              magic, IMAGES_MAGIC, magic == LABELS_MAGIC ? "; this is a label file" : ""));
    }
    int n = in.readInt("the image count");
    int r = in.readInt("the row count");
    int c = in.readInt("the column count");
    if (n < 0 || r != rows || c != cols || (long) n * rows * cols > Integer.MAX_VALUE - 8) {
      throw in.error(
          Problem.BAD_DIMENSIONS,
          "header declares "
              + n
              + " images of "
              + r
              + "x"
              + c
              + " pixels, expected "
              + rows
              + "x"
              + cols);
    }
    requireRawSize(in, 16L + (long) n * rows * cols, n + " images");
    return n;
  }

  private int readLabelHeader(BinaryInput in) throws IOException {
    int magic = in.readInt("the magic number");
    if (magic != LABELS_MAGIC) {
      throw in.error(
          Problem.BAD_MAGIC,
          String.format(
              "magic number 0x%08x is not 0x%08x (IDX labels)%s",
              magic, LABELS_MAGIC, magic == IMAGES_MAGIC ? "; this is an image file" : ""));
    }
    int n = in.readInt("the label count");
    if (n < 0) {
      throw in.error(Problem.BAD_DIMENSIONS, "header declares a negative label count " + n);
    }
    requireRawSize(in, 8L + n, n + " labels");
    return n;
  }

  private int[] readLabels(BinaryInput in, int n) throws IOException {
    byte[] raw = new byte[n];
    in.readFully(raw, 0, n, n + " labels");
    in.requireEnd(n + " labels");
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = raw[i] & 0xff;
      if (y[i] >= numClasses) {
        throw in.error(
            Problem.LABEL_OUT_OF_RANGE,
            "label " + y[i] + " of item " + i + " is not below the " + numClasses + " classes");
      }
    }
    return y;
  }

  /** Checks an uncompressed file's size against its header before allocating for its body. */
  private static void requireRawSize(BinaryInput in, long expected, String what)
      throws DatasetFormatException {
    if (in.gzip() || in.fileSize() == expected) {
      return;
    }
    Problem problem = in.fileSize() < expected ? Problem.TRUNCATED : Problem.TRAILING_BYTES;
    throw in.error(
        problem,
        "file has "
            + in.fileSize()
            + " bytes but its header promises "
            + what
            + " ("
            + expected
            + " bytes)");
  }
}
