package org.node4j.lab.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Resolves {@code --engine NAME} to a {@link GridEngine}: {@code local}, or a provider's. */
public final class GridEngines {
  /** The built-in engine's name. */
  public static final String LOCAL = "local";

  private GridEngines() {}

  /**
   * Creates the engine called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException if no engine has that name, listing the ones available and
   *     saying how to get Spark
   */
  public static GridEngine create(String name, GridEngineProvider.EngineSettings settings) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals(LOCAL)) {
      return new LocalEngine(settings.jobs());
    }
    List<String> known = new ArrayList<>(List.of(LOCAL));
    for (GridEngineProvider p : ServiceLoader.load(GridEngineProvider.class)) {
      if (p.name().equals(n)) {
        return p.create(settings);
      }
      known.add(p.name());
    }
    throw new IllegalArgumentException(
        "unknown engine '"
            + name
            + "'; available: "
            + String.join(", ", known)
            + (known.contains("spark")
                ? ""
                : " (the spark engine comes with the node4j-spark module: run through ./node4j,"
                    + " which adds it to the class path when --engine spark is given)"));
  }
}
