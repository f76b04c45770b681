package org.node4j.lab.experiment.marion;

import java.util.List;
import java.util.Objects;

/**
 * The configuration of one grid cell that trains a {@link PerceptronSpec} and records, at every
 * iteration t = 0..T, the loss and max_k ‖Z_{k+1}(t) − Z_k(t)‖_F.
 *
 * @param part which part of the report the cell belongs to
 * @param spec the run
 * @param snapshots iterations at which the weights are saved (for the distance to a reference
 *     depth, Fig. 1-right)
 * @param layerStride every how many layers a snapshot keeps (a reference depth keeps only the
 *     layers the shallower runs are compared with)
 * @param entryEvery every how many iterations one entry of W_k and of V_k is recorded against k
 *     (Fig. 2); 0 for never
 * @param checkpointEvery every how many iterations the run saves a checkpoint to resume from
 */
public record PerceptronCell(
    Part part,
    PerceptronSpec spec,
    List<Integer> snapshots,
    int layerStride,
    int entryEvery,
    int checkpointEvery)
    implements MarionCell {

  /** The parts of the experiment that train perceptrons. */
  public enum Part {
    /** Fig. 1: depths at a fixed training time. */
    LARGE_DEPTH,
    /** Fig. 1-right: the deep reference run. */
    REFERENCE,
    /** Fig. 2: one long run. */
    LONG_TIME,
    /** The long-time run at several depths, rate proportional to L. */
    DEPTH_AGREEMENT,
    /** σ × initialisation. */
    ACTIVATION_INIT
  }

  /** Checks the settings against the spec. */
  public PerceptronCell {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(spec, "spec");
    snapshots = List.copyOf(snapshots);
    for (int t : snapshots) {
      if (t < 0 || t > spec.iterations()) {
        throw new IllegalArgumentException(
            "snapshot " + t + " outside 0.." + spec.iterations() + " iterations");
      }
    }
    if (layerStride < 1 || spec.depth() % layerStride != 0) {
      throw new IllegalArgumentException(
          "layer stride " + layerStride + " must be >= 1 and divide depth " + spec.depth());
    }
    if (entryEvery < 0 || checkpointEvery < 1) {
      throw new IllegalArgumentException(
          "need entryEvery >= 0 and checkpointEvery >= 1, got "
              + entryEvery
              + ", "
              + checkpointEvery);
    }
  }

  @Override
  public String id() {
    return part.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + "-"
        + spec.sigma().id()
        + "-"
        + spec.init().id()
        + (spec.init() == WeightInit.GP ? "-l" + spec.lengthScale() : "")
        + "-L"
        + spec.depth()
        + "-T"
        + spec.iterations()
        + "-seed"
        + spec.seed();
  }
}
