package org.node4j.nn.layer;

/**
 * The tile transforms of Winograd's F(4x4, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional
 * Neural Networks", CVPR 2016, Section 5, with their interpolation points 0, 1, -1, 2, -2 and
 * infinity), in float64, for {@link WinogradF64}'s products and tile blocks; the float32 twin is
 * generated from this file at build time (see the node4j-nn POM).
 *
 * <p>A tile is a 4x4 block of outputs, computed from a 6x6 input window d and each 3x3 filter g as
 * {@code Y = A^T [(G g G^T) . (B^T d B)] A}: summed over C input channels, 36 * O * C multiply-adds
 * per tile of 16 outputs instead of 144 * O * C, 4 times fewer (F(2x2, 3x3): 2.25 times). The price
 * is rounding: B^T's entries reach 5 and A^T's 8, and on W4's layer (128 channels, 32x32) a float32
 * output was 8e-6 from float64 (relative norm) against 4e-7 with F(2x2, 3x3) and 1e-6 direct
 * (docs/bench/performance-log.md, "Winograd F(4x4, 3x3)"); WinogradConvTest bounds both tile sizes.
 *
 * <pre>
 *   B^T = [4  0 -5  0  1  0]   G = [ 1/4     0    0 ]   A^T = [1  1  1  1  1  0]
 *         [0 -4 -4  1  1  0]       [-1/6  -1/6 -1/6 ]         [0  1 -1  2 -2  0]
 *         [0  4 -4 -1  1  0]       [-1/6   1/6 -1/6 ]         [0  1  1  4  4  0]
 *         [0 -2 -1  2  1  0]       [1/24  1/12  1/6 ]         [0  1 -1  8 -8  1]
 *         [0  2 -1 -2  1  0]       [1/24 -1/12  1/6 ]
 *         [0  4  0 -5  0  1]       [  0     0    1  ]
 * </pre>
 *
 * <p>Each two-sided transform is done as two one-sided ones, rows first, the intermediate values
 * stored where the results go (the tile's planes of V or M) and combined there in place: no scratch
 * beyond the caller's buffers, and each helper reads a handful of values.
 */
final class Winograd4x4F64 implements WinogradTilesF64 {
  /** The transforms; they keep no state. */
  static final Winograd4x4F64 TILES = new Winograd4x4F64();

  private static final double HALF = (double) 0.5;
  private static final double QUARTER = (double) 0.25;
  private static final double SIXTH = (double) (1.0 / 6);
  private static final double TWELFTH = (double) (1.0 / 12);
  private static final double TWENTY_FOURTH = (double) (1.0 / 24);

  /** The vector transforms, or null without the Vector API. */
  private static final Lanes LANES = Lanes.load();

  private Winograd4x4F64() {}

  /**
   * The transforms that read and write runs of consecutive elements, a vector of windows (tiles of
   * one tile row, or channels of one tile) at a time. {@link #input} returns how many windows (from
   * the first) it did, a multiple of its vector length, and the caller does the rest one by one;
   * the others do every window they are given, the rest one by one after the vectors (see {@code
   * VectorWinograd4x4F64#output} for why). The interleaved outputs and gradients (column c of tile
   * i at 4i + c) are stored and loaded by the scalar code: the two rounds of zips or unzips per
   * vector of tiles, with the loads and stores, were one loop body too large for C2 to compile
   * without falling back to boxed vectors in some JVMs.
   */
  interface Lanes {
    /**
     * Input transform of {@code count} windows i of each of {@code groups} groups g, whose row r,
     * column k starts at {@code pad[e + g * es + r * rs + ck + i]} (c0 = 0), into {@code v[k + g *
     * ks + xi * step + i]}.
     */
    int input(
        double[] pad,
        int e,
        int c1,
        int c2,
        int c3,
        int c4,
        int c5,
        int rs,
        double[] v,
        int k,
        int step,
        int count,
        int groups,
        int es,
        int ks);

