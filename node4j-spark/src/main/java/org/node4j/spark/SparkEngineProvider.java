package org.node4j.spark;

import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridEngineProvider;

/** Provides {@code --engine spark}; {@code --master} defaults to {@code local[*]}. */
public final class SparkEngineProvider implements GridEngineProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public GridEngine create(EngineSettings settings) {
    return new SparkEngine(settings.master() == null ? "local[*]" : settings.master());
  }
}
