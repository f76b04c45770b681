package org.node4j.lab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the memory probes share: running a probe's {@code main} in a child JVM with a fixed heap and
 * a small fixed young generation (peak resident memory, /proc/self/status VmHWM, is per process),
 * and, inside the child, reading /proc/self/status, resetting the kernel's peak counter and making
 * the young generation resident before the baseline. Linux only.
 */
public final class ChildJvm {
  private static long sink;

  private ChildJvm() {}

  /**
   * Runs {@code main} in a child JVM of this one's class path and returns what follows {@code
   * prefix} on the first output line that starts with it.
   *
   * @param heap the fixed heap, e.g. "1g" (-Xms = -Xmx)
   * @param young the fixed young generation, e.g. "8m"
   * @throws IllegalStateException if the child fails or prints no such line
   */
  public static String run(
      Class<?> main, String heap, String young, String prefix, List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("--add-modules");
    cmd.add("jdk.incubator.vector");
    cmd.add("-Xms" + heap);
    cmd.add("-Xmx" + heap);
    cmd.add("-Xmn" + young);
    cmd.add("-XX:+UseParallelGC");
    String kernel = System.getProperty("node4j.kernel");
    if (kernel != null) {
      cmd.add("-Dnode4j.kernel=" + kernel);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(main.getSimpleName() + " child JVM failed: " + output);
      }
      for (String line : output.split("\n")) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      throw new IllegalStateException(
          main.getSimpleName() + " child JVM printed no result: " + output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a child JVM " + java, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", e);
    }
  }

  /**
   * Allocates 64 MiB of short-lived garbage, so that the young generation's pages are resident
   * before the baseline and what grows later is data that outlives it.
   */
  public static void touchYoungGeneration() {
    for (int i = 0; i < 256; i++) {
      byte[] b = new byte[1 << 18];
      b[i] = 1;
      sink += b[b.length - 1 - i];
    }
  }

  /** Resets the kernel's peak-RSS counter of this process ({@code 5 > /proc/self/clear_refs}). */
  public static void resetPeak() throws IOException {
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
  }

  /** Returns a /proc/self/status field (e.g. "VmHWM:") in bytes (the kernel reports kB). */
  public static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        String kb = line.substring(field.length()).trim().split("\\s+")[0];
        return Long.parseLong(kb) * 1024;
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }
}
