package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The report's headline, generated from the measured verdicts and nothing else: one sentence per
 * kind of outcome that occurred (collapsed, solver-dependent, stable, not trained), each naming its
 * K_train values and the range of accuracies behind the claim, then the critical range. A claim
 * about a K_train is made only when its {@link CriticalRange.Verdict} says so, so the words cannot
 * say more than the table.
 */
final class Headline {
  private final CriticalRange critical;
  private final double chance;

  /**
   * Words for {@code critical}.
   *
   * @param critical the verdicts and the range
   * @param classes the number of classes (chance is 1 / classes)
   */
  Headline(CriticalRange critical, int classes) {
    this.critical = critical;
    this.chance = 1.0 / classes;
  }

  /** Returns the headline's sentences, in order. */
  List<String> sentences() {
    List<String> out = new ArrayList<>();
    List<CriticalRange.Verdict> collapsed = select(CriticalRange.Verdict::collapsed);
    if (!collapsed.isEmpty()) {
      out.add(
          fmt(
              "Trained with K_train = %s Euler steps, %s **collapse**: %s with the training"
                  + " solver, but as low as %s with a finer test solver (chance is %.2f; collapse"
                  + " means within %.2f of it).",
              ks(collapsed),
              collapsed.size() == 1 ? "the model does" : "the models",
              range(collapsed, CriticalRange.Verdict::trainAccuracy),
              range(collapsed, CriticalRange.Verdict::worstAccuracy),
              chance,
              CriticalRange.COLLAPSE_MARGIN));
    }
    List<CriticalRange.Verdict> dependent =
        select(v -> v.trained() && !v.stable() && !v.collapsed());
    if (!dependent.isEmpty()) {
      out.add(
          fmt(
              "Trained with K_train = %s, %s more than %.2f under a finer test solver without"
                  + " collapsing: %s with the training solver, as low as %s with a finer one.",
              ks(dependent),
              dependent.size() == 1 ? "the model loses" : "the models lose",
              critical.tolerance(),
              range(dependent, CriticalRange.Verdict::trainAccuracy),
              range(dependent, CriticalRange.Verdict::worstAccuracy)));
    }
    List<CriticalRange.Verdict> stable = select(CriticalRange.Verdict::stable);
    if (!stable.isEmpty()) {
      out.add(
          fmt(
              "Trained with K_train = %s, %s **stable**: %s with the training solver and no lower"
                  + " than %s with any finer test solver (a drop of at most %.2f), as an ODE"
                  + " should be.",
              ks(stable),
              stable.size() == 1 ? "the model is" : "the models are",
              range(stable, CriticalRange.Verdict::trainAccuracy),
              range(stable, CriticalRange.Verdict::worstAccuracy),
              critical.tolerance()));
    }
    List<CriticalRange.Verdict> untrained = select(v -> !v.trained());
    if (!untrained.isEmpty()) {
      out.add(
          fmt(
              "K_train = %s did not train (%s with the training solver), so %s no verdict.",
              ks(untrained),
              range(untrained, CriticalRange.Verdict::trainAccuracy),
              untrained.size() == 1 ? "it gets" : "they get"));
    }
    out.add("In this run " + critical.describe() + ".");
    return out;
  }

  /** Returns the sentences as one paragraph. */
  String paragraph() {
    return String.join(" ", sentences());
  }

  private List<CriticalRange.Verdict> select(Predicate<CriticalRange.Verdict> p) {
    return critical.verdicts().stream().filter(p).toList();
  }

  /** "2", "2 and 8", "2, 8 and 32". */
  static String ks(List<CriticalRange.Verdict> vs) {
    List<String> k = vs.stream().map(v -> Integer.toString(v.trainSteps())).toList();
    if (k.size() == 1) {
      return k.get(0);
    }
    return String.join(", ", k.subList(0, k.size() - 1)) + " and " + k.get(k.size() - 1);
  }

  /** "0.990" or "0.960-0.990" (min-max over the verdicts). */
  private static String range(
      List<CriticalRange.Verdict> vs, ToDoubleFunction<CriticalRange.Verdict> f) {
    double lo = vs.stream().mapToDouble(f).min().orElseThrow();
    double hi = vs.stream().mapToDouble(f).max().orElseThrow();
    String a = fmt("%.3f", lo);
    String b = fmt("%.3f", hi);
    return a.equals(b) ? a : a + "-" + b;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
