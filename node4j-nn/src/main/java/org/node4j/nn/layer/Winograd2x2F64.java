package org.node4j.nn.layer;

/**
 * The tile transforms of Winograd's F(2x2, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional
 * Neural Networks", CVPR 2016, Section 4.1), in float64, for {@link WinogradF64}'s products and
 * tile blocks; the float32 twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>A tile is a 2x2 block of outputs, computed from a 4x4 input window d and each 3x3 filter g as
 * {@code Y = A^T [(G g G^T) . (B^T d B)] A}: summed over C input channels, 16 * O * C multiply-adds
 * per tile of 4 outputs instead of 36 * O * C, 2.25 times fewer. The input, output and gradient
 * transforms run across the consecutive tiles of one tile row with the Vector API ({@link Lanes},
 * implemented by {@code VectorWinogradF64} and loaded only when the GEMM kernel is the vector one,
 * as the engine's other Vector API code), and per tile in scalar code for the rest (edge tiles,
 * partial vectors, and every tile without the Vector API). Both compute each value by the same
 * operations in the same order, so results do not depend on which path a tile takes.
 */
final class Winograd2x2F64 implements WinogradTilesF64 {
  /** The transforms; they keep no state. */
  static final Winograd2x2F64 TILES = new Winograd2x2F64();

  /** One half, in the dtype: {@code x * HALF} is {@code x / 2} to the bit. */
  private static final double HALF = (double) 0.5;

  /** The vector transforms, or null without the Vector API. */
  private static final Lanes LANES = Lanes.load();

  private Winograd2x2F64() {}

  /**
   * The transforms of {@code count} consecutive tiles of one tile row, a vector of tiles at a time;
   * each returns how many tiles (from the first) it did, a multiple of its vector length, and the
   * caller does the rest per tile. Offsets and strides are those of the scalar code.
   */
  interface Lanes {
    /**
     * Input transform of {@code count} windows i (tiles, or channels of one tile) of each of {@code
     * groups} groups g (channels, or tiles of one tile row), whose four columns start at {@code
     * pad[e + g * es + i]}, {@code pad[e + g * es + c1 + i]}, {@code pad[e + g * es + c2 + i]},
     * {@code pad[e + g * es + c3 + i]}, rows {@code rs} apart; writes {@code v[k + g * ks + xi *
     * step + i]}. The same windows of every group are done.
     */
    int input(
        double[] pad,
        int e,
        int c1,
        int c2,
        int c3,
        int rs,
        double[] v,
        int k,
        int step,
        int count,
        int groups,
        int es,
        int ks);

    /**
     * Output transform of {@code count} tiles whose four outputs all exist, for each of {@code
     * groups} channels g: reads {@code m[k + g * ks + xi * step + i]}, writes rows {@code out[dst +
     * g * ds + 2i ..]} and {@code out[dst + g * ds + wo + 2i ..]}, plus {@code bias[g]} (0 when
     * {@code bias} is null).
     */
    int output(
        double[] m,
        int k,
        int step,
        double[] bias,
        double[] out,
        int dst,
        int wo,
        int count,
        int groups,
        int ks,
        int ds);

    /**
     * Adjoint output transform of {@code count} tiles whose four gradients all exist, for each of
     * {@code groups} channels g: reads {@code dy[src + g * ss + 2i ..]} and {@code dy[src + g * ss
     * + wo + 2i ..]}, writes {@code dm[k + g * ks + xi * step + i]}.
     */
    int gradient(
        double[] dy,
        int src,
        int wo,
        double[] dm,
        int k,
        int step,
        int count,
        int groups,
        int ss,
        int ks);

    /**
     * Copies the even elements of {@code x[src .. src + 2 count)} to {@code pad[even ..]} and the
     * odd ones to {@code pad[odd ..]}, whole vectors of pairs only: returns the pairs done.
     */
    int unzip(double[] x, int src, double[] pad, int even, int odd, int count);

    /** The vector transforms when the GEMM kernel uses the Vector API, else null. */
    static Lanes load() {
      return VectorLoops.load(
          Lanes.class, "org.node4j.nn.layer.VectorWinogradF64", "Winograd transforms");
    }
  }

  /**
   * Copies the even elements of {@code x[src .. src + 2 count)} to {@code pad[even ..]} and the odd
   * ones to {@code pad[odd ..]} with the vector transforms, whole vectors of pairs only: returns
   * the pairs done, 0 without the Vector API ({@link WinogradF64#padInput}'s two phases).
   */
  static int unzip(double[] x, int src, double[] pad, int even, int odd, int count) {
    return LANES == null ? 0 : LANES.unzip(x, src, pad, even, odd, count);
  }

