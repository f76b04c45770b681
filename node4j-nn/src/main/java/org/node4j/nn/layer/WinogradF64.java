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
 * <p>The same blocks, padding and products run F(4x4, 3x3) when the plane's tiles are 4x4 ({@code
 * p.m() == 4}): 36 products per block instead of 16, with {@link Winograd4x4F64}'s transforms;
 * {@link WinogradTilesF64} picks them.
 *
 * <p>Tiles are processed in blocks of {@link #TILE_BLOCK} so that the transformed windows and
 * products of one block stay in the core's cache; edge tiles read zeros outside the input and write
 * only the output positions that exist.
 *
 * <p>The input, output and gradient transforms run across the consecutive tiles of one tile row
 * with the Vector API ({@link Lanes}, implemented by {@code VectorWinogradF64} and loaded only when
 * the GEMM kernel is the vector one, as the engine's other Vector API code), and per tile in scalar
 * code for the rest (edge tiles, partial vectors, and every tile without the Vector API). Both
 * compute each value by the same operations in the same order, so results do not depend on which
 * path a tile takes. To make every load of the input transform contiguous, the padded input is
 * stored with the even and the odd columns of each row apart ({@link #padInput}): the four columns
 * of consecutive tiles' windows are then four runs of consecutive elements.
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

  /** One half, in the dtype: {@code x * HALF} is {@code x / 2} to the bit. */
  private static final double HALF = (double) 0.5;

  private static final int V = 0;
  private static final int M = 1;
  private static final int DU = 2;

  /** The workspace slot of a chunk's zero-padded input, and of small scratch outside chunks. */
  static final int PAD = 3;

  /** The vector transforms, or null without the Vector API. */
  private static final Lanes LANES = Lanes.load();

  private WinogradF64() {}

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
      if (org.node4j.nn.kernel.Gemm.vectorBits() == 0) {
        return null;
      }
      try {
        return (Lanes)
            Class.forName("org.node4j.nn.layer.VectorWinogradF64").getConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("cannot load the Vector API Winograd transforms", e);
      }
    }
  }

  /** Returns whether the transforms run with the Vector API in this JVM. */
  static boolean vectorised() {
    return LANES != null;
  }

  /**
   * Writes {@code u[xi][o][c] = (G w[o][c] G^T)[xi]} for weights {@code w[O][C][3][3]}; with {@code
   * flip}, the transform of the flipped, transposed kernel {@code w'[c][o][i][j] = w[o][c][2 - i][2
   * - j]} into {@code u[xi][c][o]}, the kernel of the data gradient. {@code scratch} holds at least
   * 21 values.
   */
  static void transformWeights(
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
  static void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s) {
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
   * Overwrites images {@code [n0, n0 + nb)} of {@code out} ([N, cout, ho, wo]) with the convolution
   * of {@code in} ([N, cin, h, w]) by the transformed kernel {@code u[planes][cout][cin]}, plus
   * {@code bias} (may be null), in tiles of {@code p.m()} (2: this class's transforms, 4: {@link
   * Winograd4x4F64}'s).
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
            shift == 1 && LANES != null
                ? 2 * LANES.unzip(x, src, pad, row + evenAt, row + oddAt, p.w() / 2)
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

  /**
   * Writes {@code v[xi][c][j] = (B^T d B)[xi]} for the 4x4 window d of channel c of tile j of the
   * block ({@code at} from {@link #locateTiles}) in the padded input of {@link #padInput}, a run of
   * tiles of one tile row of every channel in one call of the vector transform (one call per
   * channel and run cost about a fifth of the transform in calls and loop set-up: a run of W4's
   * 32-wide images is one vector). B^T's rows are (1,0,-1,0), (0,1,1,0), (0,-1,1,0), (0,1,0,-1).
   */
  static void inputTiles(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
    int wp = p.paddedW();
    int half = p.phase();
    int plane = p.paddedH() * wp;
    int step = ch * tb + SKEW;
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
   * the channels-last padding of {@link #padChannelsLast}, a vector of channels of one tile at a
   * time, the tiles of a run of one tile row in one call of the vector transform.
   */
  static void inputTilesByChannels(
      double[] pad, int n0, int ch, WinogradPlane p, int[] at, int tb, double[] v) {
    int hp = p.paddedH();
    int rs = p.paddedW() * ch;
    int step = ch * tb + SKEW;
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
   * m[xi][o][j]} ({@code at} from {@link #locateTiles}), skipping positions outside the output, a
   * run of tiles of one tile row of every channel at a time. A^T's rows are (1,1,1,0), (0,1,-1,-1).
   */
  static void outputTiles(
      double[] m, int ch, WinogradPlane p, int[] at, int tb, double[] bias, double[] out) {
    int plane = p.ho() * p.wo();
    int step = ch * tb + SKEW;
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
  static void gradientTiles(double[] dy, int ch, WinogradPlane p, int[] at, int tb, double[] dm) {
    int plane = p.ho() * p.wo();
    int step = ch * tb + SKEW;
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
