package org.node4j.lab.experiment.anodev2;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.node4j.lab.experiment.anode.AnodeSettings;
import org.node4j.lab.experiment.anode.TrainingStudy;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.io.Json;

/**
 * The cells of {@code node4j experiment anodev2}: one per (model, seed), each a {@link
 * TrainingStudy} run (checkpointed and resumed) of the network the {@link Anodev2Model} names.
 */
public final class Anodev2Cells implements CellRunner {
  /** The experiment's name in every cell. */
  public static final String EXPERIMENT = "anodev2";

  private static final ObjectMapper MAPPER = Json.newMapper();

  /**
   * A cell's configuration.
   *
   * @param model the model's id
   * @param lambda the decay rate of the gain-drift q
   * @param training the training run (its method and N_t are the model's)
   */
  public record Cell(String model, double lambda, TrainingStudy.Cell training) {}

  /** Returns the cells of {@code s} on {@code dataset} in {@code dataDir}. */
  public static List<CellSpec> cells(Anodev2Settings s, String dataset, Path dataDir)
      throws IOException {
    List<CellSpec> cells = new ArrayList<>();
    AnodeSettings.Training t = s.training();
    for (Anodev2Model m : Anodev2Model.values()) {
      for (long seed : t.seeds()) {
        TrainingStudy.Cell c =
            new TrainingStudy.Cell(
                dataset,
                dataDir.toAbsolutePath().toString(),
                m.method().id(),
                m.steps(s.steps()),
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
                "train-" + dataset + "-" + m.id() + "-seed-" + seed,
                MAPPER.writeValueAsString(new Cell(m.id(), s.lambda(), c))));
      }
    }
    return cells;
  }

  /** Reads a cell's configuration. */
  public static Cell read(CellSpec cell) throws IOException {
    return MAPPER.readValue(cell.config(), Cell.class);
  }

  @Override
  public void run(CellSpec cell, Path runDir) throws IOException {
    Cell c = read(cell);
    TrainingStudy.run(c.training(), runDir, Anodev2Model.byId(c.model()).variant(c.lambda()));
  }
}
