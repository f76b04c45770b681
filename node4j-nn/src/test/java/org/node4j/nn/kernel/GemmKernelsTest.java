package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.GemmKernels.Choice;

/** Choosing the kernel: the property, the module check and the scalar fallback. */
class GemmKernelsTest {

  @Test
  void scalarIsSelectedWhenForcedEvenWithTheModule() {
    assertThat(GemmKernels.select(Choice.SCALAR, true)).isInstanceOf(ScalarGemmKernel.class);
  }

  @Test
  void autoFallsBackToScalarWithoutTheModule() {
    assertThat(GemmKernels.select(Choice.AUTO, false)).isInstanceOf(ScalarGemmKernel.class);
  }

  @Test
  void autoPicksTheVectorKernelWhenTheModuleIsPresentAndVectorsAreWide() {
    GemmKernel vector = GemmKernels.select(Choice.VECTOR, true);
    GemmKernel auto = GemmKernels.select(Choice.AUTO, GemmKernels.vectorModulePresent());
    if (vector.vectorBits() >= 256) {
      assertThat(auto.name()).isEqualTo(vector.name()).startsWith("vector-");
    } else {
      assertThat(auto).isInstanceOf(ScalarGemmKernel.class);
    }
  }

  @Test
  void forcingVectorWithoutTheModuleSaysHowToEnableIt() {
    assertThatThrownBy(() -> GemmKernels.select(Choice.VECTOR, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--add-modules jdk.incubator.vector");
  }

  @Test
  void propertyValuesParseCaseInsensitivelyAndRejectUnknownOnes() {
    assertThat(Choice.parse(null)).isEqualTo(Choice.AUTO);
    assertThat(Choice.parse(" Scalar ")).isEqualTo(Choice.SCALAR);
    assertThat(Choice.parse("VECTOR")).isEqualTo(Choice.VECTOR);
    assertThatThrownBy(() -> Choice.parse("avx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("avx")
        .hasMessageContaining("auto, vector or scalar");
  }

  @Test
  void theVectorKernelIsActiveInTestsBecauseSurefireAddsTheModule() {
    assertThat(GemmKernels.vectorModulePresent()).isTrue();
    assertThat(Gemm.implementationName()).startsWith("vector-");
  }

  /**
   * A JVM started without {@code --add-modules jdk.incubator.vector} (and one forcing scalar) runs
   * products with the scalar kernel: the vector classes are never linked.
   */
  @Test
  void aJvmWithoutTheModuleRunsTheScalarKernel() throws Exception {
    assertThat(runProbe(List.of()))
        .contains("kernel=scalar")
        .contains("c=[19.0, 22.0, 43.0, 50.0]");
    assertThat(runProbe(List.of("--add-modules", "jdk.incubator.vector", "-Dnode4j.kernel=scalar")))
        .contains("kernel=scalar");
  }

  private static String runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FallbackProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
