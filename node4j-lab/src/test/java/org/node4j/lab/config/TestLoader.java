package org.node4j.lab.config;

import java.util.List;

/** The configuration loader of the standard catalogue, for tests of every package. */
public final class TestLoader {
  /** The loader over {@link Catalogue#standard()}. */
  public static final ConfigLoader LOADER = new ConfigLoader(Catalogue.standard());

  private TestLoader() {}

  /** Parses YAML {@code text} with {@code overrides}. */
  public static ExperimentConfig yaml(String text, String... overrides) {
    return LOADER.parse(text, false, "test.yaml", List.of(overrides));
  }
}
