package org.node4j.lab.experiment.marion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.AtomicFiles;
import org.node4j.nn.io.TensorFile;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Trains one {@link PerceptronCell} into its run directory. Every {@code checkpointEvery}
 * iterations it saves the weights, the iteration and the series so far in one atomic file; a
 * restarted run continues from it and ends with the same bytes as an uninterrupted one (full-batch
 * gradient descent has no other state).
 */
final class PerceptronCellRunner {
  private static final String T_KEY = "_t";
  private static final String LOSS_KEY = "_loss";
  private static final String GAP_KEY = "_gap";
  private static final String ENTRIES_KEY = "_entries";

  /** Test hook: stop with an exception right after the checkpoint at this iteration (-1: never). */
  private final int interruptAt;

  PerceptronCellRunner(int interruptAt) {
    this.interruptAt = interruptAt;
  }

  void run(PerceptronCell cell, Path dir) throws IOException {
    PerceptronSpec spec = cell.spec();
    PerceptronTraining tr = new PerceptronTraining(spec);
    int iterations = spec.iterations();
    double[] loss = new double[iterations + 1];
    double[] gap = new double[iterations + 1];
    List<double[]> entries = new ArrayList<>();
    int[] entry = entryIndices(spec);
    Path checkpoint = dir.resolve(CellOutputs.CHECKPOINT);
    int start = Files.exists(checkpoint) ? restore(checkpoint, tr, loss, gap, entries) : 0;
    for (int t = start; t <= iterations; t++) {
      if (t > start && t % cell.checkpointEvery() == 0 && t < iterations) {
        saveCheckpoint(checkpoint, tr, t, loss, gap, entries);
        if (t == interruptAt) {
          throw new IllegalStateException("interrupted at iteration " + t + " (test hook)");
        }
      }
      gap[t] = tr.maxLayerGap();
      if (cell.snapshots().contains(t)) {
        saveSnapshot(dir.resolve(CellOutputs.snapshot(t)), tr, cell.layerStride());
      }
      if (cell.entryEvery() > 0 && t % cell.entryEvery() == 0) {
        entries.add(entryRow(tr, t, entry));
      }
      loss[t] = t < iterations ? tr.step() : tr.loss();
    }
    writeSeries(dir.resolve(CellOutputs.SERIES), loss, gap);
    if (cell.entryEvery() > 0) {
      writeEntries(dir.resolve(CellOutputs.ENTRIES), entries, spec.depth());
    }
    double maxGap = 0;
    for (double g : gap) {
      maxGap = Math.max(maxGap, g);
    }
    Json.writeFile(
        dir.resolve(CellOutputs.RESULT),
        new CellResult(cell, loss[0], loss[iterations], maxGap, gap[iterations], trainedGap(tr)));
    Files.deleteIfExists(checkpoint);
  }

  /** max_k ‖ΔZ_{k+1} − ΔZ_k‖_F with ΔZ_k = Z_k(T) − Z_k(0); Z(0) is rebuilt from the seed. */
  private static double trainedGap(PerceptronTraining tr) {
    PerceptronTraining init = new PerceptronTraining(tr.spec());
    double max = 0;
    for (int k = 0; k + 1 < tr.spec().depth(); k++) {
      double g =
          deltaDistance(tr.w(k + 1), init.w(k + 1), tr.w(k), init.w(k))
              + deltaDistance(tr.v(k + 1), init.v(k + 1), tr.v(k), init.v(k));
      max = Math.max(max, g);
    }
    return max;
  }

