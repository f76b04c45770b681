package org.node4j.lab.experiment.marion;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.TensorFile;
import org.node4j.nn.tensor.Tensor;

/**
 * What the report reads back from the finished run directories under {@code out/runs}: the cell
 * summaries, and on demand a cell's series, weight entries and snapshots.
 */
final class RunData {
  private static final ObjectMapper MAPPER = Json.newMapper();
  private final Path runs;
  private final List<Loaded> perceptrons = new ArrayList<>();
  private final List<ReluResult> relu = new ArrayList<>();
  private final List<Image> images = new ArrayList<>();

  /** A finished perceptron cell and its directory. */
  record Loaded(CellResult result, Path dir) {
    PerceptronSpec spec() {
      return result.cell().spec();
    }

    PerceptronCell.Part part() {
      return result.cell().part();
    }
  }

  /** A finished image cell and its directory. */
  record Image(ImageResult result, Path dir) {}

  /** The loss and max-gap series, t = 0..T. */
  record Series(double[] loss, double[] gap) {
    /** max over t ≤ horizon of the gap. */
    double maxGapUpTo(int horizon) {
      double m = 0;
      for (int t = 0; t <= horizon && t < gap.length; t++) {
        m = Math.max(m, gap[t]);
      }
      return m;
    }
  }

  RunData(Path runs, List<MarionCell> cells) throws IOException {
    this.runs = runs;
    for (MarionCell c : cells) {
      Path dir = runs.resolve(c.id());
      Path result = dir.resolve(CellOutputs.RESULT);
      if (!Files.exists(result)) {
        continue;
      }
      if (c instanceof PerceptronCell) {
        perceptrons.add(new Loaded(MAPPER.readValue(result.toFile(), CellResult.class), dir));
      } else if (c instanceof ImageCell) {
        images.add(new Image(MAPPER.readValue(result.toFile(), ImageResult.class), dir));
      } else {
        relu.add(MAPPER.readValue(result.toFile(), ReluResult.class));
      }
    }
  }

  Path runs() {
    return runs;
  }

  /** The finished cell that trained exactly {@code spec}, in any part. */
  Optional<Loaded> find(PerceptronSpec spec) {
    return perceptrons.stream().filter(l -> l.spec().equals(spec)).findFirst();
  }

  List<ReluResult> relu() {
    return relu;
  }

  /** The finished image cells, in grid order. */
  List<Image> images() {
    return images;
  }

  static Series series(Loaded l) throws IOException {
    List<String> lines = Files.readAllLines(l.dir().resolve(CellOutputs.SERIES));
    int n = lines.size() - 1;
    double[] loss = new double[n];
    double[] gap = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      loss[i] = Double.parseDouble(f[1]);
      gap[i] = Double.parseDouble(f[2]);
    }
    return new Series(loss, gap);
  }

  /** Rows of entries.csv: t, W entry at k = 0..L-1, V entry at k = 0..L-1. */
  static List<double[]> entries(Loaded l) throws IOException {
    List<String> lines = Files.readAllLines(l.dir().resolve(CellOutputs.ENTRIES));
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] row = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        row[i] = Double.parseDouble(f[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The snapshot at iteration t: "W" (kept layers × m × d) and "V". */
  static Map<String, Tensor> snapshot(Loaded l, int t) throws IOException {
    return TensorFile.read(l.dir().resolve(CellOutputs.snapshot(t)));
  }
}