    /**
     * The output transform's two passes without the bias, in place, for tiles i of each of {@code
     * groups} channels g at {@code m[k + g * ks + i]}: each row times A (into the first four planes
     * of the row) for {@code count} tiles, then each of those four columns times A^T (into plane
     * {@code 6r + c} for output row r) for the first {@code whole} tiles.
     */
    void output(double[] m, int k, int step, int count, int whole, int groups, int ks);

    /**
     * The gradient transform's second pass, in place, for {@code count} tiles i of each of {@code
     * groups} channels g at {@code dm[k + g * ks + i]}: each column of rows 0-3 times A, into all
     * six rows.
     */
    void gradientColumns(double[] dm, int k, int step, int count, int groups, int ks);

    /** The vector transforms when the GEMM kernel uses the Vector API, else null. */
    static Lanes load() {
      return VectorLoops.load(
          Lanes.class, "org.node4j.nn.layer.VectorWinograd4x4F64", "Winograd transforms");
    }
  }

  /**
   * Writes {@code u[xi][o][c] = (G w[o][c] G^T)[xi]} for weights {@code w[O][C][3][3]}; with {@code
   * flip}, the transform of the flipped, transposed kernel {@code w'[c][o][i][j] = w[o][c][2 - i][2
   * - j]} into {@code u[xi][c][o]}, the kernel of the data gradient. {@code scratch} holds at least
   * 27 values.
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
        // t = G g (6x3), column by column, then u = t G^T (6x6), row by row.
        for (int j = 0; j < 3; j++) {
          timesG(g[j], g[3 + j], g[6 + j], g, t0 + j, 3);
        }
        int rows = flip ? c : o;
        int cols = flip ? o : c;
        int at = flip ? cc * o + oo : oo * c + cc;
        int step = rows * cols;
        for (int i = 0; i < 6; i++) {
          int ti = t0 + 3 * i;
          timesG(g[ti], g[ti + 1], g[ti + 2], u, 6 * i * step + at, step);
        }
      }
    }
  }

  /** Writes {@code G (g0, g1, g2)} to {@code out[at + k * stride]}, k = 0 .. 5. */
  private static void timesG(double g0, double g1, double g2, double[] out, int at, int stride) {
    double s = g0 + g2;
    double r = g0 * QUARTER + g2;
    double h = g1 * HALF;
    out[at] = g0 * QUARTER;
    out[at + stride] = -(s + g1) * SIXTH;
    out[at + 2 * stride] = -(s - g1) * SIXTH;
    out[at + 3 * stride] = (r + h) * SIXTH;
    out[at + 4 * stride] = (r - h) * SIXTH;
    out[at + 5 * stride] = g2;
  }

