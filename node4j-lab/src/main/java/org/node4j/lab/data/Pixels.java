package org.node4j.lab.data;

/**
 * Converts unsigned 8-bit pixels to floats in [0, 1] as torchvision's {@code ToTensor} does (a
 * float32 division by 255), which is the only transform the seeds apply to images.
 */
final class Pixels {
  private static final float[] UNIT = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      UNIT[b] = b / 255f;
    }
  }

  private Pixels() {}

  /** Converts {@code length} bytes from {@code src[from..]} into {@code dst[to..]}. */
  static void toUnit(byte[] src, int from, float[] dst, int to, int length) {
    for (int i = 0; i < length; i++) {
      dst[to + i] = UNIT[src[from + i] & 0xff];
    }
  }
}
