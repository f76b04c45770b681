package org.node4j.lab.train;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.node4j.nn.io.AtomicFiles;

/**
 * An append-only CSV file whose first column is the 1-based iteration, for metrics that must
 * survive a crash without duplicates: on opening, every row after {@code keepThrough} (rows of the
 * interrupted run past its last checkpoint) and any malformed or partial row is dropped, by an
 * atomic rewrite. Rows are buffered; {@link #flush} pushes them to the OS and {@link #sync} to disk
 * (the trainer syncs before every checkpoint, so a checkpoint never refers to rows that are lost).
 */
final class CsvLog implements Closeable {
  private final FileChannel channel;
  private final BufferedWriter writer;
  private final int columns;

  private CsvLog(FileChannel channel, int columns) {
    this.channel = channel;
    this.writer =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    this.columns = columns;
  }

  /**
   * Opens {@code file} for appending after keeping only the header and the well-formed rows with
   * iteration at most {@code keepThrough}.
   */
  static CsvLog open(Path file, String header, long keepThrough) throws IOException {
    int columns = header.split(",", -1).length;
    List<String> kept = new ArrayList<>();
    kept.add(header);
    if (Files.exists(file) && keepThrough > 0) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        if (wellFormed(lines.get(i), columns, keepThrough)) {
          kept.add(lines.get(i));
        }
      }
    }
    AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new CsvLog(channel, columns);
  }

  private static boolean wellFormed(String line, int columns, long keepThrough) {
    String[] cells = line.split(",", -1);
    if (cells.length != columns) {
      return false;
    }
    try {
      long iteration = Long.parseLong(cells[0]);
      return iteration >= 1 && iteration <= keepThrough;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Appends one row; the cells must not contain commas or newlines. */
  void append(String row) throws IOException {
    writer.write(row);
    writer.write('\n');
  }

  /** Hands the buffered rows to the operating system (they survive a killed JVM). */
  void flush() throws IOException {
    writer.flush();
  }

  /** Flushes and forces the rows to disk (they survive a power cut). */
  void sync() throws IOException {
    writer.flush();
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
