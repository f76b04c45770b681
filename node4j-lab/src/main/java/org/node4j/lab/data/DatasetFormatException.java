package org.node4j.lab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file that does not have the layout its reader expects: wrong magic number, wrong image
 * size, truncated or trailing bytes, disagreeing counts, or a label out of range.
 *
 * <p>The message names the file, the problem and what to do about it (usually: fetch the files
 * again). Code and tests branch on {@link #problem()}, never on the message text.
 */
public final class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The kind of defect found, one per check a reader makes. */
  public enum Problem {
    /** The file is absent. */
    MISSING_FILE,
    /** The first four bytes are not the magic number of the expected IDX file kind. */
    BAD_MAGIC,
    /** The header declares dimensions other than the ones this data set has. */
    BAD_DIMENSIONS,
    /** The file ends before the number of items its header declares. */
    TRUNCATED,
    /** The file holds bytes after the last item its header declares. */
    TRAILING_BYTES,
    /** The gzip stream is damaged. */
    CORRUPT_COMPRESSION,
    /** The image and label files of one split declare different numbers of items. */
    COUNT_MISMATCH,
    /** A CIFAR-10 file's size is not a multiple of the 3073-byte record. */
    BAD_RECORD_SIZE,
    /** A label is not below the number of classes. */
    LABEL_OUT_OF_RANGE
  }

  private final transient Path file;
  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param file the offending file
   * @param problem the kind of defect
   * @param detail what exactly is wrong, with the numbers found and expected
   * @param remedy what the user should do about it
   */
  public DatasetFormatException(Path file, Problem problem, String detail, String remedy) {
    super(file + ": " + detail + ". " + remedy);
    this.file = Objects.requireNonNull(file, "file");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Returns the offending file. */
  public Path file() {
    return file;
  }

  /** Returns the kind of defect found. */
  public Problem problem() {
    return problem;
  }
}
