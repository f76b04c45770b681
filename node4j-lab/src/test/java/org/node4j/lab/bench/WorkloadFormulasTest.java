package org.node4j.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.nn.init.Initializer;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Hand-checked entries of the docs/WORKLOADS.md formulas, written out independently of the code.
 */
class WorkloadFormulasTest {

  private static Tensor filled(Initializer init, DType dtype, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    init.fill(t, null);
    return t;
  }

  @Test
  void formulaAOnALinearWeightUsesOutputAndInputIndices() {
    Tensor w = filled(WorkloadFormulas.formulaA(3), DType.FLOAT64, 2, 5);
    assertThat(w.get(0)).isEqualTo(0.5 * Math.sin(1 + 3) / Math.sqrt(5));
    // W[1][4] is flat index 9: sin(7*1 + 3*4 + 1 + 3)
    assertThat(w.get(9)).isEqualTo(0.5 * Math.sin(23) / Math.sqrt(5));
  }

  @Test
  void formulaAOnAConvolutionUsesTheFlatIndexAndInTimesKernelFanIn() {
    // W1's conv2: Conv1D(32, 32, k3), layer 1; fanIn = 32 * 3.
    Tensor w = filled(WorkloadFormulas.formulaA(1), DType.FLOAT64, 32, 32, 3);
    assertThat(w.get(0)).isEqualTo(0.5 * Math.sin(1 + 1) / Math.sqrt(96));
    int flat = 96 + 2 * 3 + 1; // output 1, input channel 2, kernel position 1
    assertThat(w.get(flat)).isEqualTo(0.5 * Math.sin(7 * 1 + 3 * flat + 1 + 1) / Math.sqrt(96));
  }

  @Test
  void float32TensorsHoldTheRoundedFloat64Value() {
    Tensor w = filled(WorkloadFormulas.formulaA(0), DType.FLOAT32, 4, 3, 3, 3);
    int flat = 2 * 27 + 13;
    assertThat(w.floats()[flat])
        .isEqualTo((float) (0.5 * Math.sin(14 + 3 * flat + 1) / Math.sqrt(27)));
  }

  @Test
  void formulaBAndBiases() {
    Tensor w = filled(WorkloadFormulas.formulaB(2), DType.FLOAT64, 64, 2);
    assertThat(w.get(0)).isEqualTo(4 * Math.sin(1 + 2) / Math.sqrt(2));
    // W[3][1] is flat index 7
    assertThat(w.get(7))
        .isEqualTo(4 * Math.sin(0.37 * 3 * 1 + 1.1 * 3 + 0.3 * 1 + 1 + 2) / Math.sqrt(2));
    Tensor b = filled(WorkloadFormulas.bias(2), DType.FLOAT64, 10);
    assertThat(b.get(0)).isEqualTo(0.01 * Math.cos(2));
    assertThat(b.get(7)).isEqualTo(0.01 * Math.cos(9));
    assertThatThrownBy(() -> filled(WorkloadFormulas.formulaB(0), DType.FLOAT64, 2, 2, 2))
        .hasMessageContaining("[2, 2, 2]");
  }

  @Test
  void w5WeightsAreSmoothInDepthAndDifferOnlyInTheirOffset() {
    int n = 64;
    Tensor w = filled(WorkloadFormulas.w5W(10, n), DType.FLOAT64, 64, 64);
    Tensor v = filled(WorkloadFormulas.w5V(10, n), DType.FLOAT64, 64, 64);
    assertThat(w.get(0)).isEqualTo(2 * Math.sin(1 + 30.0 / 64) / 8);
    assertThat(v.get(0)).isEqualTo(2 * Math.sin(2 + 30.0 / 64) / 8);
    int flat = 5 * 64 + 9;
    assertThat(w.get(flat))
        .isEqualTo(2 * Math.sin(0.37 * 5 * 9 + 1.1 * 5 + 0.3 * 9 + 1 + 30.0 / 64) / 8);
    Tensor next = filled(WorkloadFormulas.w5W(11, n), DType.FLOAT64, 64, 64);
    for (int i = 0; i < w.size(); i++) {
      // |d/dk| <= 2/8 * 3/N per layer: the weights are Lipschitz in depth
      assertThat(Math.abs(next.get(i) - w.get(i))).isLessThanOrEqualTo(0.25 * 3.0 / n + 1e-15);
    }
    assertThatThrownBy(() -> WorkloadFormulas.w5W(64, 64)).hasMessageContaining("k=64");
  }

  @Test
  void inputsUseTheFlattenedFeatureIndexAndLabelsCycle() {
    Tensor x = filled(WorkloadFormulas.inputs(), DType.FLOAT64, 4, 2);
    assertThat(x.get(2 * 2 + 1)).isEqualTo(Math.sin(1.3 * 2 + 0.7 * 1));
    Tensor img = filled(WorkloadFormulas.inputs(), DType.FLOAT32, 2, 3, 4, 4);
    int f = 2 * 16 + 1 * 4 + 3; // c=2, h=1, w=3
    assertThat(img.floats()[48 + f]).isEqualTo((float) Math.sin(1.3 + 0.7 * f));
    assertThat(WorkloadFormulas.labels(5, 2)).containsExactly(0, 1, 0, 1, 0);
  }
}