  /**
   * Writes {@code u[xi][o][c] = (G w[o][c] G^T)[xi]} for weights {@code w[O][C][3][3]}; with {@code
   * flip}, the transform of the flipped, transposed kernel {@code w'[c][o][i][j] = w[o][c][2 - i][2
   * - j]} into {@code u[xi][c][o]}, the kernel of the data gradient. {@code scratch} holds at least
   * 21 values.
   */
  @Override
  public void transformWeights(
      double[] w, int o, int c, boolean flip, double[] u, double[] scratch) {
    double[] g = scratch;
    int t0 = 9;
    for (int oo = 0; oo < o; oo++) {
      for (int cc = 0; cc < c; cc++) {
        int src = (oo * c + cc) * 9;
        for (int i = 0; i < 9; i++) {
          g[i] = w[src + (flip ? 8 - i : i)];
        }
        // t = G g (4x3), then u = t G^T (4x4); G's rows: (1,0,0), (1,1,1)/2, (1,-1,1)/2, (0,0,1).
        for (int j = 0; j < 3; j++) {
          g[t0 + j] = g[j];
          g[t0 + 3 + j] = (g[j] + g[3 + j] + g[6 + j]) / 2;
          g[t0 + 6 + j] = (g[j] - g[3 + j] + g[6 + j]) / 2;
          g[t0 + 9 + j] = g[6 + j];
        }
        int rows = flip ? c : o;
        int cols = flip ? o : c;
        int at = flip ? cc * o + oo : oo * c + cc;
        int step = rows * cols;
        for (int i = 0; i < 4; i++) {
          double a = g[t0 + 3 * i];
          double b = g[t0 + 3 * i + 1];
          double d = g[t0 + 3 * i + 2];
          u[(4 * i) * step + at] = a;
          u[(4 * i + 1) * step + at] = (a + b + d) / 2;
          u[(4 * i + 2) * step + at] = (a - b + d) / 2;
          u[(4 * i + 3) * step + at] = d;
        }
      }
    }
  }

