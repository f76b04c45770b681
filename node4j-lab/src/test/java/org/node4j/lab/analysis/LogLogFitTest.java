package org.node4j.lab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogLogFitTest {

  @Test
  void recoversAnExactPowerLaw() {
    double[] x = {4, 8, 16, 32, 64};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 3.0 / (x[i] * x[i]);
    }
    LogLogFit f = LogLogFit.fit(x, y);
    assertEquals(-2.0, f.slope(), 1e-12);
    assertEquals(Math.log(3.0), f.intercept(), 1e-12);
    assertEquals(1.0, f.rSquared(), 1e-12);
    assertEquals(3.0 / 100, f.predict(10), 1e-12);
  }

  @Test
  void fitsOnlyTheRangeAndSkipsNonPositiveValues() {
    double[] x = {1, 2, 4, 8, 16};
    double[] y = {100, 0, 1.0 / 4, 1.0 / 8, 1.0 / 16};
    LogLogFit f = LogLogFit.fit(x, y, 2, 16);
    assertEquals(-1.0, f.slope(), 1e-12);
    assertEquals(3, f.points());
    assertEquals(4, f.xMin());
    assertEquals(16, f.xMax());
    assertTrue(f.describe("N").contains("N = 4..16"));
  }

  @Test
  void scatterLowersRSquared() {
    double[] x = {1, 2, 4, 8};
    double[] y = {1, 4, 1, 4};
    assertTrue(LogLogFit.fit(x, y).rSquared() < 0.5);
  }

  @Test
  void tooFewPointsIsAnError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LogLogFit.fit(new double[] {1, 2}, new double[] {1, -1}));
  }
}
