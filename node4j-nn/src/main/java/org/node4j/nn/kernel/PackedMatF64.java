package org.node4j.nn.kernel;

/**
 * A B operand of {@link Gemm} packed once and multiplied many times: the float64 weights of a layer
 * between two optimiser steps. The float32 twin is generated from this file at build time (see the
 * node4j-nn POM).
 *
 * <p>{@link Gemm} copies B into the kernel's panel layout on every product (GotoBLAS's packing of
 * B, see {@link VectorGemmF64}). A layer multiplies by the same weights at every evaluation of a
 * solve (W1: 64 Euler steps, forward and backward) while they change only at the optimiser step, so
 * this value keeps the packed copy, in a buffer it owns, together with a copy of the values it was
 * packed from (its key), and a layer repacks only when {@link #isPackOf} says the values differ.
 *
 * <p>Why a comparison of values and not a version counter: a tensor hands out its array, so writes
 * (an optimiser's, a loader's, a test's, a {@code ParameterSource} that substitutes another tensor)
 * cannot all be counted, and a counter that misses one write multiplies by stale weights without
 * any sign. Comparing the key costs one read of the weights per product, against the pack's read
 * and write of B and the product's m reads of it; a stale pack is impossible by construction. The
 * key can be the operand itself ({@link #update}) or the values it is derived from ({@link #pack}:
 * a convolution's kernel, from which the unrolled matrix is built).
 *
 * <p>Products with a packed B ({@link Gemm#gemm(MatViewF64, PackedMatF64, MatViewF64, boolean)})
 * take A untransposed and give every element exactly the bits of the unpacked product. One layer
 * owns an instance and packs it on one thread before the product's chunks read it.
 */
public final class PackedMatF64 {
  private double[] data = new double[0];
  private final ValueKeyF64 key = new ValueKeyF64();
  private int rows;
  private int cols;
  private boolean transposed;

  /** Creates an empty pack; {@link #isPackOf} is false until the first {@link #pack}. */
  public PackedMatF64() {}

  /** Returns the rows of the packed op(B) (the product's reduction length k). */
  public int rows() {
    return rows;
  }

  /** Returns the columns of the packed op(B) (the product's n). */
  public int cols() {
    return cols;
  }

  /** Returns whether this holds a pack made from exactly these values (compared bit by bit). */
  public boolean isPackOf(double[] source, int offset, int length) {
    return key.matches(source, offset, length);
  }

  /**
   * Packs op(B) for products with a packed B, and records {@code source[offset .. offset + length)}
   * as the values it was made from (B's own values or those it was built from).
   *
   * @param transB whether op(B) is the transpose of the stored {@code b}
   */
  public void pack(boolean transB, MatViewF64 b, double[] source, int offset, int length) {
    MatChecks.check(source.length, offset, Math.max(1, length), 1, length);
    packOperand(transB, b);
    key.record(source, offset, length);
  }

  /**
   * Packs op(B) unless this already holds the pack of B's current values with the same shape and
   * transposition: for an operand that is itself the weights (a linear layer's W).
   *
   * @return whether it packed
   */
  public boolean update(boolean transB, MatViewF64 b) {
    int r = b.rows();
    int c = b.cols();
    boolean same =
        transposed == transB
            && rows == (transB ? c : r)
            && cols == (transB ? r : c)
            && key.matchesRows(b.data(), b.offset(), b.ld(), r, c);
    if (same) {
      return false;
    }
    packOperand(transB, b);
    key.recordRows(b.data(), b.offset(), b.ld(), r, c);
    return true;
  }

  /** Forgets the pack, so that the next {@link #isPackOf} is false and a product fails. */
  public void invalidate() {
    key.clear();
  }

  /** Returns the packed values; valid after a pack (checked by {@link #requirePacked}). */
  double[] data() {
    return data;
  }

  /** Throws unless this holds a pack. */
  void requirePacked() {
    if (!key.isSet()) {
      throw new IllegalStateException(
          "the packed operand holds no pack (never packed, or invalidated); call pack or update"
              + " before multiplying by it");
    }
  }

  private void packOperand(boolean transB, MatViewF64 b) {
    int k = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    BlockKernelF64 kernel = Gemm.kernelF64();
    // float64 only {
    if (GemmDriverF64.dotRows(n)) {
      // The narrow products run as dot products of rows of A and rows of op(B)^T (n x k).
      grow(n * k);
      if (transB) {
        for (int j = 0; k > 0 && j < n; j++) {
          System.arraycopy(b.data(), b.offset() + j * b.ld(), data, j * k, k);
        }
      } else {
        GemmDriverF64.transpose(b.data(), b.offset(), b.ld(), k, n, data);
      }
      setShape(k, n, transB);
      return;
    }
    // } float64 only
    grow(kernel.packedLength(k, n));
    if (transB) {
      double[] t = Workspace.local().doubles(Workspace.Slot.TRANSPOSED_B, k * n);
      GemmDriverF64.transpose(b.data(), b.offset(), b.ld(), n, k, t);
      kernel.pack(k, n, t, 0, n, data);
    } else {
      kernel.pack(k, n, b.data(), b.offset(), b.ld(), data);
    }
    setShape(k, n, transB);
  }

  private void grow(int length) {
    if (data.length < length) {
      data = new double[length];
    }
  }

  private void setShape(int k, int n, boolean transB) {
    rows = k;
    cols = n;
    transposed = transB;
  }

  @Override
  public String toString() {
    return "PackedMatF64[" + rows + "x" + cols + (key.isSet() ? "]" : ", empty]");
  }
}
