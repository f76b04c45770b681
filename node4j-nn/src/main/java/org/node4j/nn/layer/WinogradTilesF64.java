package org.node4j.nn.layer;

/**
 * The part of the Winograd convolution ({@link WinogradF64}) that depends on the tile's size: the
 * kernel, input, output and gradient transforms of F(2x2, 3x3) ({@link #F2}, in {@link
 * WinogradF64}) or F(4x4, 3x3) ({@link #F4}, in {@link Winograd4x4F64}). The padding, tile blocks
 * and products are shared; {@link #of} picks the transforms once per pass, from the plane's tile
 * size. In float64; the float32 twin is generated from this file at build time (see the node4j-nn
 * POM).
 */
enum WinogradTilesF64 {
  /** F(2x2, 3x3): 16 products per tile of 4 outputs. */
  F2 {
    @Override
    void transformWeights(double[] w, int o, int c, boolean flip, double[] u, double[] scratch) {
      WinogradF64.transformWeights(w, o, c, flip, u, scratch);
    }

    @Override
    void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s) {
      WinogradF64.addWeightAdjoint(du, o, c, dw, off, s);
    }

    @Override
    void inputTiles(double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
      WinogradF64.inputTiles(pad, n0, ch, p, at, tb, v);
    }

    @Override
    void inputTilesByChannels(
        double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
      WinogradF64.inputTilesByChannels(pad, n0, ch, p, at, tb, v);
    }

    @Override
    void outputTiles(
        double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out) {
      WinogradF64.outputTiles(m, ch, p, at, tb, bias, out);
    }

    @Override
    void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm) {
      WinogradF64.gradientTiles(dy, ch, p, at, tb, dm);
    }
  },

  /** F(4x4, 3x3): 36 products per tile of 16 outputs, at a larger rounding error. */
  F4 {
    @Override
    void transformWeights(double[] w, int o, int c, boolean flip, double[] u, double[] scratch) {
      Winograd4x4F64.transformWeights(w, o, c, flip, u, scratch);
    }

    @Override
    void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s) {
      Winograd4x4F64.addWeightAdjoint(du, o, c, dw, off, s);
    }

    @Override
    void inputTiles(double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
      Winograd4x4F64.inputTiles(pad, n0, ch, p, at, tb, v);
    }

    @Override
    void inputTilesByChannels(
        double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
      Winograd4x4F64.inputTilesByChannels(pad, n0, ch, p, at, tb, v);
    }

    @Override
    void outputTiles(
        double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out) {
      Winograd4x4F64.outputTiles(m, ch, p, at, tb, bias, out);
    }

    @Override
    void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm) {
      Winograd4x4F64.gradientTiles(dy, ch, p, at, tb, dm);
    }
  };

  /** The transforms of {@code p}'s tiles. */
  static WinogradTilesF64 of(WinogradPlane p) {
    return p.m() == 4 ? F4 : F2;
  }

  /**
   * Writes the transformed kernels {@code u[xi][o][c] = (G w[o][c] G^T)[xi]} of weights {@code
   * w[O][C][3][3]}; with {@code flip}, those of the flipped, transposed kernel into {@code
   * u[xi][c][o]} (the data gradient's). {@code scratch} holds at least 27 values (21 for F2).
   */
  abstract void transformWeights(
      double[] w, int o, int c, boolean flip, double[] u, double[] scratch);

  /**
   * Adds {@code G^T du[xi][o][c] G}, the adjoint of {@link #transformWeights}, to the 3x3 kernels
   * {@code dw[off ..]}; {@code s} is scratch of at least {@code 3 * window * O * C} values.
   */
  abstract void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s);

  /**
   * Writes the transformed input windows {@code v[xi][c][j]} of the block's tiles {@code at} from
   * the phase-stored padded input ({@link WinogradF64#padInput}).
   */
  abstract void inputTiles(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v);

  /**
   * Writes the transformed input windows by tiles, {@code v[xi][j][c]}, from the channels-last
   * padded input ({@link WinogradF64#padChannelsLast}), for the weight gradient's product.
   */
  abstract void inputTilesByChannels(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v);

  /** Writes the output transform of the block's products {@code m}, plus {@code bias}, to out. */
  abstract void outputTiles(
      double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out);

  /** Writes the adjoint output transform {@code dm} of the output gradient {@code dy}. */
  abstract void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm);
}
