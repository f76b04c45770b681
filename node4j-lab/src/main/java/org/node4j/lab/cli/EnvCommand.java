package org.node4j.lab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code node4j env}: the Java runtime, processors, heap and Vector API support node4j runs on. */
@Command(
    name = "env",
    aliases = "info",
    mixinStandardHelpOptions = true,
    description = "Show the Java runtime, processors, heap and Vector API support node4j runs on.")
final class EnvCommand implements Callable<Integer> {
  private static final String FORMAT = "%-12s %s%n";

  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    EnvironmentReport report = EnvironmentReport.current();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, report);
    } else {
      printText(out, report);
    }
    return 0;
  }

  private static void printText(PrintWriter out, EnvironmentReport report) {
    out.printf(FORMAT, "node4j", report.node4jVersion());
    out.printf(FORMAT, "java", report.javaVersion() + " (" + report.javaVendor() + ")");
    out.printf(FORMAT, "vm", report.javaVm());
    out.printf(FORMAT, "java home", report.javaHome());
    out.printf(FORMAT, "os", report.os());
    out.printf(FORMAT, "processors", report.availableProcessors());
    out.printf(FORMAT, "max heap", gibibytes(report.maxHeapBytes()));
    out.printf(FORMAT, "vector api", describe(report.vector()));
    out.printf(FORMAT, "jvm flags", String.join(" ", report.jvmArguments()));
    out.flush();
  }

  private static String describe(VectorSupport vector) {
    if (vector == null) {
      return "jdk.incubator.vector not loaded: scalar code only"
          + " (start the JVM with --add-modules jdk.incubator.vector, as ./node4j does)";
    }
    return String.format(
        Locale.ROOT,
        "preferred species %d bits (%d floats, %d doubles)",
        vector.preferredBits(),
        vector.floatLanes(),
        vector.doubleLanes());
  }

  private static String gibibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
