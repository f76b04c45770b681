package org.node4j.nn.layer;

import org.node4j.nn.kernel.Gemm;

/**
 * The 3x3, stride-1 convolution by Winograd's minimal filtering algorithm F(2x2, 3x3) (Lavin and
 * Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016, Section 4.1), in float64;
 * the float32 twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>Each 2x2 block ("tile") of output positions is {@code Y = A^T [(G g G^T) . (B^T d B)] A} for
 * the 4x4 input window d and each 3x3 filter g (Lavin and Gray, eq. 8). Summed over the input
 * channels, the 16 elementwise products of a tile become 16 matrix products {@code M[xi] = U[xi]
 * V[xi]} with U = the transformed filters [O, C] and V = the transformed windows [C, tiles]: 16 * O
 * * C multiply-adds per tile of 4 outputs instead of 36 * O * C, 2.25 times fewer.
 *
 * <p>The backward pass uses the same algorithm twice more. The data gradient of a stride-1 3x3
 * convolution with padding p is the convolution of dy with the flipped, transposed kernel and
 * padding 2 - p, so it runs through {@link #convolve} with the transformed flipped kernel. The
 * weight gradient is the adjoint of the forward map in g: {@code dU[xi] = dM[xi] V[xi]^T} with
 * {@code dM = A dY A^T} per tile, then {@code dg = G^T dU G}, exact in exact arithmetic; V is
 * stored tiles by channels there, so that product needs no transposing copy.
 *
 * <p>This class holds what both tile sizes share: the padding, the tile blocks and the products.
 * The transforms are {@link Winograd2x2F64}'s for 2x2 tiles and {@link Winograd4x4F64}'s for 4x4
 * ones (F(4x4, 3x3): 36 products per block instead of 16), picked by {@link WinogradTilesF64#of}
 * from the plane's tile size.
 *
 * <p>Tiles are processed in blocks of {@link #TILE_BLOCK} so that the transformed windows and
 * products of one block stay in the core's cache; edge tiles read zeros outside the input and write
 * only the output positions that exist. To make every load of the input transform contiguous, the
 * padded input is stored by column phase ({@link #padInput}): the same column of consecutive tiles'
 * windows is then a run of consecutive elements.
 */
final class WinogradF64 {
  /**
   * Tiles per block of products: V and M of one block are 16 (or 36) planes of channels *
   * TILE_BLOCK.
   */
  static final int TILE_BLOCK = 64;

  /**
   * Elements between consecutive planes of V and M beyond their size: the 16 values of one tile go
   * to 16 planes, and planes a power of two apart (64 x 128 floats) would map those 16 stores to
   * the same cache sets.
   */
  static final int SKEW = 16;

  private static final int V = 0;
  private static final int M = 1;
  private static final int DU = 2;

  /** The workspace slot of a chunk's zero-padded input, and of small scratch outside chunks. */
  static final int PAD = 3;

  private WinogradF64() {}

  /**
   * Overwrites images {@code [n0, n0 + nb)} of {@code out} ([N, cout, ho, wo]) with the convolution
   * of {@code in} ([N, cin, h, w]) by the transformed kernel {@code u[planes][cout][cin]}, plus
   * {@code bias} (may be null), in tiles of {@code p.m()} ({@link WinogradTilesF64#of}).
   */
  static void convolve(
      double[] in,
      int n0,
      int nb,
      int cin,
      int cout,
      WinogradPlane p,
      double[] u,
      double[] bias,
      double[] out,
      Workspace ws) {
    int total = nb * p.tiles();
    int planes = p.planes();
    WinogradTilesF64 tiles = WinogradTilesF64.of(p);
    double[] v = ws.doubles(V, planes * (cin * TILE_BLOCK + SKEW));
    double[] m = ws.doubles(M, planes * (cout * TILE_BLOCK + SKEW));
    double[] pad = ws.doubles(PAD, nb * cin * p.paddedH() * p.paddedW());
    padInput(in, n0, nb, cin, p, pad);
    for (int t0 = 0; t0 < total; t0 += TILE_BLOCK) {
      int tb = Math.min(TILE_BLOCK, total - t0);
      int[] at = locateTiles(n0, p, t0, tb, ws);
      tiles.inputTiles(pad, n0, cin, p, at, tb, v);
      for (int xi = 0; xi < planes; xi++) {
        Gemm.gemm(
            false,
            false,
            ws.aF64.dense(u, xi * cout * cin, cout, cin),
            ws.bF64.dense(v, xi * (cin * tb + SKEW), cin, tb),
            ws.cF64.dense(m, xi * (cout * tb + SKEW), cout, tb),
            false);
      }
      tiles.outputTiles(m, cout, p, at, tb, bias, out);
    }
  }

