package org.node4j.lab.cli;

/**
 * What the incubating Vector API offers on this CPU: the width of its preferred species, which
 * decides how many lanes the tensor kernels process per instruction.
 *
 * @param preferredBits the bit size of {@code FloatVector.SPECIES_PREFERRED} (128 for SSE/NEON, 256
 *     for AVX2, 512 for AVX-512)
 * @param floatLanes float lanes in the preferred species
 * @param doubleLanes double lanes in the preferred species
 */
public record VectorSupport(int preferredBits, int floatLanes, int doubleLanes) {

  /**
   * Probes the Vector API if, and only if, the JVM was started with {@code --add-modules
   * jdk.incubator.vector}. The probe lives in its own class so that this class, and the commands
   * that use it, load on a JVM without the module.
   *
   * @return the preferred species, or null when the module is not loaded
   */
  public static VectorSupport probe() {
    if (!isModuleLoaded()) {
      return null;
    }
    return VectorProbe.preferred();
  }

  /**
   * Whether the JVM resolved {@code jdk.incubator.vector} at boot.
   *
   * @return true if the Vector API can be used
   */
  public static boolean isModuleLoaded() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
