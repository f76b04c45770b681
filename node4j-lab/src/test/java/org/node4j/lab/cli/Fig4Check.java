package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.node4j.lab.train.TestGrid;
import org.node4j.ode.solver.Solvers;

/**
 * Checks a report's Fig. 4 section against its own {@code fig4.csv}, recomputing everything here
 * from the rows (independently of the experiment's code): every training run is tested with the
 * paper's test solvers at the default factors (K_test = round(factor x K_train), tol_test = factor
 * x tol_train), each test has one row per seed, each accuracy cell is the mean +- sd of its rows,
 * and each configuration named stable, collapsed or solver-dependent is so by the rows.
 */
final class Fig4Check {
  private Fig4Check() {}

  static void check(Path out, double chance, int seeds) throws IOException {
    List<String> csv = Files.readAllLines(out.resolve("fig4.csv"));
    assertThat(csv.get(0)).startsWith("seed,train_solver,train_steps,train_tolerance");
    Map<String, List<String[]>> byTest = new LinkedHashMap<>();
    Map<String, Map<String, Double>> own = new TreeMap<>();
    for (String line : csv.subList(1, csv.size())) {
      String[] c = line.split(",", -1);
      String training = training(c);
      byTest.computeIfAbsent(training + "|" + c[7] + "|" + c[8], x -> new ArrayList<>()).add(c);
      own.computeIfAbsent(training, x -> new TreeMap<>()).put(c[0], Double.parseDouble(c[5]));
      double factor = Double.parseDouble(c[8]);
      if (!c[2].isEmpty()) {
        assertThat(Long.parseLong(c[9]))
            .isEqualTo(Math.max(1, Math.round(factor * Long.parseLong(c[2]))));
        assertThat(TestGrid.STEP_FACTORS).contains(factor);
      } else {
        assertThat(Double.parseDouble(c[10]))
            .isCloseTo(factor * Double.parseDouble(c[3]), within(1e-12));
        assertThat(TestGrid.TOLERANCE_FACTORS).contains(factor);
      }
      List<String> tests =
          TestGrid.defaultSolvers(Solvers.byName(c[1])).stream().map(s -> s.name()).toList();
      assertThat(tests).as(line).contains(c[7]);
    }
    assertThat(own.keySet())
        .contains(
            "rk4-38, K_train 2",
            "fehlberg2, tolerance adaptation",
            "dopri5, tolerance adaptation",
            "fehlberg2, tol 1e-2",
            "dopri5, tol 1e-2");
    assertThat(byTest).allSatisfy((k, rows) -> assertThat(rows).as(k).hasSize(seeds));
    assertThat(byTest.keySet())
        .contains("fehlberg2, tol 1e-2|dopri5|0.1", "rk4-38, K_train 2|rk4-38|2.0");

    String md = Files.readString(out.resolve("report.md"));
    int start = md.indexOf("## Fig. 4");
    String section = md.substring(start, md.indexOf("\n## ", start + 5));
    int cells = 0;
    for (String line : section.split("\n")) {
      String[] c = line.split(" \\| ");
      String training = c[0].length() > 2 ? c[0].substring(2) : "";
      List<Double> factors =
          c.length == 7 ? TestGrid.STEP_FACTORS : c.length == 5 ? TestGrid.TOLERANCE_FACTORS : null;
      if (factors == null || !own.containsKey(training)) {
        continue;
      }
      for (int j = 0; j < factors.size(); j++) {
        List<String[]> rows = byTest.get(training + "|" + c[1] + "|" + factors.get(j));
        String shown = c[2 + j].replace("|", "").trim();
        if (rows == null) {
          assertThat(shown).as(line).isEmpty();
          continue;
        }
        assertThat(shown)
            .as(line)
            .isEqualTo(meanSpread(rows.stream().map(r -> Double.parseDouble(r[11])).toList()));
        cells++;
      }
    }
    assertThat(cells).as(section).isEqualTo(byTest.size());

    int named = 0;
    for (String kind :
        List.of("**Stable**", "**Collapse**", "**Solver-dependent**", "**Not trained**")) {
      if (!section.contains(kind)) {
        continue;
      }
      for (String training : own.keySet()) {
        if (!namedIn(section, kind, training)) {
          continue;
        }
        named++;
        double o = own.get(training).values().stream().mapToDouble(d -> d).average().orElseThrow();
        double w = worstFiner(byTest, training);
        boolean trained = o >= chance + 0.5 * (1 - chance);
        switch (kind) {
          case "**Stable**" -> {
            assertThat(trained).as(training).isTrue();
            assertThat(o - w).as(training).isLessThanOrEqualTo(0.05 + 1e-9);
          }
          case "**Collapse**" -> {
            assertThat(trained).as(training).isTrue();
            assertThat(w).as(training).isLessThanOrEqualTo(chance + 0.1);
          }
          case "**Solver-dependent**" -> {
            assertThat(trained).as(training).isTrue();
            assertThat(o - w).as(training).isGreaterThan(0.05);
            assertThat(w).as(training).isGreaterThan(chance + 0.1);
          }
          default -> assertThat(trained).as(training).isFalse();
        }
      }
    }
    assertThat(named)
        .as("each configuration is named in one verdict sentence")
        .isEqualTo(own.size());
  }

  /** Whether {@code training} is listed in the clause of {@code kind} in {@code sentence}. */
  private static boolean namedIn(String sentence, String kind, String training) {
    int from = sentence.indexOf(kind);
    int colon = sentence.indexOf("): ", from);
    int end = sentence.indexOf("**", colon);
    int line = sentence.indexOf('\n', colon);
    end = end < 0 || (line >= 0 && line < end) ? line : end;
    String list = sentence.substring(colon + 3, end < 0 ? sentence.length() : end);
    for (String item : list.split("; ")) {
      if (item.replaceAll("\\.\\s*$", "").trim().equals(training)) {
        return true;
      }
    }
    return false;
  }

  private static double worstFiner(Map<String, List<String[]>> byTest, String training) {
    double worst = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, List<String[]>> e : byTest.entrySet()) {
      String[] k = e.getKey().split("\\|");
      double f = Double.parseDouble(k[2]);
      boolean fixed = !e.getValue().get(0)[2].isEmpty();
      if (k[0].equals(training) && (fixed ? f >= 1 : f <= 1)) {
        worst =
            Math.min(
                worst,
                e.getValue().stream()
                    .mapToDouble(r -> Double.parseDouble(r[11]))
                    .average()
                    .orElseThrow());
      }
    }
    return worst;
  }

  private static String training(String[] c) {
    if (!c[2].isEmpty()) {
      return c[1] + ", K_train " + c[2];
    }
    if (Boolean.parseBoolean(c[4])) {
      return c[1] + ", tolerance adaptation";
    }
    return c[1] + ", tol 1e" + Math.round(Math.log10(Double.parseDouble(c[3])));
  }

  private static String meanSpread(List<Double> a) {
    double m = a.stream().mapToDouble(d -> d).average().orElseThrow();
    if (a.size() == 1) {
      return String.format(Locale.ROOT, "%.3f", m);
    }
    double v = a.stream().mapToDouble(d -> (d - m) * (d - m)).sum() / (a.size() - 1);
    return String.format(Locale.ROOT, "%.3f +- %.3f", m, Math.sqrt(v));
  }
}
