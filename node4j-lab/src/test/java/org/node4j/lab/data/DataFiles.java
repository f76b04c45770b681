package org.node4j.lab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX and CIFAR-10 files for the reader tests. */
final class DataFiles {
  private DataFiles() {}

  /**
   * The pixel byte of image {@code i} at flat position {@code p}: a pattern that differs by image.
   */
  static int pixel(int i, int p) {
    return (i * 37 + p * 11) & 0xff;
  }

  /** Returns an IDX image file of {@code n} images of {@code rows x cols} (magic overridable). */
  static byte[] idxImages(int magic, int n, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
    b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < rows * cols; p++) {
        b.put((byte) pixel(i, p));
      }
    }
    return b.array();
  }

  /** Returns an IDX label file with the given labels. */
  static byte[] idxLabels(int magic, int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(magic).putInt(labels.length);
    for (int label : labels) {
      b.put((byte) label);
    }
    return b.array();
  }

  /**
   * Returns CIFAR-10 records: record i has label labels[i] and channel c pixel p = pixel(i,
   * c*1024+p).
   */
  static byte[] cifarRecords(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(labels.length * CifarReader.RECORD_BYTES);
    for (int i = 0; i < labels.length; i++) {
      b.put((byte) labels[i]);
      for (int p = 0; p < 3072; p++) {
        b.put((byte) pixel(i, p));
      }
    }
    return b.array();
  }

  /** Returns the gzip compression of {@code data}. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code data} to {@code dir/name} and returns the path. */
  static Path write(Path dir, String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, data);
  }
}
