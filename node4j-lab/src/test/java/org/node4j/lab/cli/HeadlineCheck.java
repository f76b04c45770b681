package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a report's headline against its own {@code results.csv}, recomputing every verdict here
 * from the rows (independently of the experiment's code): each K_train said to collapse has a finer
 * test within 0.1 of chance, each said to be stable loses at most 0.05 under every finer test, and
 * the critical range named is the one the rows give.
 */
final class HeadlineCheck {
  private static final Pattern KS = Pattern.compile("K_train = ([0-9]+(?:(?:, | and )[0-9]+)*)");

  private HeadlineCheck() {}

  /** The recomputed verdict of one K_train (one seed or the mean over seeds). */
  record Verdict(double own, double worst) {}

  static void check(Path out, double chance) throws IOException {
    Map<Integer, Verdict> v = verdicts(Files.readAllLines(out.resolve("results.csv")));
    String md = Files.readString(out.resolve("report.md"));
    int start = md.indexOf("## Headline");
    String headline = md.substring(start, md.indexOf("\n## ", start + 5));
    List<String> sentences = List.of(headline.split("(?<=\\.) (?=[A-Z])"));
    int claims = 0;
    for (String sentence : sentences) {
      for (int k : ks(sentence)) {
        Verdict x = v.get(k);
        assertThat(x).as("K_train %d named in: %s", k, sentence).isNotNull();
        if (sentence.contains("**collapse**")) {
          assertThat(x.worst()).as(sentence).isLessThanOrEqualTo(chance + 0.1);
          assertThat(x.own()).as(sentence).isGreaterThan(chance + 0.5 * (1 - chance));
          claims++;
        } else if (sentence.contains("**stable**")) {
          assertThat(x.own() - x.worst()).as(sentence).isLessThanOrEqualTo(0.05 + 1e-9);
          claims++;
        } else if (sentence.contains("did not train")) {
          assertThat(x.own()).as(sentence).isLessThan(chance + 0.5 * (1 - chance));
          claims++;
        }
      }
    }
    assertThat(claims).as("the headline makes claims: " + headline).isPositive();
    List<Integer> ks = new ArrayList<>(v.keySet());
    int tail = ks.size();
    while (tail > 0 && stable(v.get(ks.get(tail - 1)), chance)) {
      tail--;
    }
    if (tail == ks.size()) {
      assertThat(headline).contains("above " + ks.get(ks.size() - 1) + " Euler steps");
    } else if (tail == 0) {
      assertThat(headline).contains("at most " + ks.get(0) + " Euler steps");
    } else {
      assertThat(headline).contains("between " + ks.get(tail - 1) + " and " + ks.get(tail));
    }
  }

  private static boolean stable(Verdict x, double chance) {
    return x.own() >= chance + 0.5 * (1 - chance) && x.own() - x.worst() <= 0.05;
  }

  private static List<Integer> ks(String sentence) {
    List<Integer> out = new ArrayList<>();
    Matcher m = KS.matcher(sentence);
    while (m.find()) {
      for (String k : m.group(1).split(", | and ")) {
        out.add(Integer.parseInt(k));
      }
    }
    return out;
  }

  /** Own-solver and worst finer-test accuracy per K_train, means over seeds, from the CSV. */
  static Map<Integer, Verdict> verdicts(List<String> csv) {
    Map<Integer, Map<String, List<Double>>> cells = new TreeMap<>();
    Map<Integer, Map<Long, Double>> own = new TreeMap<>();
    for (String line : csv.subList(1, csv.size())) {
      String[] c = line.split(",");
      int k = Integer.parseInt(c[2]);
      own.computeIfAbsent(k, x -> new TreeMap<>())
          .put(Long.parseLong(c[0]), Double.parseDouble(c[3]));
      if (Integer.parseInt(c[5]) >= k) {
        cells
            .computeIfAbsent(k, x -> new TreeMap<>())
            .computeIfAbsent(c[4] + "@" + c[5], x -> new ArrayList<>())
            .add(Double.parseDouble(c[6]));
      }
    }
    Map<Integer, Verdict> out = new TreeMap<>();
    for (int k : own.keySet()) {
      double o = own.get(k).values().stream().mapToDouble(d -> d).average().orElseThrow();
      double w =
          cells.get(k).values().stream()
              .mapToDouble(l -> l.stream().mapToDouble(d -> d).average().orElseThrow())
              .min()
              .orElseThrow();
      out.put(k, new Verdict(o, w));
    }
    return out;
  }
}
