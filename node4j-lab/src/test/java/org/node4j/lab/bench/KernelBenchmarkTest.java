package org.node4j.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.tensor.DType;

/** The measurement routine's bookkeeping (never its timings: speed is not asserted in tests). */
class KernelBenchmarkTest {

  @Test
  void aResultCountsTwoFlopsPerMultiplyAddAndOrdersItsTimes() {
    var r =
        KernelBenchmark.gemm(
            DType.FLOAT64, true, false, 3, 4, 5, new KernelBenchmark.Settings(0, 3));
    assertThat(r.flops()).isEqualTo(2.0 * 3 * 4 * 5);
    assertThat(r.label()).isEqualTo("gemm f64 TN 3x4x5");
    assertThat(r.threads()).as("small products are single-threaded").isEqualTo(1);
    assertThat(r.minMs()).isLessThanOrEqualTo(r.medianMs());
    assertThat(r.medianMs()).isLessThanOrEqualTo(r.maxMs());
    assertThat(r.medianGflops()).isEqualTo(r.flops() / (r.medianMs() * 1e6));
    assertThat(r.implementation()).isEqualTo(Gemm.implementationName());
  }

  @Test
  void settingsAndShapesAreValidated() {
    assertThatThrownBy(() -> new KernelBenchmark.Settings(-1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new KernelBenchmark.Settings(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                KernelBenchmark.gemm(
                    DType.FLOAT32, false, false, 0, 4, 5, new KernelBenchmark.Settings(0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x4x5");
  }
}
