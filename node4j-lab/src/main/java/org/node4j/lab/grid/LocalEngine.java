package org.node4j.lab.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a grid's cells on this JVM, {@code parallelism} at a time, in the grid's order. With one at
 * a time the cells run on the calling thread.
 */
public final class LocalEngine implements GridEngine {
  private final int parallelism;

  /**
   * Creates an engine.
   *
   * @param parallelism how many cells run at once, at least 1
   */
  public LocalEngine(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  @Override
  public List<CellFailure> run(
      List<CellSpec> cells, Path root, CellRunner runner, GridProgress progress)
      throws IOException {
    checkUnique(cells);
    Files.createDirectories(root);
    List<CellFailure> failures = new ArrayList<>();
    if (parallelism == 1) {
      for (CellSpec cell : cells) {
        CellFailure f = runOne(cell, root, runner, progress);
        if (f != null) {
          failures.add(f);
        }
      }
      return failures;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<CellFailure>> futures = new ArrayList<>();
      for (CellSpec cell : cells) {
        futures.add(pool.submit(() -> runOne(cell, root, runner, progress)));
      }
      for (Future<CellFailure> f : futures) {
        CellFailure failure = f.get();
        if (failure != null) {
          failures.add(failure);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running the grid", e);
    } catch (ExecutionException e) {
      throw new IOException("grid engine failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return failures;
  }

  /** Runs one cell; returns its failure, or null when it is done. */
  static CellFailure runOne(CellSpec cell, Path root, CellRunner runner, GridProgress progress) {
    Path dir = root.resolve(cell.id());
    try {
      if (RunMarker.isDone(cell, dir)) {
        progress.skipped(cell);
        return null;
      }
      Files.createDirectories(dir);
      progress.started(cell);
      long start = System.nanoTime();
      runner.run(cell, dir);
      RunMarker.markDone(cell, dir);
      progress.done(cell, (System.nanoTime() - start) * 1e-9);
      return null;
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      progress.failed(cell, message);
      return new CellFailure(cell, message);
    }
  }

  private static void checkUnique(List<CellSpec> cells) {
    Set<String> seen = new HashSet<>();
    for (CellSpec c : cells) {
      if (!seen.add(c.id())) {
        throw new IllegalArgumentException("two cells of the grid share the id '" + c.id() + "'");
      }
    }
  }
}
