package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Bad views fail when built, and products of mismatched shapes or dtypes before any work, with a
 * message naming the values.
 */
class MatChecksTest {
  private final float[] a = new float[6];
  private final float[] b = new float[12];
  private final float[] c = new float[8];

  @Test
  void aStrideShorterThanTheRowIsRejected() {
    assertThatThrownBy(() -> new MatF32(a, 0, 2, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3")
        .hasMessageContaining("at least 3, got 2");
  }

  @Test
  void aViewRunningPastItsArrayIsRejected() {
    assertThatThrownBy(() -> new MatF32(b, 1, 3, 4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4x3")
        .hasMessageContaining("index 12")
        .hasMessageContaining("length 12");
    assertThatThrownBy(() -> Mat.dense(Tensor.zeros(DType.FLOAT64, 2, 3), 1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 6");
  }

  @Test
  void negativeSizesAndOffsetsAreRejected() {
    assertThatThrownBy(() -> MatF64.dense(new double[4], 0, -1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1x4");
    assertThatThrownBy(() -> MatF32.dense(a, -2, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative offset -2");
  }

  @Test
  void mismatchedShapesNameAllThreeOperands() {
    MatF32 a23 = MatF32.dense(a, 0, 2, 3);
    MatF32 b34 = MatF32.dense(b, 0, 3, 4);
    MatF32 c24 = MatF32.dense(c, 0, 2, 4);
    assertThatCode(() -> Gemm.gemm(false, false, a23, b34, c24, false)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Gemm.gemm(true, false, a23, b34, c24, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("op(A) is 3x2 (A transposed)")
        .hasMessageContaining("op(B) is 3x4")
        .hasMessageContaining("C is 2x4");
    assertThatThrownBy(() -> Gemm.gemm(false, true, a23, b34, c24, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("op(B) is 4x3 (B transposed)");
  }

  @Test
  void tensorProductsNeedOneDtype() {
    Mat x = Mat.dense(Tensor.zeros(DType.FLOAT32, 2, 3), 0, 2, 3);
    Mat w = Mat.dense(Tensor.zeros(DType.FLOAT64, 3, 4), 0, 3, 4);
    Mat y = Mat.dense(Tensor.zeros(DType.FLOAT32, 2, 4), 0, 2, 4);
    assertThatThrownBy(() -> Gemm.gemm(false, false, x, w, y, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FLOAT32 by FLOAT64 into FLOAT32");
  }

  @Test
  void tensorProductsDispatchOnTheDtype() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.zeros(dtype, 2, 3);
      Tensor w = Tensor.zeros(dtype, 3, 2);
      Tensor y = Tensor.zeros(dtype, 2, 2);
      for (int i = 0; i < 6; i++) {
        x.set(i, 1.0);
        w.set(i, 2.0);
      }
      Gemm.gemm(
          false, false, Mat.dense(x, 0, 2, 3), Mat.dense(w, 0, 3, 2), Mat.dense(y, 0, 2, 2), false);
      assertThat(y.get(3)).as("%s", dtype).isEqualTo(6.0);
    }
  }

  @Test
  void emptyProductsAreValidAndKZeroClearsC() {
    java.util.Arrays.fill(c, 3f);
    MatF32 b34 = MatF32.dense(b, 0, 3, 4);
    assertThatCode(
            () ->
                Gemm.gemm(
                    false, false, MatF32.dense(a, 0, 0, 3), b34, MatF32.dense(c, 0, 0, 4), false))
        .doesNotThrowAnyException();
    assertThat(c).containsOnly(3f);
    MatF32 a20 = new MatF32(a, 0, 1, 2, 0);
    MatF32 b04 = MatF32.dense(b, 0, 0, 4);
    MatF32 c24 = MatF32.dense(c, 0, 2, 4);
    Gemm.gemm(false, false, a20, b04, c24, true);
    assertThat(c).containsOnly(3f);
    Gemm.gemm(false, false, a20, b04, c24, false);
    assertThat(c).containsOnly(0f);
  }

  @Test
  void workspaceBuffersAreReusedNotReallocated() {
    Workspace w = Workspace.local();
    float[] first = w.floats(Workspace.Slot.PANEL, 100);
    assertThat(w.floats(Workspace.Slot.PANEL, 50)).isSameAs(first);
    assertThat(w.floats(Workspace.Slot.TRANSPOSED_B, 50)).isNotSameAs(first);
    assertThat(w.floats(Workspace.Slot.PANEL, 100)).isSameAs(first);
    assertThat(w.floats(Workspace.Slot.PANEL, 101).length).isGreaterThanOrEqualTo(101);
  }
}
