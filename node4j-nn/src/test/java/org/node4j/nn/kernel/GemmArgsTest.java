package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad arguments fail before any work with a message naming the operand and the values. */
class GemmArgsTest {
  private final float[] a = new float[6];
  private final float[] b = new float[12];
  private final float[] c = new float[8];

  @Test
  void aStrideShorterThanTheStoredRowIsRejected() {
    assertThatThrownBy(() -> Gemm.gemm(false, false, 2, 4, 3, a, 0, 2, b, 0, 4, c, 0, 4, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A (2x3")
        .hasMessageContaining("at least 3, got 2");
  }

  @Test
  void anOperandRunningPastItsArrayIsRejected() {
    assertThatThrownBy(() -> Gemm.gemm(false, true, 2, 4, 3, a, 0, 3, b, 1, 3, c, 0, 4, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B (stored transposed, 4x3")
        .hasMessageContaining("index 12")
        .hasMessageContaining("length 12");
  }

  @Test
  void negativeDimensionsAreRejected() {
    assertThatThrownBy(() -> Gemm.gemm(false, false, -1, 4, 3, a, 0, 3, b, 0, 4, c, 0, 4, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=-1");
  }

  @Test
  void emptyProductsAreValidAndKZeroClearsC() {
    java.util.Arrays.fill(c, 3f);
    assertThatCode(() -> Gemm.gemm(false, false, 0, 4, 3, a, 0, 3, b, 0, 4, c, 0, 4, false))
        .doesNotThrowAnyException();
    assertThat(c).containsOnly(3f);
    Gemm.gemm(false, false, 2, 4, 0, a, 0, 1, b, 0, 4, c, 0, 4, true);
    assertThat(c).containsOnly(3f);
    Gemm.gemm(false, false, 2, 4, 0, a, 0, 1, b, 0, 4, c, 0, 4, false);
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
