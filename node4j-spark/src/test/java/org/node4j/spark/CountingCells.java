package org.node4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.ExperimentCells;

/**
 * A test experiment whose cell sums 1..n in chunks of 10, checkpointing the running sum after each
 * chunk. A cell whose configuration says {@code "crash":true} throws once after its first
 * checkpoint (a crash in the middle of the run), as long as no {@code crashed} file exists; the
 * retry must resume from the checkpoint and end with the same result as an uninterrupted run.
 */
public final class CountingCells implements ExperimentCells {
  @Override
  public String experiment() {
    return "counting";
  }

  @Override
  public CellRunner runner() {
    return (cell, dir) -> {
      int n = Integer.parseInt(cell.config().replaceAll(".*\"n\":(\\d+).*", "$1"));
      boolean crash = cell.config().contains("\"crash\":true");
      Path ckpt = dir.resolve("checkpoint.txt");
      long sum = 0;
      int from = 1;
      if (Files.exists(ckpt)) {
        String[] f = Files.readString(ckpt).split(" ");
        from = Integer.parseInt(f[0]);
        sum = Long.parseLong(f[1]);
        Files.writeString(dir.resolve("resumed.txt"), "from " + from);
      }
      for (int i = from; i <= n; i++) {
        sum += i;
        if (i % 10 == 0) {
          Files.writeString(ckpt, (i + 1) + " " + sum);
          if (crash && !Files.exists(dir.resolve("crashed"))) {
            Files.writeString(dir.resolve("crashed"), "");
            throw new IllegalStateException("simulated executor crash after " + i);
          }
        }
      }
      Files.writeString(dir.resolve("result.txt"), "sum " + sum + "\n");
    };
  }
}
