package org.node4j.lab.experiment.sander;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.io.Json;
import org.node4j.nn.model.ResidualNetwork;

/**
 * The typed configurations of the experiment's cells, one record per part, serialised as the JSON
 * of a {@link CellSpec} (with a {@code part} field naming the record) and read back from a run
 * directory's done marker when the report is built.
 */
final class Cells {
  /** The experiment's command name, stored in every cell. */
  static final String EXPERIMENT = "resnet-to-ode";

  private static final ObjectMapper MAPPER = Json.newMapper();

  private Cells() {}

  /** One cell's configuration. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "part")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Distance.class, name = "distance"),
    @JsonSubTypes.Type(value = Gradient.class, name = "gradient"),
    @JsonSubTypes.Type(value = Trained.class, name = "trained"),
    @JsonSubTypes.Type(value = Memory.class, name = "memory"),
    @JsonSubTypes.Type(value = Linear.class, name = "linear"),
    @JsonSubTypes.Type(value = Sweep.class, name = "sweep")
  })
  sealed interface Cell permits Distance, Gradient, Trained, Memory, Linear, Sweep {
    /** A file-name-safe id, unique in the grid. */
    String id();
  }

  /**
   * Part 1: ResNet against its ODE at one depth.
   *
   * @param substeps RK4 steps per layer interval of the ODE solve
   */
  record Distance(
      WeightKind kind, int depth, int seed, int width, int hidden, int batch, int substeps)
      implements Cell {
    @Override
    public String id() {
      return "distance-" + kind.id() + "-n" + depth + "-s" + seed;
    }
  }

  /** Part 2: memory-free against exact gradients at one depth. */
  record Gradient(
      ResidualNetwork.Scheme scheme,
      WeightKind kind,
      int depth,
      int seed,
      int width,
      int hidden,
      int batch)
      implements Cell {
    @Override
    public String id() {
      return "gradient-" + schemeId(scheme) + "-" + kind.id() + "-n" + depth + "-s" + seed;
    }
  }

  /**
   * Part 2, trained-network probe: train at {@code trainDepth}, then compare gradients per tensor
   * at every depth of {@code depths}.
   *
   * @param samples the synthetic regression set's size
   * @param rate c in the depth-scaled gradient-descent rate c N
   */
  record Trained(
      ResidualNetwork.Scheme scheme,
      int trainDepth,
      List<Integer> depths,
      int iterations,
      double rate,
      int seed,
      int width,
      int hidden,
      int samples)
      implements Cell {
    @Override
    public String id() {
      return "trained-" + schemeId(scheme) + "-n" + trainDepth + "-s" + seed;
    }
  }

  /**
   * Part 3: the memory of one gradient method at one depth of the tied probe MLP.
   *
   * @param childProcess whether peak RSS is measured in a child JVM (else only bytes held)
   */
  record Memory(
      MemoryMethod method, int depth, int width, int hidden, int batch, boolean childProcess)
      implements Cell {
    @Override
    public String id() {
      return "memory-" + method.id() + "-n" + depth;
    }
  }

  /**
   * Part 4: the linear ResNet trained by gradient descent at depth N.
   *
   * @param rateScale c in the depth-scaled rate c N
   * @param checkpointEvery iterations between checkpoints
   */
  record Linear(
      int depth,
      int seed,
      double rateScale,
      int maxIterations,
      double tolerance,
      int checkpointEvery)
      implements Cell {
    @Override
    public String id() {
      return "linear-n" + depth + "-s" + seed;
    }
  }

  /**
   * Part 5: the tiny ResNet trained at one depth with one scheme and gradient method.
   *
   * @param gradient {@link MemoryMethod#BACKPROP} or {@link MemoryMethod#MEMORY_FREE}
   * @param trainSamples the first samples of the training set used
   * @param testSamples the first samples of the test set used
   * @param rate the initial SGD rate
   * @param milestones the epochs at which the rate is divided by 10
   */
  record Sweep(
      ResidualNetwork.Scheme scheme,
      MemoryMethod gradient,
      int depth,
      int seed,
      int trainSamples,
      int testSamples,
      int batch,
      int epochs,
      double rate,
      double momentum,
      double weightDecay,
      List<Integer> milestones)
      implements Cell {
    @Override
    public String id() {
      return "sweep-" + schemeId(scheme) + "-" + gradient.id() + "-n" + depth + "-s" + seed;
    }
  }

  static String schemeId(ResidualNetwork.Scheme s) {
    return s == ResidualNetwork.Scheme.EULER ? "resnet" : "heunnet";
  }

  /** The grid cell of {@code c}. */
  static CellSpec spec(Cell c) {
    try {
      return new CellSpec(EXPERIMENT, c.id(), MAPPER.writerFor(Cell.class).writeValueAsString(c));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise cell " + c.id(), e);
    }
  }

  /** Reads a cell back from its JSON. */
  static Cell parse(String json) {
    try {
      return MAPPER.readValue(json, Cell.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a " + EXPERIMENT + " cell configuration: " + e.getOriginalMessage(), e);
    }
  }
}
