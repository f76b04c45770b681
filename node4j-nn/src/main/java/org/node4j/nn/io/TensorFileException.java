package org.node4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A tensor file that cannot be read: its {@link Problem} says why, and the message names the file.
 * Nothing has been loaded into any model when this is thrown.
 */
public final class TensorFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the file. */
  public enum Problem {
    /** The file does not start with the node4j tensor magic: it is not a tensor file. */
    BAD_MAGIC("not a node4j tensor file (bad magic bytes)"),
    /** The format version is newer (or older) than this build reads. */
    UNSUPPORTED_VERSION("unsupported format version"),
    /** The file ends before the length its header declares: an interrupted copy or write. */
    TRUNCATED("file is truncated"),
    /** The CRC32 of the contents does not match: the file was altered or damaged. */
    BAD_CHECKSUM("checksum mismatch, the file is corrupt"),
    /** A declared size is impossible (too large for memory or for the file). */
    ABSURD_SIZE("a declared size is impossible"),
    /** The checksum matches but the structure is invalid (bad dtype, rank, duplicate name, ...). */
    CORRUPT("invalid structure");

    private final String description;

    Problem(String description) {
      this.description = description;
    }

    /** Returns a short human description. */
    public String description() {
      return description;
    }
  }

  private final transient Path file;
  private final Problem problem;

  TensorFileException(Path file, Problem problem, String detail) {
    super(file + ": " + problem.description() + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.file = file;
    this.problem = problem;
  }

  /** Returns the file that could not be read. */
  public Path file() {
    return file;
  }

  /** Returns what is wrong with it. */
  public Problem problem() {
    return problem;
  }
}
