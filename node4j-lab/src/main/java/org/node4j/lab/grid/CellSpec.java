package org.node4j.lab.grid;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One cell of a grid: which experiment runs it, a stable identifier that names its run directory,
 * and its typed configuration serialised as JSON (so that a cell can be shipped to another JVM and
 * rebuilt there by the experiment's {@link CellRunner}).
 *
 * @param experiment the experiment's command name, e.g. {@code "resnet-after-all"}
 * @param id a stable, file-name-safe identifier, unique within the grid, e.g. {@code
 *     "euler-8-seed-0"}
 * @param config the cell's configuration as JSON, read back only by the experiment's runner
 */
public record CellSpec(String experiment, String id, String config) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** Checks that the id can name a directory on any file system. */
  public CellSpec {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(config, "config");
    if (id == null || !SAFE.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "cell id must be letters, digits, '.', '_' or '-' (starting with a letter or digit),"
              + " got '"
              + id
              + "'");
    }
  }
}