  /**
   * Adds {@code G^T du[xi][o][c] G} (the adjoint of {@link #transformWeights}) to the 3x3 kernels
   * {@code dw[off + (o * C + c) * 9 ..]}: first {@code s = G^T du} into 18 planes of O * C ({@code
   * s[6i + j]}), each a loop over the kernels that the JIT vectorises, then {@code s G} kernel by
   * kernel; {@code s} holds at least {@code 18 * O * C} values.
   */
  @Override
  public void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s) {
    int step = o * c;
    for (int j = 0; j < 6; j++) {
      int u0 = j * step;
      int u1 = (6 + j) * step;
      int u2 = (12 + j) * step;
      int u3 = (18 + j) * step;
      int u4 = (24 + j) * step;
      int u5 = (30 + j) * step;
      int s0 = j * step;
      int s1 = (6 + j) * step;
      int s2 = (12 + j) * step;
      for (int at = 0; at < step; at++) {
        double a = du[u1 + at] + du[u2 + at];
        double b = du[u3 + at] + du[u4 + at];
        s[s0 + at] = du[u0 + at] * QUARTER - a * SIXTH + b * TWENTY_FOURTH;
        s[s1 + at] = (du[u2 + at] - du[u1 + at]) * SIXTH + (du[u3 + at] - du[u4 + at]) * TWELFTH;
        s[s2 + at] = (b - a) * SIXTH + du[u5 + at];
      }
    }
    for (int at = 0; at < step; at++) {
      int dst = off + at * 9;
      for (int i = 0; i < 3; i++) {
        int si = 6 * i * step + at;
        double u0 = s[si];
        double u1 = s[si + step];
        double u2 = s[si + 2 * step];
        double u3 = s[si + 3 * step];
        double u4 = s[si + 4 * step];
        double u5 = s[si + 5 * step];
        double a = u1 + u2;
        double b = u3 + u4;
        dw[dst + 3 * i] += u0 * QUARTER - a * SIXTH + b * TWENTY_FOURTH;
        dw[dst + 3 * i + 1] += (u2 - u1) * SIXTH + (u3 - u4) * TWELFTH;
        dw[dst + 3 * i + 2] += (b - a) * SIXTH + u5;
      }
    }
  }

  /**
   * Writes {@code v[xi][c][j] = (B^T d B)[xi]} for the 6x6 window d of channel c of tile j of the
   * block ({@code at} from {@link WinogradF64#locateTiles}) in the phase-split padded input of
   * {@link WinogradF64#padInput}, a run of tiles of one tile row at a time: column k of the window
   * of tile tw is element {@code tw + k / 4} of phase {@code k mod 4}.
   */
  @Override
  public void inputTiles(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
    int wp = p.paddedW();
    int q = p.phase();
    int plane = p.paddedH() * wp;
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      run = Math.min(tb - j, p.tilesW() - at[3 * j + 2]);
      int e = (at[3 * j] - n0) * ch * plane + 4 * at[3 * j + 1] * wp + at[3 * j + 2];
      int done =
          LANES == null
              ? 0
              : LANES.input(pad, e, q, 2 * q, 3 * q, 1, q + 1, wp, v, j, step, run, ch, plane, tb);
      for (int c = 0; c < ch; c++) {
        for (int i = done; i < run; i++) {
          inputTile(pad, e + c * plane + i, q, 2 * q, 3 * q, 1, q + 1, wp, v, c * tb + j + i, step);
        }
      }
    }
  }

  /**
   * As {@link #inputTiles}, but into {@code v[xi][j][c]}, the layout the weight gradient's product
   * takes untransposed, from the channels-last padding of {@link WinogradF64#padChannelsLast}.
   */
  @Override
  public void inputTilesByChannels(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
    int rs = p.paddedW() * ch;
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      run = Math.min(tb - j, p.tilesW() - at[3 * j + 2]);
      int e = ((at[3 * j] - n0) * p.paddedH() + 4 * at[3 * j + 1]) * rs + 4 * at[3 * j + 2] * ch;
      int done =
          LANES == null
              ? 0
              : LANES.input(
                  pad, e, ch, 2 * ch, 3 * ch, 4 * ch, 5 * ch, rs, v, j * ch, step, ch, run, 4 * ch,
                  ch);
      for (int i = 0; i < run; i++) {
        int k = (j + i) * ch;
        for (int c = done; c < ch; c++) {
          int ei = e + 4 * ch * i + c;
          inputTile(pad, ei, ch, 2 * ch, 3 * ch, 4 * ch, 5 * ch, rs, v, k + c, step);
        }
      }
    }
  }

  /**
   * The input transform of one window, whose row r, column k is {@code pad[e + r * rs + ck]} (c0 =
   * 0), into {@code v[k + xi * step]}: each row times B into the planes of its row, then each
   * column of those times B^T in place.
   */
  private static void inputTile(
      double[] pad,
      int e,
      int c1,
      int c2,
      int c3,
      int c4,
      int c5,
      int rs,
      double[] v,
      int k,
      int step) {
    for (int r = 0, er = e; r < 6; r++, er += rs) {
      timesB(
          pad[er],
          pad[er + c1],
          pad[er + c2],
          pad[er + c3],
          pad[er + c4],
          pad[er + c5],
          v,
          k + 6 * r * step,
          step);
    }
    for (int c = 0, s6 = 6 * step; c < 6; c++) {
      int kc = k + c * step;
      timesB(
          v[kc],
          v[kc + s6],
          v[kc + 2 * s6],
          v[kc + 3 * s6],
          v[kc + 4 * s6],
          v[kc + 5 * s6],
          v,
          kc,
          s6);
    }
  }

  /** Writes {@code B^T (a0 .. a5)} to {@code out[at + k * stride]}, k = 0 .. 5. */
  private static void timesB(
      double a0,
      double a1,
      double a2,
      double a3,
      double a4,
      double a5,
      double[] out,
      int at,
      int stride) {
    double t1 = a4 - 4 * a2;
    double t2 = a3 - 4 * a1;
    double t3 = a4 - a2;
    double t4 = 2 * (a3 - a1);
    out[at] = 4 * a0 - 5 * a2 + a4;
    out[at + stride] = t1 + t2;
    out[at + 2 * stride] = t1 - t2;
    out[at + 3 * stride] = t3 + t4;
    out[at + 4 * stride] = t3 - t4;
    out[at + 5 * stride] = 4 * a1 - 5 * a3 + a5;
  }

  /**
   * Writes the 4x4 outputs {@code A^T m A (+ bias)} of channel o of tile j of the block from {@code
   * m[xi][o][j]}, skipping positions outside the output; {@code m} is overwritten.
   */
  @Override
  public void outputTiles(
      double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out) {
    int plane = p.ho() * p.wo();
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      int tw = at[3 * j + 2];
      run = Math.min(tb - j, p.tilesW() - tw);
      int yy = 4 * at[3 * j + 1];
      int dst = at[3 * j] * ch * plane + yy * p.wo() + 4 * tw;
      int whole = yy + 3 < p.ho() ? Math.min(run, p.wo() / 4 - tw) : 0;
      int done = 0;
      if (LANES != null) {
        LANES.output(m, j, step, run, whole, ch, tb);
        done = whole;
      }
      for (int o = 0; o < ch; o++) {
        double b = bias == null ? 0.0 : bias[o];
        int at0 = dst + o * plane;
        for (int i = 0; i < done; i++) {
          storeTile(m, o * tb + j + i, step, b, out, at0 + 4 * i, p.wo());
        }
        for (int i = done; i < run; i++) {
          int k = o * tb + j + i;
          if (LANES == null) {
            outputRows(m, k, step);
          }
          outputColumns(m, k, step, b, out, at0 + 4 * i, 4 * (tw + i), yy, p);
        }
      }
    }
  }

  /**
   * Writes the 16 outputs of a tile whose outputs all exist from planes {@code 6r + c} at {@code
   * m[k]} (the vector column pass's results), plus the bias, to rows {@code out[dst + r * wo ..]}.
   */
  private static void storeTile(
      double[] m, int k, int step, double b, double[] out, int dst, int wo) {
    for (int r = 0; r < 4; r++) {
      int kr = k + 6 * r * step;
      int at = dst + r * wo;
      out[at] = m[kr] + b;
      out[at + 1] = m[kr + step] + b;
      out[at + 2] = m[kr + 2 * step] + b;
      out[at + 3] = m[kr + 3 * step] + b;
    }
  }

  /** The output transform's first pass for the tile at {@code m[k]}: each row times A, in place. */
  private static void outputRows(double[] m, int k, int step) {
    for (int r = 0, kr = k; r < 6; r++, kr += 6 * step) {
      double m0 = m[kr];
      double m1 = m[kr + step];
      double m2 = m[kr + 2 * step];
      double m3 = m[kr + 3 * step];
      double m4 = m[kr + 4 * step];
      double m5 = m[kr + 5 * step];
      double a = m1 + m2;
      double d = m3 + m4;
      double s = m1 - m2;
      double f = m3 - m4;
      m[kr] = m0 + a + d;
      m[kr + step] = s + 2 * f;
      m[kr + 2 * step] = a + 4 * d;
      m[kr + 3 * step] = s + 8 * f + m5;
    }
  }

  /**
   * The output transform's second pass for the tile at {@code m[k]}, at output row yy, column xx
   * (index dst): each of the four columns that {@link #outputRows} left times A^T, plus the bias,
   * to the outputs that exist.
   */
  private static void outputColumns(
      double[] m,
      int k,
      int step,
      double b,
      double[] out,
      int dst,
      int xx,
      int yy,
      WinogradPlane p) {
    int cols = Math.min(4, p.wo() - xx);
    int rows = Math.min(4, p.ho() - yy);
    int wo = p.wo();
    int s6 = 6 * step;
    for (int c = 0; c < cols; c++) {
      int kc = k + c * step;
      double m0 = m[kc];
      double m1 = m[kc + s6];
      double m2 = m[kc + 2 * s6];
      double m3 = m[kc + 3 * s6];
      double m4 = m[kc + 4 * s6];
      double m5 = m[kc + 5 * s6];
      double a = m1 + m2;
      double d = m3 + m4;
      double s = m1 - m2;
      double f = m3 - m4;
      int at = dst + c;
      out[at] = m0 + a + d + b;
      if (rows > 1) {
        out[at + wo] = s + 2 * f + b;
      }
      if (rows > 2) {
        out[at + 2 * wo] = a + 4 * d + b;
      }
      if (rows > 3) {
        out[at + 3 * wo] = s + 8 * f + m5 + b;
      }
    }
  }

  /**
   * Writes {@code dm[xi][o][j] = (A dY A^T)[xi]}, the adjoint of the output transform, for the 4x4
   * gradient block dY of channel o of tile j of the block (zeros outside the output).
   */
  @Override
  public void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm) {
    int plane = p.ho() * p.wo();
    int step = ch * tb + WinogradF64.SKEW;
    for (int j = 0, run; j < tb; j += run) {
      int tw = at[3 * j + 2];
      run = Math.min(tb - j, p.tilesW() - tw);
      int yy = 4 * at[3 * j + 1];
      int src = at[3 * j] * ch * plane + yy * p.wo() + 4 * tw;
      for (int o = 0; o < ch; o++) {
        for (int i = 0; i < run; i++) {
          gradientRows(dy, src + o * plane + 4 * i, 4 * (tw + i), yy, p, dm, o * tb + j + i, step);
        }
      }
      if (LANES != null) {
        LANES.gradientColumns(dm, j, step, run, ch, tb);
        continue;
      }
      for (int o = 0; o < ch; o++) {
        for (int i = 0; i < run; i++) {
          gradientColumns(dm, o * tb + j + i, step);
        }
      }
    }
  }

  /**
   * The gradient transform's first pass for the tile at output row yy, column xx (index src): each
   * row of dY (zeros outside the output) times A^T, into the planes of rows 0-3 at {@code dm[k]}.
   */
  private static void gradientRows(
      double[] dy, int src, int xx, int yy, WinogradPlane p, double[] dm, int k, int step) {
    int cols = Math.min(4, p.wo() - xx);
    int rows = Math.min(4, p.ho() - yy);
    int wo = p.wo();
    for (int r = 0, kr = k; r < 4; r++, kr += 6 * step) {
      int s = src + r * wo;
      boolean in = r < rows;
      double q0 = in ? dy[s] : 0.0;
      double q1 = in && cols > 1 ? dy[s + 1] : 0.0;
      double q2 = in && cols > 2 ? dy[s + 2] : 0.0;
      double q3 = in && cols > 3 ? dy[s + 3] : 0.0;
      timesA(q0, q1, q2, q3, dm, kr, step);
    }
  }

  /** The gradient transform's second pass for the tile at {@code dm[k]}: each column times A. */
  private static void gradientColumns(double[] dm, int k, int step) {
    for (int c = 0, s6 = 6 * step; c < 6; c++) {
      int kc = k + c * step;
      timesA(dm[kc], dm[kc + s6], dm[kc + 2 * s6], dm[kc + 3 * s6], dm, kc, s6);
    }
  }

  /** Writes {@code A (q0 .. q3)} to {@code out[at + k * stride]}, k = 0 .. 5. */
  private static void timesA(
      double q0, double q1, double q2, double q3, double[] out, int at, int stride) {
    double e = q0 + q2;
    double f = q1 + q3;
    double g = q0 + 4 * q2;
    double h = 2 * q1 + 8 * q3;
    out[at] = q0;
    out[at + stride] = e + f;
    out[at + 2 * stride] = e - f;
    out[at + 3 * stride] = g + h;
    out[at + 4 * stride] = g - h;
    out[at + 5 * stride] = q3;
  }
}
