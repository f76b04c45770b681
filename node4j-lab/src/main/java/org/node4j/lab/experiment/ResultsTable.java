package org.node4j.lab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The rows of {@code results.csv} and the means over seeds the plots and the report need. */
public final class ResultsTable {
  private final List<ResultRow> rows;

  /** Copies {@code rows}. */
  public ResultsTable(List<ResultRow> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Returns every row. */
  public List<ResultRow> rows() {
    return rows;
  }

  /** Returns the CSV text: header and one line per row (written by Commons CSV). */
  public String csv() {
    return csv(ResultRow.HEADER, rows.stream().map(ResultRow::fields).toList());
  }

  /**
   * Reads the text {@link #csv} writes.
   *
   * @param csv the CSV text
   * @param source names the text in messages
   * @throws IOException when the header or a row does not match {@code results.csv}'s columns
   */
  public static ResultsTable parse(String csv, String source) throws IOException {
    List<ResultRow> rows = new ArrayList<>();
    parse(csv, ResultRow.HEADER, source, "a results file", c -> rows.add(ResultRow.of(c)));
    return new ResultsTable(rows);
  }

  /** Returns {@code header} and one line per row in RFC 4180 fields with LF line ends. */
  static String csv(String header, List<String[]> rows) {
    StringBuilder sb = new StringBuilder();
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader(header.split(",")).setRecordSeparator('\n').get();
    try (CSVPrinter p = new CSVPrinter(sb, format)) {
      for (String[] r : rows) {
        p.printRecord((Object[]) r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /**
   * Reads CSV text that {@link #csv(String, List)} wrote with {@code header}, row by row.
   *
   * @param what what the file is, for the message on a wrong header
   * @param row reads one row's fields; an {@link IllegalArgumentException} names the bad field
   * @throws IOException on a wrong header or a bad row, naming {@code source} and the line
   */
  static void parse(String csv, String header, String source, String what, Consumer<String[]> row)
      throws IOException {
    if (!csv.startsWith(header + "\n")) {
      throw new IOException(source + " is not " + what + ": its header is not " + header);
    }
    CSVFormat in =
        CSVFormat.RFC4180.builder().setHeader(header.split(",")).setSkipHeaderRecord(true).get();
    try (CSVParser p = CSVParser.parse(csv, in)) {
      for (CSVRecord r : p) {
        try {
          row.accept(r.values());
        } catch (IllegalArgumentException e) {
          throw new IOException(
              source + ", line " + r.getRecordNumber() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** Returns the K_train values, ascending. */
  public List<Integer> trainSteps() {
    TreeSet<Integer> ks = new TreeSet<>();
    rows.forEach(r -> ks.add(r.trainSteps()));
    return new ArrayList<>(ks);
  }

  /** Returns the K_test values, ascending. */
  public List<Integer> testSteps() {
    TreeSet<Integer> ks = new TreeSet<>();
    rows.forEach(r -> ks.add(r.testSteps()));
    return new ArrayList<>(ks);
  }

  /** Returns the test solvers in first-seen order. */
  public List<String> testSolvers() {
    List<String> names = new ArrayList<>();
    for (ResultRow r : rows) {
      if (!names.contains(r.testSolver())) {
        names.add(r.testSolver());
      }
    }
    return names;
  }

  /** Returns the mean accuracy over seeds of one cell, or empty when it was not run. */
  public OptionalDouble mean(int trainSteps, String solver, int testSteps) {
    return rows.stream()
        .filter(
            r ->
                r.trainSteps() == trainSteps
                    && r.testSolver().equals(solver)
                    && r.testSteps() == testSteps)
        .mapToDouble(ResultRow::accuracy)
        .average();
  }

  /** Returns the standard deviation over seeds of one cell (0 for a single seed). */
  public double std(int trainSteps, String solver, int testSteps) {
    double[] a =
        rows.stream()
            .filter(
                r ->
                    r.trainSteps() == trainSteps
                        && r.testSolver().equals(solver)
                        && r.testSteps() == testSteps)
            .mapToDouble(ResultRow::accuracy)
            .toArray();
    return Stats.std(a);
  }

  /** Returns the mean over seeds of the accuracy with the training solver (Euler at K_train). */
  public double meanTrainAccuracy(int trainSteps) {
    return trainAccuracies(trainSteps).stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }

  /** Returns the standard deviation over seeds of the accuracy with the training solver. */
  public double trainSpread(int trainSteps) {
    return Stats.std(
        trainAccuracies(trainSteps).stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Returns the number of seeds trained with {@code trainSteps}. */
  public int seeds(int trainSteps) {
    return trainAccuracies(trainSteps).size();
  }

  private List<Double> trainAccuracies(int trainSteps) {
    java.util.Map<Long, Double> bySeed = new java.util.TreeMap<>();
    for (ResultRow r : rows) {
      if (r.trainSteps() == trainSteps) {
        bySeed.putIfAbsent(r.seed(), r.trainAccuracy());
      }
    }
    return new ArrayList<>(bySeed.values());
  }
}
