package org.node4j.lab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.node4j.lab.data.DatasetFormatException.Problem;

/**
 * A data file opened for reading, transparently gunzipped when it starts with the gzip magic bytes
 * {@code 1f 8b} (whatever its name), with reads that turn end-of-file and gzip damage into {@link
 * DatasetFormatException}s naming the file.
 */
final class BinaryInput implements AutoCloseable {
  private static final int BUFFER = 1 << 16;

  private final Path file;
  private final String remedy;
  private final boolean gzip;
  private final long fileSize;
  private final DataInputStream in;

  private BinaryInput(Path file, String remedy, boolean gzip, long fileSize, InputStream in) {
    this.file = file;
    this.remedy = remedy;
    this.gzip = gzip;
    this.fileSize = fileSize;
    this.in = new DataInputStream(in);
  }

  /** Opens {@code file}, gunzipping it if compressed; {@code remedy} ends every error message. */
  static BinaryInput open(Path file, String remedy) throws IOException {
    return open(file, remedy, true);
  }

  /** Opens {@code file}, gunzipping it only if {@code detectGzip} and it is compressed. */
  static BinaryInput open(Path file, String remedy, boolean detectGzip) throws IOException {
    InputStream raw;
    try {
      raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(file, Problem.MISSING_FILE, "file not found", remedy);
    }
    raw.mark(2);
    boolean gz = detectGzip && raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    try {
      InputStream in = gz ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
      return new BinaryInput(file, remedy, gz, Files.size(file), in);
    } catch (EOFException | ZipException e) {
      raw.close();
      throw new DatasetFormatException(
          file,
          Problem.CORRUPT_COMPRESSION,
          "damaged gzip header (" + e.getMessage() + ")",
          remedy);
    }
  }

  /** Returns whether the file is gzip-compressed. */
  boolean gzip() {
    return gzip;
  }

  /** Returns the size of the file on disk (compressed size for gzip files). */
  long fileSize() {
    return fileSize;
  }

  /** Reads a big-endian int; {@code what} names it in the error on a short file. */
  int readInt(String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException | ZipException e) {
      throw failure(e, what);
    }
  }

  /** Fills {@code dst}; {@code what} names the data in the error on a short file. */
  void readFully(byte[] dst, int offset, int length, String what) throws IOException {
    try {
      in.readFully(dst, offset, length);
    } catch (EOFException | ZipException e) {
      throw failure(e, what);
    }
  }

  /** Checks that no data follow; {@code expected} describes what the file should have held. */
  void requireEnd(String expected) throws IOException {
    int extra;
    try {
      extra = in.read();
    } catch (EOFException | ZipException e) {
      throw failure(e, "the end of the gzip stream");
    }
    if (extra >= 0) {
      throw error(Problem.TRAILING_BYTES, "unexpected bytes after " + expected);
    }
  }

  /** Returns an exception about this file. */
  DatasetFormatException error(Problem problem, String detail) {
    return new DatasetFormatException(file, problem, detail, remedy);
  }

  private DatasetFormatException failure(IOException e, String what) {
    if (e instanceof ZipException) {
      return error(
          Problem.CORRUPT_COMPRESSION, "damaged gzip data while reading " + what + " (" + e + ")");
    }
    return error(Problem.TRUNCATED, "file ends before " + what + " (truncated download?)");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
