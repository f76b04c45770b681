package org.node4j.nn.layer;

/**
 * How a {@link Conv2d} computes its products. Every choice computes the same convolution and its
 * exact gradients; they differ in speed and rounding.
 */
public enum ConvAlgorithm {
  /**
   * Winograd where it pays ({@link #WINOGRAD}'s geometry, float32, at least {@link
   * ConvLayer#COLUMN_MIN_POSITIONS} output positions and {@link ConvLayer#WINOGRAD_MIN_CHANNELS}
   * channels in and out), as {@link #WINOGRAD_4X4}, else direct. float64 stays direct: it is the
   * reference precision that the float32 paths are checked against.
   */
  AUTO,
  /**
   * The products of im2row or im2col patches with the kernel matrix, or, for images of a few
   * positions, of the images as stored with the unrolled kernel matrix ({@link UnrolledConvF64}).
   */
  DIRECT,
  /**
   * Winograd's F(2x2, 3x3) (Lavin and Gray, CVPR 2016): 2.25 times fewer multiplies; only for 3x3
   * kernels with stride 1 and padding at most 2.
   */
  WINOGRAD,
  /**
   * Winograd's F(4x4, 3x3) (Lavin and Gray, CVPR 2016, Section 5): 4 times fewer multiplies than
   * direct, at several times the rounding error of {@link #WINOGRAD} in float32; the same
   * geometries.
   */
  WINOGRAD_4X4;

  /** Whether this choice forces a Winograd algorithm. */
  boolean winograd() {
    return this == WINOGRAD || this == WINOGRAD_4X4;
  }
}
