package org.node4j.lab.cli;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The only class of the CLI that touches {@code jdk.incubator.vector}. The JVM loads it on first
 * use, which {@link VectorSupport#probe()} allows only when the module is present.
 */
final class VectorProbe {
  private VectorProbe() {}

  static VectorSupport preferred() {
    return new VectorSupport(
        FloatVector.SPECIES_PREFERRED.vectorBitSize(),
        FloatVector.SPECIES_PREFERRED.length(),
        DoubleVector.SPECIES_PREFERRED.length());
  }
}
