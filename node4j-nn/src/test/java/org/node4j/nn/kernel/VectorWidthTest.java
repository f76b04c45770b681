package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The build runs the kernel properties a second time with {@code -XX:MaxVectorSize=32} (see the
 * node4j-nn POM), so that a machine with AVX-512 also checks the tiles of machines with 16 vector
 * registers. This checks that the flag took effect in that run: the preferred species, which the
 * kernels use, is at most {@code node4j.test.maxVectorBits} wide, and the tiles are the narrow
 * ones.
 */
class VectorWidthTest {
  @Test
  void theRunsVectorsAreNoWiderThanItsFlagAllows() {
    String max = System.getProperty("node4j.test.maxVectorBits");
    assumeTrue(max != null, "only in the build's narrow-vector run");
    int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    assertThat(bits).isLessThanOrEqualTo(Integer.parseInt(max));
    assertThat(VectorTilesF32.MR).isEqualTo(bits >= 512 ? 8 : 4);
    assertThat(VectorTilesF64.NR).isEqualTo(2 * bits / Double.SIZE);
  }
}
