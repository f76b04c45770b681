package org.node4j.nn.kernel;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link GemmKernel} once per JVM: the Vector API kernel when the {@code
 * jdk.incubator.vector} module is in the boot layer and offers at least 256-bit float vectors,
 * otherwise the scalar kernel. The system property {@value #PROPERTY} ({@code auto}, {@code vector}
 * or {@code scalar}) overrides the choice; the active kernel is logged once at INFO.
 *
 * <p>Modelled on Apache Lucene's {@code VectorizationProvider}: the vector class is loaded by name
 * only after the module check, so no class that links against the incubator module is resolved when
 * the module is absent.
 */
final class GemmKernels {
  /**
   * System property that forces the kernel: {@code auto} (default), {@code vector} or {@code
   * scalar}.
   */
  static final String PROPERTY = "node4j.kernel";

  private static final Logger LOG = LoggerFactory.getLogger(GemmKernels.class);
  private static final String VECTOR_CLASS = "org.node4j.nn.kernel.VectorGemmKernel";
  private static final int MIN_VECTOR_BITS = 256;
  private static final GemmKernel ACTIVE = initialise();

  private GemmKernels() {}

  /** Returns the kernel chosen for this JVM. */
  static GemmKernel active() {
    return ACTIVE;
  }

  /** The kernel choices that {@value #PROPERTY} accepts. */
  enum Choice {
    AUTO,
    VECTOR,
    SCALAR;

    static Choice parse(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "-D" + PROPERTY + "=" + value + " is not a kernel; use auto, vector or scalar", e);
      }
    }
  }

  /** Returns whether the {@code jdk.incubator.vector} module is in the boot layer. */
  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * Returns the kernel for a choice. {@code VECTOR} without the module fails with an exception that
   * says how to enable it; {@code AUTO} degrades to scalar.
   */
  static GemmKernel select(Choice choice, boolean modulePresent) {
    if (choice == Choice.SCALAR) {
      return new ScalarGemmKernel();
    }
    if (!modulePresent) {
      if (choice == Choice.VECTOR) {
        throw new IllegalStateException(
            "-D"
                + PROPERTY
                + "=vector needs the Vector API: run java with --add-modules"
                + " jdk.incubator.vector");
      }
      return new ScalarGemmKernel();
    }
    GemmKernel vector = loadVector();
    if (choice == Choice.AUTO && vector.vectorBits() < MIN_VECTOR_BITS) {
      return new ScalarGemmKernel();
    }
    return vector;
  }

  private static GemmKernel loadVector() {
    try {
      return (GemmKernel) Class.forName(VECTOR_CLASS).getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the Vector API kernel " + VECTOR_CLASS, e);
    }
  }

  private static GemmKernel initialise() {
    boolean present = vectorModulePresent();
    GemmKernel kernel = select(Choice.parse(System.getProperty(PROPERTY)), present);
    if (kernel instanceof ScalarGemmKernel && present) {
      LOG.info("node4j GEMM kernel: {} (forced or vectors too narrow)", kernel.name());
    } else if (kernel instanceof ScalarGemmKernel) {
      LOG.info(
          "node4j GEMM kernel: {} (add --add-modules jdk.incubator.vector for the fast kernel)",
          kernel.name());
    } else {
      LOG.info("node4j GEMM kernel: {}", kernel.name());
    }
    return kernel;
  }
}
