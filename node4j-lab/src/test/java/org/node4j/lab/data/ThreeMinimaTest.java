package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThreeMinimaTest {

  @Test
  void potentialSlopeVanishesAtTheMinima() {
    for (double m : ThreeMinima.MINIMA) {
      assertThat(ThreeMinima.potentialSlope(m)).isCloseTo(0.0, within(2e-3));
    }
    // V' changes sign from - to + across each minimum.
    for (double m : ThreeMinima.MINIMA) {
      assertThat(ThreeMinima.potentialSlope(m - 0.05)).isNegative();
      assertThat(ThreeMinima.potentialSlope(m + 0.05)).isPositive();
    }
  }

  @Test
  void particlesStartingAtRestNearAMinimumKeepItsLabel() {
    DatasetSplit split = ThreeMinima.split(300, 100, 7);
    Dataset train = split.train();
    for (int i = 0; i < train.size(); i++) {
      double x0 = train.feature(i, 0);
      double v0 = train.feature(i, 1);
      assertThat(x0).isBetween(-1.0, 2.0);
      assertThat(v0).isBetween(-2.0, 2.0);
      // A slow particle inside a basin's inner region cannot leave it.
      if (Math.abs(v0) < 0.05) {
        for (int k = 0; k < 3; k++) {
          if (Math.abs(x0 - ThreeMinima.MINIMA[k]) < 0.05) {
            assertThat(train.label(i)).isEqualTo(k);
          }
        }
      }
    }
  }

  @Test
  void everyClassOccursAndTheSeedReproducesTheSet() {
    DatasetSplit a = ThreeMinima.split(300, 100, 11);
    DatasetSplit b = ThreeMinima.split(300, 100, 11);
    DatasetSplit c = ThreeMinima.split(300, 100, 12);

    assertThat(a.train().numClasses()).isEqualTo(3);
    for (int count : a.train().classCounts()) {
      assertThat(count).isGreaterThan(20);
    }
    assertThat(a.train().labels()).isEqualTo(b.train().labels());
    assertThat(a.test().labels()).isEqualTo(b.test().labels());
    assertThat(a.train().feature(0, 0)).isEqualTo(b.train().feature(0, 0));
    assertThat(c.train().feature(0, 0)).isNotEqualTo(a.train().feature(0, 0));
  }
}