  private static double deltaDistance(Tensor a, Tensor a0, Tensor b, Tensor b0) {
    double s = 0;
    for (int i = 0, n = a.size(); i < n; i++) {
      double e = (a.get(i) - a0.get(i)) - (b.get(i) - b0.get(i));
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /** The (row, column) of the recorded W entry, then of the V entry, drawn from the seed. */
  private static int[] entryIndices(PerceptronSpec spec) {
    Random r = new Random(spec.seed() * 1_000_003L + 17);
    return new int[] {
      r.nextInt(spec.m()), r.nextInt(spec.d()), r.nextInt(spec.d()), r.nextInt(spec.m())
    };
  }

  private static double[] entryRow(PerceptronTraining tr, int t, int[] e) {
    int depth = tr.spec().depth();
    double[] row = new double[1 + 2 * depth];
    row[0] = t;
    for (int k = 0; k < depth; k++) {
      row[1 + k] = tr.w(k).get(e[0] * tr.spec().d() + e[1]);
      row[1 + depth + k] = tr.v(k).get(e[2] * tr.spec().m() + e[3]);
    }
    return row;
  }

  private static void saveSnapshot(Path file, PerceptronTraining tr, int stride)
      throws IOException {
    PerceptronSpec s = tr.spec();
    int kept = s.depth() / stride;
    Tensor w = Tensor.zeros(DType.FLOAT64, kept, s.m(), s.d());
    Tensor v = Tensor.zeros(DType.FLOAT64, kept, s.d(), s.m());
    int block = s.m() * s.d();
    for (int j = 0; j < kept; j++) {
      System.arraycopy(tr.w(j * stride).doubles(), 0, w.doubles(), j * block, block);
      System.arraycopy(tr.v(j * stride).doubles(), 0, v.doubles(), j * block, block);
    }
    Map<String, Tensor> map = new LinkedHashMap<>();
    map.put("W", w);
    map.put("V", v);
    TensorFile.write(file, map);
  }

  private static void saveCheckpoint(
      Path file, PerceptronTraining tr, int t, double[] loss, double[] gap, List<double[]> entries)
      throws IOException {
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (Parameter p : tr.parameters()) {
      map.put(p.name(), p.value());
    }
    map.put(T_KEY, Tensor.wrap(new double[] {t}, 1));
    map.put(LOSS_KEY, Tensor.wrap(loss.clone(), loss.length));
    map.put(GAP_KEY, Tensor.wrap(gap.clone(), gap.length));
    int width = 1 + 2 * tr.spec().depth();
    double[] flat = new double[entries.size() * width];
    for (int i = 0; i < entries.size(); i++) {
      System.arraycopy(entries.get(i), 0, flat, i * width, width);
    }
    map.put(ENTRIES_KEY, Tensor.wrap(flat, entries.size(), width));
    TensorFile.write(file, map);
  }

  private static int restore(
      Path file, PerceptronTraining tr, double[] loss, double[] gap, List<double[]> entries)
      throws IOException {
    Map<String, Tensor> map = TensorFile.read(file);
    for (Parameter p : tr.parameters()) {
      Tensor saved = map.get(p.name());
      if (saved == null || !saved.sameShape(p.value())) {
        throw new IllegalStateException(
            "checkpoint "
                + file
                + " does not match parameter "
                + p.name()
                + "; delete it to restart");
      }
      p.value().copyFrom(saved);
    }
    int t = (int) map.get(T_KEY).get(0);
    System.arraycopy(map.get(LOSS_KEY).doubles(), 0, loss, 0, loss.length);
    System.arraycopy(map.get(GAP_KEY).doubles(), 0, gap, 0, gap.length);
    Tensor e = map.get(ENTRIES_KEY);
    int rows = e.dim(0);
    int width = e.dim(1);
    for (int i = 0; i < rows; i++) {
      double[] row = new double[width];
      System.arraycopy(e.doubles(), i * width, row, 0, width);
      entries.add(row);
    }
    tr.resumeAt(t);
    return t;
  }

  private static void writeSeries(Path file, double[] loss, double[] gap) throws IOException {
    StringBuilder sb = new StringBuilder("t,loss,max_gap\n");
    for (int t = 0; t < loss.length; t++) {
      sb.append(t).append(',').append(num(loss[t])).append(',').append(num(gap[t])).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  private static void writeEntries(Path file, List<double[]> entries, int depth)
      throws IOException {
    StringBuilder sb = new StringBuilder("t");
    for (int k = 0; k < depth; k++) {
      sb.append(",W_").append(k);
    }
    for (int k = 0; k < depth; k++) {
      sb.append(",V_").append(k);
    }
    sb.append('\n');
    for (double[] row : entries) {
      sb.append((int) row[0]);
      for (int i = 1; i < row.length; i++) {
        sb.append(',').append(num(row[i]));
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** Doubles in full precision, so that run directories reproduce bit for bit. */
  static String num(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }
}
