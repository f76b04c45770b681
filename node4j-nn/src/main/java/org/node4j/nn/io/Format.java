package org.node4j.nn.io;

import org.node4j.nn.tensor.DType;

/** Constants of the tensor file layout described in {@link TensorFile}. */
final class Format {
  static final byte[] MAGIC = {(byte) 0x89, 'N', '4', 'J', 'T', '\r', '\n', 0x1A};
  static final int HEADER_BYTES = 24;
  static final int TRAILER_BYTES = 4;
  static final int MAX_NAME_BYTES = 65_535;
  static final int MAX_RANK = 32;

  /** The smallest entry: a 1-byte name and either one empty dimension or a float32 scalar. */
  static final int MIN_ENTRY_BYTES = 4 + 1 + 1 + 1 + 4;

  /** Files above this size cannot be held in one byte array. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private Format() {}

  static byte code(DType dtype) {
    return dtype == DType.FLOAT32 ? (byte) 1 : (byte) 2;
  }

  /** Returns the dtype of a code, or {@code null} for an unknown code. */
  static DType dtype(int code) {
    return switch (code) {
      case 1 -> DType.FLOAT32;
      case 2 -> DType.FLOAT64;
      default -> null;
    };
  }
}
