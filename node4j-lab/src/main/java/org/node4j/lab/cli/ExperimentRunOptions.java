package org.node4j.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.node4j.lab.data.Datasets;
import picocli.CommandLine.Option;

/**
 * The options every experiment command on real data shares: how much to run ({@code --quick}, the
 * hidden test-only {@code --tiny}), where to write ({@code --out}) and where the data sets are
 * ({@code --data-dir}). Mix it in with {@code @Mixin ExperimentRunOptions run;}.
 */
final class ExperimentRunOptions {
  @Option(names = "--quick", description = "Run the reduced protocol described above.")
  boolean quick;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The output directory (default: runs/NAME for the full run, runs/NAME-quick).")
  Path out;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the real data sets are (default: $NODE4J_DATASETS or ~/.cache/node4j/datasets).")
  Path dataDir;

  @Option(names = "--tiny", hidden = true, description = "Test-only: a seconds-long run.")
  boolean tiny;

  /** Returns {@code --out}, else {@code runs/NAME} for the full mode and {@code runs/NAME-MODE}. */
  Path outDir(String name, String mode) {
    return out != null ? out : Path.of("runs", "full".equals(mode) ? name : name + "-" + mode);
  }

  /** Returns {@code --data-dir}, else the default data directory. */
  Path dataDir() {
    return dataDir != null ? dataDir : Datasets.defaultDirectory();
  }

  /** Returns a progress sink that writes each line to {@code err} at once. */
  static Consumer<String> lines(PrintWriter err) {
    return line -> {
      err.println(line);
      err.flush();
    };
  }
}
