package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.node4j.lab.grid.RunMarker;

/**
 * Every finished cell of a run, read from the run directories alone: each directory's done marker
 * holds the cell's configuration and its {@code result.json} the figures.
 */
record SanderResults(
    List<Entry<Cells.Distance, DistanceProbe.Result>> distance,
    List<Entry<Cells.Gradient, GradientProbe.Result>> gradient,
    List<Entry<Cells.Trained, TrainedProbe.Result>> trained,
    List<Entry<Cells.Memory, MemoryProbe.Result>> memory,
    List<Entry<Cells.Linear, LinearResnet.Result>> linear,
    List<Entry<Cells.Sweep, DepthSweep.Result>> sweep) {

  /** One finished cell. */
  record Entry<C, R>(C cell, R result) {}

  /** No results yet, every part's list mutable. */
  static SanderResults empty() {
    return new SanderResults(
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>());
  }

  /** Reads every done run directory under {@code runs}, in id order. */
  static SanderResults load(Path runs) throws IOException {
    SanderResults r = empty();
    if (!Files.isDirectory(runs)) {
      return r;
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(runs)) {
      dirs = s.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
    }
    for (Path dir : dirs) {
      Path marker = dir.resolve(RunMarker.FILE);
      if (!Files.exists(marker)) {
        continue;
      }
      Cells.Cell cell = Cells.parse(Files.readString(marker));
      if (cell instanceof Cells.Distance c) {
        r.distance.add(new Entry<>(c, CellState.result(dir, DistanceProbe.Result.class)));
      } else if (cell instanceof Cells.Gradient c) {
        r.gradient.add(new Entry<>(c, CellState.result(dir, GradientProbe.Result.class)));
      } else if (cell instanceof Cells.Trained c) {
        r.trained.add(new Entry<>(c, CellState.result(dir, TrainedProbe.Result.class)));
      } else if (cell instanceof Cells.Memory c) {
        r.memory.add(new Entry<>(c, CellState.result(dir, MemoryProbe.Result.class)));
      } else if (cell instanceof Cells.Linear c) {
        r.linear.add(new Entry<>(c, CellState.result(dir, LinearResnet.Result.class)));
      } else if (cell instanceof Cells.Sweep c) {
        r.sweep.add(new Entry<>(c, CellState.result(dir, DepthSweep.Result.class)));
      }
    }
    return r;
  }
}
