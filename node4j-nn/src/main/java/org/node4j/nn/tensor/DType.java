package org.node4j.nn.tensor;

/** Element type of a {@link Tensor}. */
public enum DType {
  /** 32-bit IEEE floating point, the default for training. */
  FLOAT32(4),
  /** 64-bit IEEE floating point, used for gradient checks and convergence studies. */
  FLOAT64(8);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Returns the size of one element in bytes. */
  public int bytes() {
    return bytes;
  }
}
