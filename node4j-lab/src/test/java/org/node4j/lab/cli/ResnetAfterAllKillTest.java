package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;

/**
 * A sweep killed with SIGKILL (a real child JVM, {@link Process#destroyForcibly}) in the middle of
 * training, then started again with the same command, ends with the same {@code results.csv} and
 * {@code adaptation.csv} and {@code fig4.csv} (tolerance adaptation included) bytes as a sweep that
 * ran through (in this JVM, on any thread count).
 */
class ResnetAfterAllKillTest {
  private static final List<String> ARGS =
      List.of(
          "experiment",
          "resnet-after-all",
          "--tiny",
          "--iterations",
          "160",
          "--jobs",
          "2",
          "--fig4",
          "on");

  @Test
  void killedSweepResumesToTheResultsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
    Path killed = dir.resolve("killed");
    Process p = start(killed, dir.resolve("first.log"));
    try {
      waitForCheckpoint(killed.resolve("runs"), p);
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(killed.resolve("results.csv")).as("killed before the end").doesNotExist();

    Process again = start(killed, dir.resolve("second.log"));
    assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(dir.resolve("second.log"));
    assertThat(again.exitValue()).as(log).isZero();
    assertThat(log).containsAnyOf("resuming", "finished earlier, reused");

    Path straight = dir.resolve("straight");
    List<String> args = new ArrayList<>(ARGS);
    args.addAll(List.of("--out", straight.toString()));
    Run run = MainTest.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();

    for (String f : List.of("results.csv", "adaptation.csv", "fig4.csv")) {
      assertThat(Files.readAllBytes(killed.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(straight.resolve(f)));
    }
  }

  private static Process start(Path out, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xss4m", "-Xmx512m"));
    cmd.add("-Djava.awt.headless=true");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(ARGS);
    cmd.addAll(List.of("--out", out.toString()));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  /** Waits until some run of the sweep has written a checkpoint (so the kill lands mid-run). */
  private static void waitForCheckpoint(Path runs, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.isDirectory(runs)) {
        try (Stream<Path> s = Files.walk(runs)) {
          if (s.anyMatch(f -> f.getFileName().toString().endsWith(".n4j"))) {
            return;
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          // a file vanished while walking (a checkpoint being replaced): look again
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "no checkpoint appeared; the child "
            + (p.isAlive() ? "is still running" : "exited with " + p.exitValue())
            + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
