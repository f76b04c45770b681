package org.node4j.lab.grid;

/**
 * A kind of {@link GridEngine}, found with a {@link java.util.ServiceLoader} by the name given to
 * {@code --engine}: {@code local} is built in; {@code spark} comes with the node4j-spark module
 * when it is on the class path (the launcher adds it when asked for), so that the lab does not
 * depend on Spark.
 */
public interface GridEngineProvider {

  /** Returns the engine's name for {@code --engine}, e.g. {@code "spark"}. */
  String name();

  /**
   * Creates an engine.
   *
   * @param settings the engine settings from the command line
   * @throws IllegalArgumentException if the settings do not suit this engine (for example a
   *     malformed master URL), naming the problem and the fix
   */
  GridEngine create(EngineSettings settings);

  /**
   * The command-line settings an engine may use.
   *
   * @param master where to run: Spark's master URL ({@code local[N]}, {@code spark://host:port},
   *     {@code k8s://...}), or null for the engine's default
   * @param jobs how many cells run at once on this machine (the local engine), at least 1
   */
  record EngineSettings(String master, int jobs) {
    /** Checks the job count. */
    public EngineSettings {
      if (jobs < 1) {
        throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
      }
    }
  }
}
