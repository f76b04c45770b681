package org.node4j.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The headline's sentences on scripted accuracies: every claim and only the claims the table makes.
 */
class HeadlineTest {

  @Test
  void namesCollapsedDependentAndStableModelsWithTheirAccuracies() {
    // 2 and 8 fall to chance off their own K; 32 drops to 0.80; 64 and 128 keep 0.99.
    ResultsTable t =
        CriticalRangeTest.table(
            List.of(2, 8, 32, 64, 128),
            (k, kt) -> k >= 64 ? 990 : kt == k ? 990 : k == 32 ? 800 : 500);

    List<String> s = new Headline(CriticalRange.of(t, 2, 0.05), 2).sentences();

    assertThat(s).hasSize(4);
    assertThat(s.get(0))
        .contains("K_train = 2 and 8 Euler steps, the models **collapse**")
        .contains("0.990 with the training solver", "as low as 0.500");
    assertThat(s.get(1)).contains("K_train = 32, the model loses more than 0.05", "0.800");
    assertThat(s.get(2)).contains("K_train = 64 and 128, the models are **stable**", "0.990");
    assertThat(s.get(3)).contains("between 32 and 64 Euler steps");
  }

  @Test
  void makesNoStabilityClaimWhenNoModelIsStable() {
    ResultsTable t = CriticalRangeTest.table(List.of(2, 8), (k, kt) -> kt == k ? 990 : 500);

    String p = new Headline(CriticalRange.of(t, 2, 0.05), 2).paragraph();

    assertThat(p).contains("K_train = 2 and 8", "**collapse**", "above 8 Euler steps");
    assertThat(p).doesNotContain("stable**", "loses more");
  }

  @Test
  void untrainedModelsGetNoVerdict() {
    ResultsTable t = CriticalRangeTest.table(List.of(2, 8), (k, kt) -> k == 8 ? 520 : 990);

    String p = new Headline(CriticalRange.of(t, 2, 0.05), 2).paragraph();

    assertThat(p)
        .contains("K_train = 8 did not train (0.520", "K_train = 2, the model is **stable**");
    assertThat(p).doesNotContain("collapse**");
  }
}