  /**
   * Adds {@code G^T du[xi][o][c] G} (the adjoint of {@link #transformWeights}) to the 3x3 kernels
   * {@code dw[off + (o * C + c) * 9 ..]}. First {@code s = G^T du} into 12 planes of O * C ({@code
   * s[4a + j]}), each a loop over the kernels that the JIT vectorises, then {@code s G} kernel by
   * kernel; {@code s} holds at least {@code 12 * O * C} values. Halving is a multiplication by 1/2,
   * exact like the division it replaces (the same bits), and several times cheaper.
   */
  @Override
  public void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s) {
    int step = o * c;
    // s = G^T du (3x4 per kernel), rows: u0 + (u1 + u2)/2, (u1 - u2)/2, (u1 + u2)/2 + u3.
    for (int j = 0; j < 4; j++) {
      int u0 = j * step;
      int u1 = (4 + j) * step;
      int u2 = (8 + j) * step;
      int u3 = (12 + j) * step;
      int s0 = j * step;
      int s1 = (4 + j) * step;
      int s2 = (8 + j) * step;
      for (int at = 0; at < step; at++) {
        s[s0 + at] = du[u0 + at] + (du[u1 + at] + du[u2 + at]) * HALF;
        s[s1 + at] = (du[u1 + at] - du[u2 + at]) * HALF;
        s[s2 + at] = (du[u1 + at] + du[u2 + at]) * HALF + du[u3 + at];
      }
    }
    for (int at = 0; at < step; at++) {
      int dst = off + at * 9;
      for (int i = 0; i < 3; i++) {
        double u0 = s[4 * i * step + at];
        double u1 = s[(4 * i + 1) * step + at];
        double u2 = s[(4 * i + 2) * step + at];
        double u3 = s[(4 * i + 3) * step + at];
        dw[dst + 3 * i] += u0 + (u1 + u2) * HALF;
        dw[dst + 3 * i + 1] += (u1 - u2) * HALF;
        dw[dst + 3 * i + 2] += (u1 + u2) * HALF + u3;
      }
    }
  }

  /**
   * Writes {@code v[xi][c][j] = (B^T d B)[xi]} for the 4x4 window d of channel c of tile j of the
   * block ({@code at} from {@link WinogradF64#locateTiles}) in the padded input of {@link
   * WinogradF64#padInput}, a run of tiles of one tile row of every channel in one call of the
   * vector transform (one call per channel and run cost about a fifth of the transform in calls and
   * loop set-up: a run of W4's 32-wide images is one vector). B^T's rows are (1,0,-1,0), (0,1,1,0),
   * (0,-1,1,0), (0,1,0,-1).
   */
  @Override
  public void inputTiles(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
    int wp = p.paddedW();
    int half = p.phase();
    int plane = p.paddedH() * wp;
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      run = Math.min(tb - j, p.tilesW() - at[3 * j + 2]);
      int e = (at[3 * j] - n0) * ch * plane + 2 * at[3 * j + 1] * wp + at[3 * j + 2];
      int done =
          LANES == null
              ? 0
              : LANES.input(pad, e, half, 1, half + 1, wp, v, j, step, run, ch, plane, tb);
      for (int c = 0; c < ch; c++) {
        for (int i = done; i < run; i++) {
          inputTile(pad, e + c * plane + i, half, 1, half + 1, wp, v, c * tb + j + i, step);
        }
      }
    }
  }

  /**
   * As {@link #inputTiles}, but into {@code v[xi][j][c]}, the layout the weight gradient's product
   * takes untransposed (a transposed operand would cost the product a packing copy per call), from
   * the channels-last padding of {@link WinogradF64#padChannelsLast}, a vector of channels of one
   * tile at a time, the tiles of a run of one tile row in one call of the vector transform.
   */
  @Override
  public void inputTilesByChannels(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
    int hp = p.paddedH();
    int rs = p.paddedW() * ch;
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      run = Math.min(tb - j, p.tilesW() - at[3 * j + 2]);
      int e = ((at[3 * j] - n0) * hp + 2 * at[3 * j + 1]) * rs + 2 * at[3 * j + 2] * ch;
      int k = j * ch;
      int done =
          LANES == null
              ? 0
              : LANES.input(pad, e, ch, 2 * ch, 3 * ch, rs, v, k, step, ch, run, 2 * ch, ch);
      for (int i = 0; i < run; i++) {
        for (int c = done; c < ch; c++) {
          inputTile(pad, e + 2 * ch * i + c, ch, 2 * ch, 3 * ch, rs, v, k + ch * i + c, step);
        }
      }
    }
  }

  /** The input transform of one window; see {@link Lanes#input} for the offsets. */
  private static void inputTile(
      double[] pad, int e, int c1, int c2, int c3, int rs, double[] v, int k, int step) {
    int r1 = e + rs;
    int r2 = r1 + rs;
    int r3 = r2 + rs;
    // B^T d: the rows combined, column by column.
    double t00 = pad[e] - pad[r2];
    double t01 = pad[e + c1] - pad[r2 + c1];
    double t02 = pad[e + c2] - pad[r2 + c2];
    double t03 = pad[e + c3] - pad[r2 + c3];
    double t10 = pad[r1] + pad[r2];
    double t11 = pad[r1 + c1] + pad[r2 + c1];
    double t12 = pad[r1 + c2] + pad[r2 + c2];
    double t13 = pad[r1 + c3] + pad[r2 + c3];
    double t20 = pad[r2] - pad[r1];
    double t21 = pad[r2 + c1] - pad[r1 + c1];
    double t22 = pad[r2 + c2] - pad[r1 + c2];
    double t23 = pad[r2 + c3] - pad[r1 + c3];
    double t30 = pad[r1] - pad[r3];
    double t31 = pad[r1 + c1] - pad[r3 + c1];
    double t32 = pad[r1 + c2] - pad[r3 + c2];
    double t33 = pad[r1 + c3] - pad[r3 + c3];
    // (B^T d) B: the same combination of the columns, row by row.
    v[k] = t00 - t02;
    v[k + step] = t01 + t02;
    v[k + 2 * step] = t02 - t01;
    v[k + 3 * step] = t01 - t03;
    v[k + 4 * step] = t10 - t12;
    v[k + 5 * step] = t11 + t12;
    v[k + 6 * step] = t12 - t11;
    v[k + 7 * step] = t11 - t13;
    v[k + 8 * step] = t20 - t22;
    v[k + 9 * step] = t21 + t22;
    v[k + 10 * step] = t22 - t21;
    v[k + 11 * step] = t21 - t23;
    v[k + 12 * step] = t30 - t32;
    v[k + 13 * step] = t31 + t32;
    v[k + 14 * step] = t32 - t31;
    v[k + 15 * step] = t31 - t33;
  }

  /**
   * Writes the 2x2 outputs {@code A^T m A (+ bias)} of channel o of tile j of the block from {@code
   * m[xi][o][j]} ({@code at} from {@link WinogradF64#locateTiles}), skipping positions outside the
   * output, a run of tiles of one tile row of every channel at a time. A^T's rows are (1,1,1,0),
   * (0,1,-1,-1).
   */
  @Override
  public void outputTiles(
      double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out) {
    int plane = p.ho() * p.wo();
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      int tw = at[3 * j + 2];
      run = Math.min(tb - j, p.tilesW() - tw);
      int yy = 2 * at[3 * j + 1];
      int dst = at[3 * j] * ch * plane + yy * p.wo() + 2 * tw;
      int whole = yy + 1 < p.ho() ? Math.min(run, p.wo() / 2 - tw) : 0;
      int done =
          LANES == null
              ? 0
              : LANES.output(m, j, step, bias, out, dst, p.wo(), whole, ch, tb, plane);
      for (int o = 0; o < ch; o++) {
        double b = bias == null ? 0.0 : bias[o];
        for (int i = done; i < run; i++) {
          int at0 = dst + o * plane;
          outputTile(m, o * tb + j + i, step, b, out, at0 + 2 * i, 2 * (tw + i), yy, p);
        }
      }
    }
  }

  /** The output transform of one tile at output row yy, column xx (index dst). */
  private static void outputTile(
      double[] m,
      int k,
      int step,
      double b,
      double[] out,
      int dst,
      int xx,
      int yy,
      WinogradPlane p) {
    // A^T m: the rows combined, column by column.
    double s00 = m[k] + m[k + 4 * step] + m[k + 8 * step];
    double s01 = m[k + step] + m[k + 5 * step] + m[k + 9 * step];
    double s02 = m[k + 2 * step] + m[k + 6 * step] + m[k + 10 * step];
    double s03 = m[k + 3 * step] + m[k + 7 * step] + m[k + 11 * step];
    double s10 = m[k + 4 * step] - m[k + 8 * step] - m[k + 12 * step];
    double s11 = m[k + 5 * step] - m[k + 9 * step] - m[k + 13 * step];
    double s12 = m[k + 6 * step] - m[k + 10 * step] - m[k + 14 * step];
    double s13 = m[k + 7 * step] - m[k + 11 * step] - m[k + 15 * step];
    boolean right = xx + 1 < p.wo();
    out[dst] = s00 + s01 + s02 + b;
    if (right) {
      out[dst + 1] = s01 - s02 - s03 + b;
    }
    if (yy + 1 < p.ho()) {
      out[dst + p.wo()] = s10 + s11 + s12 + b;
      if (right) {
        out[dst + p.wo() + 1] = s11 - s12 - s13 + b;
      }
    }
  }

  /**
   * Writes {@code dm[xi][o][j] = (A dY A^T)[xi]}, the adjoint of the output transform, for the 2x2
   * gradient block dY of channel o of tile j of the block (zeros outside the output), a run of
   * tiles of one tile row of every channel at a time. A's rows are (1,0), (1,1), (1,-1), (0,-1).
   */
  @Override
  public void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm) {
    int plane = p.ho() * p.wo();
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      int tw = at[3 * j + 2];
      run = Math.min(tb - j, p.tilesW() - tw);
      int yy = 2 * at[3 * j + 1];
      int src = at[3 * j] * ch * plane + yy * p.wo() + 2 * tw;
      int whole = yy + 1 < p.ho() ? Math.min(run, p.wo() / 2 - tw) : 0;
      int done =
          LANES == null ? 0 : LANES.gradient(dy, src, p.wo(), dm, j, step, whole, ch, plane, tb);
      for (int o = 0; o < ch; o++) {
        for (int i = done; i < run; i++) {
          int s0 = src + o * plane;
          gradientTile(dy, s0 + 2 * i, 2 * (tw + i), yy, p, dm, o * tb + j + i, step);
        }
      }
    }
  }

  /** The adjoint output transform of one tile at output row yy, column xx (index src). */
  private static void gradientTile(
      double[] dy, int src, int xx, int yy, WinogradPlane p, double[] dm, int k, int step) {
    boolean right = xx + 1 < p.wo();
    boolean below = yy + 1 < p.ho();
    double q00 = dy[src];
    double q01 = right ? dy[src + 1] : 0.0;
    double q10 = below ? dy[src + p.wo()] : 0.0;
    double q11 = right && below ? dy[src + p.wo() + 1] : 0.0;
    // A dY (4x2), then (A dY) A^T (4x4).
    double a0 = q00;
    double b0 = q01;
    double a1 = q00 + q10;
    double b1 = q01 + q11;
    double a2 = q00 - q10;
    double b2 = q01 - q11;
    double a3 = -q10;
    double b3 = -q11;
    dm[k] = a0;
    dm[k + step] = a0 + b0;
    dm[k + 2 * step] = a0 - b0;
    dm[k + 3 * step] = -b0;
    dm[k + 4 * step] = a1;
    dm[k + 5 * step] = a1 + b1;
    dm[k + 6 * step] = a1 - b1;
    dm[k + 7 * step] = -b1;
    dm[k + 8 * step] = a2;
    dm[k + 9 * step] = a2 + b2;
    dm[k + 10 * step] = a2 - b2;
    dm[k + 11 * step] = -b2;
    dm[k + 12 * step] = a3;
    dm[k + 13 * step] = a3 + b3;
    dm[k + 14 * step] = a3 - b3;
    dm[k + 15 * step] = -b3;
  }
}
