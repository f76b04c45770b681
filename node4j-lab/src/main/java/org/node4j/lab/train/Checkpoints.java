package org.node4j.lab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.node4j.nn.io.ParameterStore;
import org.node4j.nn.io.TensorFile;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.optim.OptimizerState;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of a run: one {@link TensorFile} per checkpoint, {@code ckpt-<iteration>.n4j}, that
 * holds the parameters ({@code param.<name>}), the optimiser state ({@code optim.<entry>}) and the
 * {@link TrainerState} ({@code trainer.<field>}). Files are written atomically, so a run killed at
 * any moment leaves complete checkpoints only; only the newest {@code keep} are kept.
 */
final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  private static final Pattern FILE = Pattern.compile("ckpt-(\\d+)\\.n4j");
  private static final String PARAM = "param.";
  private static final String OPTIM = "optim.";
  private static final String TRAINER = "trainer.";

  /** The trainer-state entries every checkpoint holds, each a tensor of at least one value. */
  private static final List<String> TRAINER_KEYS =
      List.of(
          "iteration",
          "wallSeconds",
          "stepSize",
          "tolerance",
          "sumEvaluationsForward",
          "sumEvaluationsBackward",
          "lastLoss",
          "lastAccuracy",
          "nfeHistory");

  private final Path dir;
  private final int keep;

  Checkpoints(Path dir, int keep) {
    this.dir = dir;
    this.keep = keep;
  }

  /** A checkpoint read back: its file and trainer state; parameters and optimiser are restored. */
  record Restored(Path file, TrainerState state) {}

  /** Writes a checkpoint and deletes all but the newest {@code keep}. */
  Path save(List<Parameter> params, Optimizer optimizer, TrainerState s) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    ParameterStore.toMap(params).forEach((k, v) -> tensors.put(PARAM + k, v));
    optimizer.exportState().tensors().forEach((k, v) -> tensors.put(OPTIM + k, v));
    tensors.put(TRAINER + "iteration", scalar(s.iteration()));
    tensors.put(TRAINER + "wallSeconds", scalar(s.wallSeconds()));
    tensors.put(TRAINER + "stepSize", scalar(s.stepSize()));
    tensors.put(TRAINER + "tolerance", scalar(s.tolerance()));
    tensors.put(TRAINER + "sumEvaluationsForward", scalar(s.sumEvaluationsForward()));
    tensors.put(TRAINER + "sumEvaluationsBackward", scalar(s.sumEvaluationsBackward()));
    tensors.put(TRAINER + "lastLoss", scalar(s.lastLoss()));
    tensors.put(TRAINER + "lastAccuracy", scalar(s.lastAccuracy()));
    long[] history = s.nfeHistory();
    double[] h = new double[history.length + 1];
    h[0] = history.length;
    for (int i = 0; i < history.length; i++) {
      h[i + 1] = history[i];
    }
    tensors.put(TRAINER + "nfeHistory", Tensor.wrap(h, h.length));
    Path file = dir.resolve(String.format(Locale.ROOT, "ckpt-%09d.n4j", s.iteration()));
    Files.createDirectories(dir);
    TensorFile.write(file, tensors);
    prune();
    return file;
  }

  /**
   * Restores the newest readable checkpoint into {@code params} and {@code optimizer}; a damaged
   * newest file (which atomic writes should prevent) falls back to the one before it.
   */
  Optional<Restored> restoreLatest(List<Parameter> params, Optimizer optimizer) throws IOException {
    List<Path> files = list();
    for (int i = files.size() - 1; i >= 0; i--) {
      Path file = files.get(i);
      Map<String, Tensor> tensors;
      try {
        tensors = TensorFile.read(file);
      } catch (IOException e) {
        LOG.warn("skipping unreadable checkpoint {}: {}", file, e.getMessage());
        continue;
      }
      Map<String, Tensor> trainer = strip(tensors, TRAINER);
      requireComplete(file, trainer);
      ParameterStore.copyInto("checkpoint " + file, strip(tensors, PARAM), params);
      try {
        optimizer.importState(new OptimizerState(strip(tensors, OPTIM)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage(), e);
      }
      return Optional.of(new Restored(file, state(trainer)));
    }
    return Optional.empty();
  }

  /** Returns whether the directory holds at least one checkpoint file. */
  boolean any() throws IOException {
    return !list().isEmpty();
  }

  /**
   * Refuses a checkpoint whose trainer state lacks an entry (another version's file, or one
   * assembled by hand), naming every missing entry, before anything is restored from it.
   */
  static void requireComplete(Path file, Map<String, Tensor> trainer) {
    List<String> missing = new ArrayList<>();
    for (String key : TRAINER_KEYS) {
      Tensor t = trainer.get(key);
      if (t == null || t.size() < 1) {
        missing.add(TRAINER + key);
      }
    }
    Tensor h = trainer.get("nfeHistory");
    if (missing.isEmpty() && h.size() != 1 + (int) h.get(0)) {
      missing.add(TRAINER + "nfeHistory (holds " + (h.size() - 1) + " of " + (int) h.get(0) + ")");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "checkpoint "
              + file
              + " is incomplete: it lacks "
              + String.join(", ", missing)
              + "; it was not written by this version of node4j's trainer. Delete it (and any"
              + " other checkpoint of the run) to train from the start");
    }
  }

  private static TrainerState state(Map<String, Tensor> t) {
    Tensor h = t.get("nfeHistory");
    long[] history = new long[(int) h.get(0)];
    for (int i = 0; i < history.length; i++) {
      history[i] = (long) h.get(i + 1);
    }
    return new TrainerState(
        (long) t.get("iteration").get(0),
        t.get("wallSeconds").get(0),
        t.get("stepSize").get(0),
        t.get("tolerance").get(0),
        history,
        (long) t.get("sumEvaluationsForward").get(0),
        (long) t.get("sumEvaluationsBackward").get(0),
        t.get("lastLoss").get(0),
        t.get("lastAccuracy").get(0));
  }

  private static Map<String, Tensor> strip(Map<String, Tensor> all, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  private static Tensor scalar(double v) {
    return Tensor.wrap(new double[] {v}, 1);
  }

  /** The checkpoint files, oldest first. */
  List<Path> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).forEach(files::add);
    }
    files.sort((a, b) -> Long.compare(iterationOf(a), iterationOf(b)));
    return files;
  }

  private static long iterationOf(Path p) {
    Matcher m = FILE.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private void prune() throws IOException {
    List<Path> files = list();
    for (int i = 0; i < files.size() - keep; i++) {
      Files.deleteIfExists(files.get(i));
    }
  }
}
