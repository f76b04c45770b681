package org.node4j.lab.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with ETA on a console stream (stderr), showing the last loss and batch accuracy.
 * Create it only for a terminal ({@link #isTerminal()}), so logs and tests stay free of it. Close
 * it when training stops, also when interrupted.
 */
public final class ConsoleProgress implements TrainingListener, AutoCloseable {
  private final PrintStream out;
  private final String task;
  private ProgressBar bar;

  /**
   * Creates the listener; the bar appears when training starts.
   *
   * @param out the stream to draw on, normally {@code System.err}
   * @param task the label in front of the bar
   */
  public ConsoleProgress(PrintStream out, String task) {
    this.out = out;
    this.task = task;
  }

  /** Returns whether the JVM runs attached to a terminal (no bar in pipes, files and tests). */
  public static boolean isTerminal() {
    return System.console() != null;
  }

  @Override
  public void onStart(long completedIterations, long totalIterations) {
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(totalIterations)
            .startsFrom(completedIterations, Duration.ZERO)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .setUpdateIntervalMillis(250)
            .build();
  }

  @Override
  public void onIteration(IterationRecord r) {
    if (bar != null) {
      bar.stepTo(r.iteration());
      bar.setExtraMessage(
          String.format(Locale.ROOT, " loss %.4f acc %.3f", r.loss(), r.trainAccuracy()));
    }
  }

  @Override
  public void onFinish(TrainingSummary summary) {
    close();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
