package org.node4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridProgress;

/**
 * Runs a grid on Spark: one partition, hence one task, per cell. Task retries come from Spark
 * ({@code spark.task.maxFailures}; for {@code local[N]} masters the failure count is added as
 * {@code local[N,F]}, since plain local mode never retries), and a retried cell resumes from the
 * checkpoints its failed attempt left in its run directory. The run directories live under a root
 * every executor can reach (a shared file system path); the runner argument is ignored because
 * executors find each experiment's runner on their own class path ({@link
 * org.node4j.lab.grid.CellRunners}).
 *
 * <p>On a cluster, executors get the launcher's JVM flags through {@code
 * spark.executor.extraJavaOptions} (the Vector API module and the module openings Spark needs).
 */
public final class SparkEngine implements GridEngine {
  /** Attempts per task, as Spark's default {@code spark.task.maxFailures}. */
  static final int MAX_FAILURES = 4;

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)])?");
  private static final Pattern KNOWN =
      Pattern.compile(
          "local(\\[(\\*|\\d+)(,\\d+)?])?|local-cluster\\[.+]|(spark|k8s|yarn|mesos)(://.+)?");

  /** The flags every node4j JVM runs with (see the launcher), for executors. */
  static final String EXECUTOR_FLAGS =
      "--add-modules jdk.incubator.vector -XX:+UseParallelGC -Xss4m -Djava.awt.headless=true"
          + " -Dfile.encoding=UTF-8";

  private final String master;

  /**
   * Creates an engine for {@code master}.
   *
   * @throws IllegalArgumentException if the master URL has no form Spark accepts, listing them
   */
  public SparkEngine(String master) {
    if (master == null || !KNOWN.matcher(master).matches()) {
      throw new IllegalArgumentException(
          "bad Spark master URL '"
              + master
              + "'; use local[N] (embedded, N threads), spark://HOST:PORT (standalone cluster),"
              + " k8s://https://HOST:PORT (Kubernetes) or yarn");
    }
    this.master = withRetries(master);
  }

  /** Returns the master URL given to Spark, with local retries made explicit. */
  String master() {
    return master;
  }

  private static String withRetries(String m) {
    var mt = LOCAL.matcher(m);
    if (!mt.matches()) {
      return m;
    }
    String threads = mt.group(2) == null ? "1" : mt.group(2);
    return "local[" + threads + "," + MAX_FAILURES + "]";
  }

  @Override
  public List<CellFailure> run(
      List<CellSpec> cells, Path root, CellRunner ignored, GridProgress progress)
      throws IOException {
    Set<String> ids = new HashSet<>();
    for (CellSpec c : cells) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("two cells of the grid share the id '" + c.id() + "'");
      }
    }
    Files.createDirectories(root);
    List<CellSpec> todo = new ArrayList<>();
    for (CellSpec c : cells) {
      if (org.node4j.lab.grid.RunMarker.isDone(c, root.resolve(c.id()))) {
        progress.skipped(c);
      } else {
        todo.add(c);
      }
    }
    return todo.isEmpty() ? List.of() : submit(todo, root, progress);
  }

  private List<CellFailure> submit(List<CellSpec> cells, Path root, GridProgress progress)
      throws IOException {
    List<String> encoded = new ArrayList<>();
    for (CellSpec c : cells) {
      encoded.add(CellTask.encode(c));
    }
    checkReachable(master);
    SparkConf conf =
        new SparkConf()
            .setMaster(master)
            .setAppName("node4j " + cells.get(0).experiment())
            .set("spark.task.maxFailures", Integer.toString(MAX_FAILURES))
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.executor.extraJavaOptions", EXECUTOR_FLAGS)
            .set("spark.driver.extraJavaOptions", EXECUTOR_FLAGS);
    Map<Long, Integer> taskCell = new ConcurrentHashMap<>();
    List<CellFailure> failures = new ArrayList<>();
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("ERROR");
      sc.sc().addSparkListener(new Progress(cells, root, progress, taskCell));
      CellTask task = new CellTask(root.toAbsolutePath().toString(), MAX_FAILURES);
      List<String> outcomes = sc.parallelize(encoded, encoded.size()).map(task::run).collect();
      for (int i = 0; i < cells.size(); i++) {
        String o = outcomes.get(i);
        if (o.equals("skipped")) {
          progress.skipped(cells.get(i));
        } else if (o.startsWith(CellTask.FAILED)) {
          String message = o.substring(CellTask.FAILED.length());
          progress.failed(cells.get(i), message);
          failures.add(new CellFailure(cells.get(i), message));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("Spark failed at master '" + master + "': " + rootMessage(e), e);
    }
    return failures;
  }

  /**
   * Fails fast, with the master's address in the message, when a standalone master does not accept
   * connections: Spark itself would retry for a minute and then report "All masters are
   * unresponsive".
   */
  static void checkReachable(String master) throws IOException {
    if (!master.startsWith("spark://")) {
      return;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(host, port), 5000);
        return;
      } catch (IOException e) {
        if (!hostPort.equals(
            master.substring(master.lastIndexOf(',') + 1).replace("spark://", ""))) {
          continue;
        }
        throw new IOException(
            "cannot reach the Spark master at "
                + master
                + " ("
                + e.getMessage()
                + "); start it (sbin/start-master.sh) or check --master",
            e);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return t == e ? m : m + " (cause: " + t + ")";
  }

  /** Turns Spark's task events into per-cell progress; partition i is cell i. */
  private static final class Progress extends SparkListener {
    private final List<CellSpec> cells;
    private final Path root;
    private final GridProgress progress;
    private final Map<Long, Integer> taskCell;
    private final Map<Long, Long> started = new ConcurrentHashMap<>();

    Progress(List<CellSpec> cells, Path root, GridProgress progress, Map<Long, Integer> taskCell) {
      this.cells = cells;
      this.root = root;
      this.progress = progress;
      this.taskCell = taskCell;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
      int cell = e.taskInfo().index();
      taskCell.put(e.taskInfo().taskId(), cell);
      started.put(e.taskInfo().taskId(), System.nanoTime());
      progress.started(cells.get(cell));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      Integer cell = taskCell.get(e.taskInfo().taskId());
      if (cell == null) {
        return;
      }
      CellSpec c = cells.get(cell);
      if (e.taskInfo().successful()) {
        if (!Files.exists(root.resolve(c.id()).resolve(org.node4j.lab.grid.RunMarker.FILE))) {
          return; // the last attempt failed and said so in its outcome, reported after collect
        }
        Long t0 = started.get(e.taskInfo().taskId());
        progress.done(cells.get(cell), t0 == null ? 0 : (System.nanoTime() - t0) * 1e-9);
      } else {
        // The last attempt never throws (CellTask reports its failure as an outcome), so a
        // failed task is one Spark runs again.
        progress.retrying(cells.get(cell), e.reason().toString());
      }
    }
  }
}
