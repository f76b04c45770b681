package org.node4j.nn.layer;

/**
 * The part of the Winograd convolution ({@link WinogradF64}) that depends on the tile's size: the
 * kernel, input, output and gradient transforms of F(2x2, 3x3) ({@link Winograd2x2F64}) or F(4x4,
 * 3x3) ({@link Winograd4x4F64}). The padding, tile blocks and products are shared; {@link #of}
 * picks the transforms once per pass, from the plane's tile size. In float64; the float32 twin is
 * generated from this file at build time (see the node4j-nn POM).
 */
interface WinogradTilesF64 {
  /** The transforms of {@code p}'s tiles. */
  static WinogradTilesF64 of(WinogradPlane p) {
    return p.m() == 4 ? Winograd4x4F64.TILES : Winograd2x2F64.TILES;
  }

  /**
   * Writes the transformed kernels {@code u[xi][o][c] = (G w[o][c] G^T)[xi]} of weights {@code
   * w[O][C][3][3]}; with {@code flip}, those of the flipped, transposed kernel into {@code
   * u[xi][c][o]} (the data gradient's). {@code scratch} holds at least 27 values (21 for F2).
   */
  void transformWeights(double[] w, int o, int c, boolean flip, double[] u, double[] scratch);

  /**
   * Adds {@code G^T du[xi][o][c] G}, the adjoint of {@link #transformWeights}, to the 3x3 kernels
   * {@code dw[off ..]}; {@code s} is scratch of at least {@code 3 * window * O * C} values.
   */
  void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s);

  /**
   * Writes the transformed input windows {@code v[xi][c][j]} of the block's tiles {@code at} from
   * the phase-stored padded input ({@link WinogradF64#padInput}).
   */
  void inputTiles(double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v);

  /**
   * Writes the transformed input windows by tiles, {@code v[xi][j][c]}, from the channels-last
   * padded input ({@link WinogradF64#padChannelsLast}), for the weight gradient's product.
   */
  void inputTilesByChannels(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v);

  /** Writes the output transform of the block's products {@code m}, plus {@code bias}, to out. */
  void outputTiles(
      double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out);

  /** Writes the adjoint output transform {@code dm} of the output gradient {@code dy}. */
  void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm);
}
