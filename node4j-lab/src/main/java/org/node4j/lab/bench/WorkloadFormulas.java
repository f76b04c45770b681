package org.node4j.lab.bench;

import java.util.Arrays;
import org.node4j.nn.init.Fans;
import org.node4j.nn.init.Initializer;
import org.node4j.nn.tensor.Tensor;

/**
 * The deterministic weights and inputs of the benchmark workloads (docs/WORKLOADS.md,
 * "Deterministic weights and inputs"), so that node4j and the Python peers start from identical
 * numbers without sharing a random generator.
 *
 * <p>Every value is computed in float64, with the operations in the order the formula is written,
 * and then rounded to the tensor's dtype. The returned initialisers ignore their generator.
 */
public final class WorkloadFormulas {
  private WorkloadFormulas() {}

  /**
   * Formula A (W1, W2, W4): {@code W[i][j] = 0.5 sin(7i + 3j + 1 + L) / sqrt(fanIn)}.
   *
   * <p>For a Linear weight {@code [out, in]}, i is the output and j the input index. For a
   * convolution weight {@code [out, in, k...]}, i is the output channel and j is the index into the
   * whole flattened weight tensor (output, then input channel, then kernel positions), read
   * literally from docs/WORKLOADS.md; fanIn is {@code in * prod(k)}.
   *
   * @param layerIndex L, the 0-based position of the layer in the model
   */
  public static Initializer formulaA(int layerIndex) {
    return (w, rng) -> {
      int fanIn = Fans.of(w.shape()).fanIn();
      double scale = Math.sqrt(fanIn);
      int rows = w.dim(0);
      int perRow = rows == 0 ? 0 : w.size() / rows;
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < perRow; c++) {
          int flat = i * perRow + c;
          int j = w.rank() == 2 ? c : flat;
          w.set(flat, 0.5 * Math.sin(7 * i + 3 * j + 1 + layerIndex) / scale);
        }
      }
    };
  }

  /**
   * Formula B (W3): {@code W[i][j] = 4 sin(0.37 i j + 1.1 i + 0.3 j + 1 + L) / sqrt(fanIn)} for a
   * Linear weight {@code [out, in]}.
   */
  public static Initializer formulaB(int layerIndex) {
    return (w, rng) -> {
      requireMatrix(w, "formula B");
      double scale = Math.sqrt(w.dim(1));
      fillMatrix(
          w, (i, j) -> 4 * Math.sin(0.37 * i * j + 1.1 * i + 0.3 * j + 1 + layerIndex) / scale);
    };
  }

  /** The workload bias {@code b[i] = 0.01 cos(i + L)} for formulas A and B; rank 1. */
  public static Initializer bias(int layerIndex) {
    return (b, rng) -> {
      if (b.rank() != 1) {
        throw new IllegalArgumentException(
            "bias formula needs a rank-1 tensor, got shape " + Arrays.toString(b.shape()));
      }
      for (int i = 0; i < b.size(); i++) {
        b.set(i, 0.01 * Math.cos(i + layerIndex));
      }
    };
  }

  /** W5's inner weight {@code W_k[i][j] = 2 sin(0.37 i j + 1.1 i + 0.3 j + 1 + 3k/N) / 8}. */
  public static Initializer w5W(int k, int depth) {
    return w5(k, depth, 1);
  }

  /** W5's outer weight {@code V_k[i][j] = 2 sin(0.37 i j + 1.1 i + 0.3 j + 2 + 3k/N) / 8}. */
  public static Initializer w5V(int k, int depth) {
    return w5(k, depth, 2);
  }

  /**
   * The workload input {@code x[s][f] = sin(1.3 s + 0.7 f)} for a tensor {@code [batch, ...]},
   * where f is the flattened index within a sample (c, h, w for images).
   */
  public static Initializer inputs() {
    return (x, rng) -> {
      if (x.rank() < 1) {
        throw new IllegalArgumentException("inputs need a [batch, ...] tensor, got a scalar");
      }
      int batch = x.dim(0);
      int features = batch == 0 ? 0 : x.size() / batch;
      for (int s = 0; s < batch; s++) {
        for (int f = 0; f < features; f++) {
          x.set(s * features + f, Math.sin(1.3 * s + 0.7 * f));
        }
      }
    };
  }

  /** The workload labels {@code s mod classes} for samples {@code s = 0 .. batch-1}. */
  public static int[] labels(int batch, int classes) {
    if (batch < 0 || classes <= 0) {
      throw new IllegalArgumentException(
          "need batch >= 0 and classes > 0, got batch=" + batch + " classes=" + classes);
    }
    int[] y = new int[batch];
    for (int s = 0; s < batch; s++) {
      y[s] = s % classes;
    }
    return y;
  }

  private static Initializer w5(int k, int depth, int offset) {
    if (depth <= 0 || k < 0 || k >= depth) {
      throw new IllegalArgumentException(
          "W5 layer index must satisfy 0 <= k < N, got k=" + k + " N=" + depth);
    }
    return (w, rng) -> {
      requireMatrix(w, "W5 formula");
      fillMatrix(
          w,
          (i, j) -> 2 * Math.sin(0.37 * i * j + 1.1 * i + 0.3 * j + offset + 3.0 * k / depth) / 8);
    };
  }

  private interface Entry {
    double at(int i, int j);
  }

  private static void fillMatrix(Tensor w, Entry entry) {
    int rows = w.dim(0);
    int cols = w.dim(1);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        w.set(i * cols + j, entry.at(i, j));
      }
    }
  }

  private static void requireMatrix(Tensor w, String what) {
    if (w.rank() != 2) {
      throw new IllegalArgumentException(
          what
              + " is defined for Linear weights [out, in], got shape "
              + Arrays.toString(w.shape()));
    }
  }
}
