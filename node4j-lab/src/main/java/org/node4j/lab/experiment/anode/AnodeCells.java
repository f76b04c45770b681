package org.node4j.lab.experiment.anode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.io.Json;

/**
 * The cells of {@code node4j experiment anode}: one per (field, scheme, seed) of the consistency
 * study, writing {@value #CONSISTENCY_FILE}, and one per (method, L, N_t) of the memory study,
 * writing {@value #MEMORY_FILE}, and one per (method, N_t, seed) of the training comparison ({@link
 * TrainingStudy}, which checkpoints and resumes). Done cells are skipped.
 */
public final class AnodeCells implements CellRunner {
  /** The experiment's name in every cell. */
  public static final String EXPERIMENT = "anode";

  /** The file of a consistency cell. */
  public static final String CONSISTENCY_FILE = "consistency.json";

  /** The file of a memory cell. */
  public static final String MEMORY_FILE = "memory.json";

  private static final ObjectMapper MAPPER = Json.newMapper();

  /**
   * A consistency cell's configuration.
   *
   * @param field the probe field's id
   * @param scheme the scheme's id
   * @param seed the seed
   * @param steps the N_t
   */
  public record ConsistencyCell(String field, String scheme, long seed, List<Integer> steps) {}

  /**
   * A memory cell's configuration.
   *
   * @param method the method's id
   * @param blocks L
   * @param steps N_t
   * @param measureHeap whether to measure the retained heap
   * @param measureRss whether to measure peak RSS in a child JVM
   */
  public record MemoryCell(
      String method, int blocks, int steps, boolean measureHeap, boolean measureRss) {}

  /**
   * A consistency cell's result.
   *
   * @param field the probe field's id
   * @param scheme the scheme's id
   * @param seed the seed
   * @param points one per N_t
   */
  public record ConsistencyResult(
      String field, String scheme, long seed, List<GradientConsistency.Point> points) {}

  /** Returns the consistency cells of {@code s}. */
  public static List<CellSpec> consistencyCells(AnodeSettings s) throws IOException {
    List<CellSpec> cells = new ArrayList<>();
    for (ProbeField f : ProbeField.values()) {
      for (Scheme sc : Scheme.values()) {
        for (long seed : s.seeds()) {
          ConsistencyCell c = new ConsistencyCell(f.id(), sc.id(), seed, s.steps());
          cells.add(
              new CellSpec(
                  EXPERIMENT,
                  "consistency-" + f.id() + "-" + sc.id() + "-seed-" + seed,
                  MAPPER.writeValueAsString(c)));
        }
      }
    }
    return cells;
  }

  /** Returns the training cells of {@code s} on {@code dataset} in {@code dataDir}. */
  public static List<CellSpec> trainingCells(AnodeSettings s, String dataset, Path dataDir)
      throws IOException {
    List<CellSpec> cells = new ArrayList<>();
    AnodeSettings.Training t = s.training();
    for (int n : t.steps()) {
      for (TrainingMethod m : TrainingMethod.values()) {
        for (long seed : t.seeds()) {
          TrainingStudy.Cell c =
              new TrainingStudy.Cell(
                  dataset,
                  dataDir.toAbsolutePath().toString(),
                  m.id(),
                  n,
                  t.iterations(),
                  t.logEvery(),
                  t.batch(),
                  t.trainSize(),
                  t.testSize(),
                  t.lr(),
                  seed);
          cells.add(
              new CellSpec(
                  EXPERIMENT,
                  "train-" + dataset + "-" + m.id() + "-N" + n + "-seed-" + seed,
                  MAPPER.writeValueAsString(c)));
        }
      }
    }
    return cells;
  }

  /** Returns the memory cells of {@code s}. */
  public static List<CellSpec> memoryCells(AnodeSettings s) throws IOException {
    List<CellSpec> cells = new ArrayList<>();
    for (MemoryMethod m : MemoryMethod.values()) {
      for (int l : s.memoryBlocks()) {
        for (int n : s.memorySteps()) {
          MemoryCell c = new MemoryCell(m.id(), l, n, s.measureHeap(), s.measuresRss(l, n));
          cells.add(
              new CellSpec(
                  EXPERIMENT,
                  "memory-" + m.id() + "-L" + l + "-N" + n,
                  MAPPER.writeValueAsString(c)));
        }
      }
    }
    return cells;
  }

  @Override
  public void run(CellSpec cell, Path runDir) throws IOException {
    if (cell.id().startsWith("consistency-")) {
      ConsistencyCell c = MAPPER.readValue(cell.config(), ConsistencyCell.class);
      List<GradientConsistency.Point> points =
          new GradientConsistency(ProbeField.byId(c.field()), Scheme.byId(c.scheme()), c.seed())
              .sweep(c.steps());
      Json.writeFile(
          runDir.resolve(CONSISTENCY_FILE),
          new ConsistencyResult(c.field(), c.scheme(), c.seed(), points));
    } else if (cell.id().startsWith("train-")) {
      TrainingStudy.run(MAPPER.readValue(cell.config(), TrainingStudy.Cell.class), runDir);
    } else {
      MemoryCell c = MAPPER.readValue(cell.config(), MemoryCell.class);
      Json.writeFile(
          runDir.resolve(MEMORY_FILE),
          MemoryStudy.measure(
              MemoryMethod.byId(c.method()),
              c.blocks(),
              c.steps(),
              c.measureHeap(),
              c.measureRss()));
    }
  }

  /** Reads a consistency cell's result. */
  public static ConsistencyResult readConsistency(Path runDir) throws IOException {
    return MAPPER.readValue(runDir.resolve(CONSISTENCY_FILE).toFile(), ConsistencyResult.class);
  }

  /** Reads a memory cell's result. */
  public static MemoryStudy.Point readMemory(Path runDir) throws IOException {
    return MAPPER.readValue(runDir.resolve(MEMORY_FILE).toFile(), MemoryStudy.Point.class);
  }
}
