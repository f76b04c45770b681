package org.node4j.nn.kernel;

import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * A B operand of {@link Gemm} packed once and multiplied many times, for layers that work on
 * tensors of either dtype (a linear layer's W): it holds a {@link PackedMatF32} or a {@link
 * PackedMatF64}, whichever the operand's dtype needs, and repacks only when the operand's values
 * change (compared bit by bit; see {@link PackedMatF64} for why not a version counter).
 *
 * <p>Use: {@code packed.update(true, w)} before the products of a pass (W stored [out, in], op(B) =
 * W^T), then {@link Gemm#gemm(MatView, PackedOperand, MatView, boolean)}.
 */
public final class PackedOperand {
  private final PackedMatF32 f32 = new PackedMatF32();
  private final PackedMatF64 f64 = new PackedMatF64();
  private final MatViewF32 viewF32 = new MatViewF32();
  private final MatViewF64 viewF64 = new MatViewF64();

  /** The tensor of the previous {@link #prepare}, compared by identity. */
  private Tensor lastTensor;

  /** Creates an empty pack. */
  public PackedOperand() {}

  /**
   * Packs op(B) unless this already holds the pack of B's current values (same dtype, shape and
   * transposition); allocates only when the pack grows.
   *
   * @param transB whether op(B) is the transpose of the stored {@code b}
   * @return whether it packed
   */
  public boolean update(boolean transB, MatView b) {
    if (b.tensor().dtype() == DType.FLOAT32) {
      f64.invalidate();
      return f32.update(
          transB, viewF32.set(b.tensor().floats(), b.offset(), b.ld(), b.rows(), b.cols()));
    }
    f32.invalidate();
    return f64.update(
        transB, viewF64.set(b.tensor().doubles(), b.offset(), b.ld(), b.rows(), b.cols()));
  }

  /**
   * Decides whether a pass should multiply by this pack, and brings the pack up to date if so: true
   * when B is the same tensor as at the previous call (a layer evaluated again with its own
   * weights: every step of a solve), false when another tensor is bound (a depth-indexed network
   * reads θ_k in place, another tensor at every call; packing it here, on the calling thread before
   * the pass's chunks, would only move the chunks' own packing into a serial section). Staleness
   * cannot follow from the identity test: a pack is used only after {@link #update} has compared
   * its values.
   *
   * @param transB whether op(B) is the transpose of the stored {@code b}
   * @return whether the pass should use {@link Gemm#gemm(MatView, PackedOperand, MatView, boolean)}
   */
  public boolean prepare(boolean transB, MatView b) {
    Tensor t = b.tensor();
    boolean again = t == lastTensor;
    lastTensor = t;
    if (!again) {
      return false;
    }
    update(transB, b);
    return true;
  }

  /** Forgets the pack; the next {@link #update} packs. */
  public void invalidate() {
    f32.invalidate();
    f64.invalidate();
  }

  PackedMatF32 f32() {
    return f32;
  }

  PackedMatF64 f64() {
    return f64;
  }
}