  /**
   * Adds to {@code dw[off ..]} ([O][C][3][3]) the weight gradient of images {@code [n0, n0 + nb)}:
   * {@code sum over tiles of G^T (dM V^T) G}, with V the transformed windows of {@code x} ([N, C,
   * h, w]) and dM the adjoint output transform of {@code dy} ([N, O, ho, wo]), in tiles of {@code
   * p.m()} as {@link #convolve}. V is stored tiles by channels here, so the product takes it
   * untransposed (a transposed B would be copied by the product's packing at every call).
   */
  static void addWeightGradient(
      double[] x,
      double[] dy,
      int n0,
      int nb,
      int c,
      int o,
      WinogradPlane p,
      double[] dw,
      int off,
      Workspace ws) {
    int total = nb * p.tiles();
    int planes = p.planes();
    WinogradTilesF64 tiles = WinogradTilesF64.of(p);
    double[] v = ws.doubles(V, planes * (c * TILE_BLOCK + SKEW));
    // dm is also the weight adjoint's scratch of 3 * window * o * c values.
    double[] dm = ws.doubles(M, Math.max(planes * (o * TILE_BLOCK + SKEW), 3 * p.window() * o * c));
    double[] du = ws.doubles(DU, planes * o * c);
    double[] pad = ws.doubles(PAD, nb * c * p.paddedH() * p.paddedW());
    padChannelsLast(x, n0, nb, c, p, pad);
    java.util.Arrays.fill(du, 0, planes * o * c, 0.0);
    for (int t0 = 0; t0 < total; t0 += TILE_BLOCK) {
      int tb = Math.min(TILE_BLOCK, total - t0);
      int[] at = locateTiles(n0, p, t0, tb, ws);
      tiles.inputTilesByChannels(pad, n0, c, p, at, tb, v);
      tiles.gradientTiles(dy, o, p, at, tb, dm);
      for (int xi = 0; xi < planes; xi++) {
        Gemm.gemm(
            false,
            false,
            ws.aF64.dense(dm, xi * (o * tb + SKEW), o, tb),
            ws.bF64.dense(v, xi * (c * tb + SKEW), tb, c),
            ws.cF64.dense(du, xi * o * c, o, c),
            true);
      }
    }
    tiles.addWeightAdjoint(du, o, c, dw, off, dm);
  }

  /**
   * Returns, for tiles {@code t0 .. t0 + tb - 1} of the images from {@code n0} on (numbered image
   * by image, row by row), their image, tile row and tile column at {@code [3j, 3j + 2]}: found
   * once per block, used for every channel.
   */
  static int[] locateTiles(int n0, WinogradPlane p, int t0, int tb, Workspace ws) {
    int[] at = ws.ints(3 * tb);
    int tpi = p.tiles();
    for (int j = 0; j < tb; j++) {
      int t = t0 + j;
      at[3 * j] = n0 + t / tpi;
      at[3 * j + 1] = (t % tpi) / p.tilesW();
      at[3 * j + 2] = t % p.tilesW();
    }
    return at;
  }

  /**
   * Copies images {@code [n0, n0 + nb)} of {@code x} ([N, ch, h, w]) into {@code
   * pad[nb][ch][hp][wp]} with the zero padding around them ({@code hp = p.paddedH()}, {@code wp =
   * p.paddedW()}), each row stored by column phase: padded column X of a row is at {@code (X mod m)
   * * q + X / m}, with {@code q = p.phase()}. The window of tile (th, tw) then starts at row m th,
   * and its column k is element {@code tw + k / m} of phase {@code k mod m}: the same column of
   * consecutive tiles is a run of consecutive elements, with no bounds to test.
   */
  static void padInput(double[] x, int n0, int nb, int ch, WinogradPlane p, double[] pad) {
    int hp = p.paddedH();
    int wp = p.paddedW();
    int q = p.phase();
    int shift = p.m() == 4 ? 2 : 1;
    int mask = p.m() - 1;
    int plane = p.h() * p.w();
    java.util.Arrays.fill(pad, 0, nb * ch * hp * wp, 0.0);
    for (int i = 0; i < nb * ch; i++) {
      int src = (n0 * ch + i) * plane;
      int row = (i * hp + p.ph()) * wp;
      // Input column c is padded column c + pw: with 2 phases, the even input columns go to the
      // even phase when pw is even, to the odd phase when it is odd.
      int evenAt = (p.pw() & 1) * q + (p.pw() >> 1);
      int oddAt = (1 - (p.pw() & 1)) * q + ((p.pw() + 1) >> 1);
      for (int r = 0; r < p.h(); r++, src += p.w(), row += wp) {
        // The four phases of F(4x4, 3x3) are filled by this scalar loop: the vector de-interleave
        // of four vectors was too large a loop body for C2 in some JVMs (see Winograd4x4F64).
        int done =
            shift == 1
                ? 2 * Winograd2x2F64.unzip(x, src, pad, row + evenAt, row + oddAt, p.w() / 2)
                : 0;
        for (int c = done, col = p.pw() + done; c < p.w(); c++, col++) {
          pad[row + (col & mask) * q + (col >> shift)] = x[src + c];
        }
      }
    }
  }

  /**
   * Copies images {@code [n0, n0 + nb)} of {@code x} ([N, ch, h, w]) into {@code
   * pad[nb][hp][wp][ch]} (channels last) with the zero padding around them, the sizes of {@link
   * #padInput}: one window element of one tile is then a run of consecutive elements over the
   * channels, for {@link #inputTilesByChannels}.
   */
  static void padChannelsLast(double[] x, int n0, int nb, int ch, WinogradPlane p, double[] pad) {
    int hp = p.paddedH();
    int wp = p.paddedW();
    int plane = p.h() * p.w();
    java.util.Arrays.fill(pad, 0, nb * ch * hp * wp, 0.0);
    for (int i = 0; i < nb; i++) {
      for (int c = 0; c < ch; c++) {
        int src = ((n0 + i) * ch + c) * plane;
        for (int r = 0; r < p.h(); r++) {
          int dst = ((i * hp + r + p.ph()) * wp + p.pw()) * ch + c;
          for (int col = 0; col < p.w(); col++, src++, dst += ch) {
            pad[dst] = x[src];
          }
        }
      }
    }
  }
}
