package org.node4j.nn.layer;

import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatF64;

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
 * {@code dM = A dY A^T} per tile, then {@code dg = G^T dU G}, exact in exact arithmetic.
 *
 * <p>Tiles are processed in blocks of {@link #TILE_BLOCK} so that the transformed windows and
 * products of one block stay in the core's cache; edge tiles read zeros outside the input and write
 * only the output positions that exist.
 */
final class WinogradF64 {
  /** Tiles per block of products: V and M of one block are 16 * channels * TILE_BLOCK values. */
  static final int TILE_BLOCK = 64;

  private static final int V = 0;
  private static final int M = 1;
  private static final int DU = 2;

  /** The workspace slot of the per-tile scratch (32 values). */
  static final int TILE = 3;

  private WinogradF64() {}

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
   * {@code dw[off + (o * C + c) * 9 ..]}; {@code s} holds at least 12 values.
   */
  static void addWeightAdjoint(double[] du, int o, int c, double[] dw, int off, double[] s) {
    int step = o * c;
    for (int at = 0; at < step; at++) {
      // s = G^T du (3x4), rows: u0 + (u1 + u2)/2, (u1 - u2)/2, (u1 + u2)/2 + u3.
      for (int j = 0; j < 4; j++) {
        double u0 = du[j * step + at];
        double u1 = du[(4 + j) * step + at];
        double u2 = du[(8 + j) * step + at];
        double u3 = du[(12 + j) * step + at];
        s[j] = u0 + (u1 + u2) / 2;
        s[4 + j] = (u1 - u2) / 2;
        s[8 + j] = (u1 + u2) / 2 + u3;
      }
      int dst = off + at * 9;
      for (int i = 0; i < 3; i++) {
        double u0 = s[4 * i];
        double u1 = s[4 * i + 1];
        double u2 = s[4 * i + 2];
        double u3 = s[4 * i + 3];
        dw[dst + 3 * i] += u0 + (u1 + u2) / 2;
        dw[dst + 3 * i + 1] += (u1 - u2) / 2;
        dw[dst + 3 * i + 2] += (u1 + u2) / 2 + u3;
      }
    }
  }

  /**
   * Overwrites images {@code [n0, n0 + nb)} of {@code out} ([N, cout, ho, wo]) with the convolution
   * of {@code in} ([N, cin, h, w]) by the transformed kernel {@code u[16][cout][cin]}, plus {@code
   * bias} (may be null).
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
    double[] v = ws.doubles(V, 16 * cin * TILE_BLOCK);
    double[] m = ws.doubles(M, 16 * cout * TILE_BLOCK);
    double[] tile = ws.doubles(TILE, 32);
    for (int t0 = 0; t0 < total; t0 += TILE_BLOCK) {
      int tb = Math.min(TILE_BLOCK, total - t0);
      inputTiles(in, n0, cin, p, t0, tb, v, tile);
      for (int xi = 0; xi < 16; xi++) {
        Gemm.gemm(
            false,
            false,
            MatF64.dense(u, xi * cout * cin, cout, cin),
            MatF64.dense(v, xi * cin * tb, cin, tb),
            MatF64.dense(m, xi * cout * tb, cout, tb),
            false);
      }
      outputTiles(m, n0, cout, p, t0, tb, bias, out, tile);
    }
  }

  /**
   * Adds to {@code dw[off ..]} ([O][C][3][3]) the weight gradient of images {@code [n0, n0 + nb)}:
   * {@code sum over tiles of G^T (dM V^T) G}, with V the transformed windows of {@code x} ([N, C,
   * h, w]) and dM the adjoint output transform of {@code dy} ([N, O, ho, wo]).
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
    double[] v = ws.doubles(V, 16 * c * TILE_BLOCK);
    double[] dm = ws.doubles(M, 16 * o * TILE_BLOCK);
    double[] du = ws.doubles(DU, 16 * o * c);
    double[] tile = ws.doubles(TILE, 32);
    java.util.Arrays.fill(du, 0, 16 * o * c, 0.0);
    for (int t0 = 0; t0 < total; t0 += TILE_BLOCK) {
      int tb = Math.min(TILE_BLOCK, total - t0);
      inputTiles(x, n0, c, p, t0, tb, v, tile);
      gradientTiles(dy, n0, o, p, t0, tb, dm, tile);
      for (int xi = 0; xi < 16; xi++) {
        Gemm.gemm(
            false,
            true,
            MatF64.dense(dm, xi * o * tb, o, tb),
            MatF64.dense(v, xi * c * tb, c, tb),
            MatF64.dense(du, xi * o * c, o, c),
            true);
      }
    }
    addWeightAdjoint(du, o, c, dw, off, tile);
  }

  /**
   * Writes {@code v[xi][c][j] = (B^T d B)[xi]} for the 4x4 window d of channel c of tile {@code t0
   * + j} (tiles numbered image by image, row by row), zeros outside the input.
   */
  private static void inputTiles(
      double[] x, int n0, int ch, WinogradPlane p, int t0, int tb, double[] v, double[] d) {
    int plane = p.h() * p.w();
    int tpi = p.tiles();
    int step = ch * tb;
    for (int c = 0; c < ch; c++) {
      int n = n0 + t0 / tpi;
      int th = (t0 % tpi) / p.tilesW();
      int tw = (t0 % tpi) % p.tilesW();
      for (int j = 0; j < tb; j++) {
        int base = (n * ch + c) * plane;
        int y0 = 2 * th - p.ph();
        int x0 = 2 * tw - p.pw();
        for (int r = 0; r < 4; r++) {
          int yy = y0 + r;
          boolean rowIn = yy >= 0 && yy < p.h();
          for (int s = 0; s < 4; s++) {
            int xx = x0 + s;
            d[4 * r + s] = rowIn && xx >= 0 && xx < p.w() ? x[base + yy * p.w() + xx] : 0.0;
          }
        }
        // B^T d (rows), then (B^T d) B (columns); B^T's rows: (1,0,-1,0), (0,1,1,0), (0,-1,1,0),
        // (0,1,0,-1).
        for (int s = 0; s < 4; s++) {
          double a = d[s];
          double b = d[4 + s];
          double e = d[8 + s];
          double f = d[12 + s];
          d[16 + s] = a - e;
          d[20 + s] = b + e;
          d[24 + s] = e - b;
          d[28 + s] = b - f;
        }
        int at = c * tb + j;
        for (int r = 0; r < 4; r++) {
          double a = d[16 + 4 * r];
          double b = d[17 + 4 * r];
          double e = d[18 + 4 * r];
          double f = d[19 + 4 * r];
          v[(4 * r) * step + at] = a - e;
          v[(4 * r + 1) * step + at] = b + e;
          v[(4 * r + 2) * step + at] = e - b;
          v[(4 * r + 3) * step + at] = b - f;
        }
        if (++tw == p.tilesW()) {
          tw = 0;
          if (++th == p.tilesH()) {
            th = 0;
            n++;
          }
        }
      }
    }
  }

  /**
   * Writes the 2x2 outputs {@code A^T m A (+ bias)} of channel o of tile {@code t0 + j} from {@code
   * m[xi][o][j]}, skipping positions outside the output.
   */
  private static void outputTiles(
      double[] m,
      int n0,
      int ch,
      WinogradPlane p,
      int t0,
      int tb,
      double[] bias,
      double[] out,
      double[] sc) {
    int plane = p.ho() * p.wo();
    int tpi = p.tiles();
    int step = ch * tb;
    for (int o = 0; o < ch; o++) {
      double b = bias == null ? 0.0 : bias[o];
      int n = n0 + t0 / tpi;
      int th = (t0 % tpi) / p.tilesW();
      int tw = (t0 % tpi) % p.tilesW();
      for (int j = 0; j < tb; j++) {
        int at = o * tb + j;
        // A^T m (2x4), then (A^T m) A (2x2); A^T's rows: (1,1,1,0), (0,1,-1,-1).
        for (int s = 0; s < 4; s++) {
          double m0 = m[s * step + at];
          double m1 = m[(4 + s) * step + at];
          double m2 = m[(8 + s) * step + at];
          double m3 = m[(12 + s) * step + at];
          sc[s] = m0 + m1 + m2;
          sc[4 + s] = m1 - m2 - m3;
        }
        int base = (n * ch + o) * plane;
        for (int r = 0; r < 2; r++) {
          int yy = 2 * th + r;
          if (yy >= p.ho()) {
            continue;
          }
          double a = sc[4 * r];
          double e = sc[4 * r + 1];
          double f = sc[4 * r + 2];
          double g = sc[4 * r + 3];
          int xx = 2 * tw;
          out[base + yy * p.wo() + xx] = a + e + f + b;
          if (xx + 1 < p.wo()) {
            out[base + yy * p.wo() + xx + 1] = e - f - g + b;
          }
        }
        if (++tw == p.tilesW()) {
          tw = 0;
          if (++th == p.tilesH()) {
            th = 0;
            n++;
          }
        }
      }
    }
  }

  /**
   * Writes {@code dm[xi][o][j] = (A dY A^T)[xi]}, the adjoint of the output transform, for the 2x2
   * gradient block dY of channel o of tile {@code t0 + j} (zeros outside the output).
   */
  private static void gradientTiles(
      double[] dy, int n0, int ch, WinogradPlane p, int t0, int tb, double[] dm, double[] q) {
    int plane = p.ho() * p.wo();
    int tpi = p.tiles();
    int step = ch * tb;
    for (int o = 0; o < ch; o++) {
      int n = n0 + t0 / tpi;
      int th = (t0 % tpi) / p.tilesW();
      int tw = (t0 % tpi) % p.tilesW();
      for (int j = 0; j < tb; j++) {
        int base = (n * ch + o) * plane;
        for (int r = 0; r < 2; r++) {
          int yy = 2 * th + r;
          for (int s = 0; s < 2; s++) {
            int xx = 2 * tw + s;
            q[2 * r + s] = yy < p.ho() && xx < p.wo() ? dy[base + yy * p.wo() + xx] : 0.0;
          }
        }
        // A dY (4x2), then (A dY) A^T (4x4); A's rows: (1,0), (1,1), (1,-1), (0,-1).
        for (int s = 0; s < 2; s++) {
          double a = q[s];
          double b = q[2 + s];
          q[4 + s] = a;
          q[6 + s] = a + b;
          q[8 + s] = a - b;
          q[10 + s] = -b;
        }
        int at = o * tb + j;
        for (int r = 0; r < 4; r++) {
          double a = q[4 + 2 * r];
          double b = q[5 + 2 * r];
          dm[(4 * r) * step + at] = a;
          dm[(4 * r + 1) * step + at] = a + b;
          dm[(4 * r + 2) * step + at] = a - b;
          dm[(4 * r + 3) * step + at] = -b;
        }
        if (++tw == p.tilesW()) {
          tw = 0;
          if (++th == p.tilesH()) {
            th = 0;
            n++;
          }
        }
      }
    }
  }
}
