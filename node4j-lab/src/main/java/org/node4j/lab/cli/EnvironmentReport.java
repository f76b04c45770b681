package org.node4j.lab.cli;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The runtime that node4j runs on, as {@code node4j env} shows it: enough to tell from a bug report
 * or a benchmark log which JVM, how many cores, how much heap and which vector width were used.
 *
 * @param node4jVersion the node4j version, see {@link BuildInfo#version()}
 * @param javaVersion the full runtime version, such as {@code 17.0.15+6-Debian-1deb12u1}
 * @param javaVendor the {@code java.vendor} property
 * @param javaVm the {@code java.vm.name} property
 * @param javaHome the {@code java.home} property
 * @param os operating system name, version and architecture
 * @param availableProcessors the processors the JVM may use
 * @param maxHeapBytes the maximum heap, {@link Runtime#maxMemory()}
 * @param vectorModule whether {@code jdk.incubator.vector} is loaded
 * @param vector the preferred vector species, or null when the module is not loaded
 * @param jvmArguments the flags the JVM was started with
 */
public record EnvironmentReport(
    String node4jVersion,
    String javaVersion,
    String javaVendor,
    String javaVm,
    String javaHome,
    String os,
    int availableProcessors,
    long maxHeapBytes,
    boolean vectorModule,
    VectorSupport vector,
    List<String> jvmArguments) {

  /** Copies the argument list so the report stays immutable. */
  public EnvironmentReport {
    jvmArguments = List.copyOf(jvmArguments);
  }

  /**
   * Reads the report off the running JVM.
   *
   * @return the current environment
   */
  public static EnvironmentReport current() {
    Runtime runtime = Runtime.getRuntime();
    return new EnvironmentReport(
        BuildInfo.version(),
        Runtime.version().toString(),
        System.getProperty("java.vendor"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.home"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        runtime.availableProcessors(),
        runtime.maxMemory(),
        VectorSupport.isModuleLoaded(),
        VectorSupport.probe(),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
