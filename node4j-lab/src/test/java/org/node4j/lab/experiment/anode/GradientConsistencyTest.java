package org.node4j.lab.experiment.anode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ANODE's claims on one block, in float64: DTO is exact, OTD converges with the scheme's order. */
class GradientConsistencyTest {
  private static final List<Integer> STEPS = List.of(1, 2, 4, 8, 16, 32, 64);

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void dtoWithCheckpointingEqualsBackpropToRounding(Scheme scheme) {
    for (ProbeField kind : ProbeField.values()) {
      GradientConsistency c = new GradientConsistency(kind, scheme, 3);
      for (int n : List.of(1, 3, 8)) {
        GradientConsistency.Point p = c.measure(n);
        assertTrue(p.dtoError() < 1e-13, kind + " " + scheme + " N_t=" + n + ": " + p);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void otdErrorFallsWithTheSchemesOrderOnASmoothField(Scheme scheme) {
    SlopeFit f = otdFit(ProbeField.TANH_MLP, scheme);
    assertEquals(-scheme.order(), f.slope(), 0.3, scheme + ": " + f);
    assertTrue(f.rSquared() > 0.99, scheme + ": " + f);
  }

  /** With ReLU the adjoint's Jacobian jumps at kinks: the points scatter, but fall as fast. */
  @ParameterizedTest
  @EnumSource(Scheme.class)
  void otdErrorFallsAtLeastNearlyWithTheOrderOnReluFields(Scheme scheme) {
    for (ProbeField kind : List.of(ProbeField.RELU_MLP, ProbeField.CONV)) {
      SlopeFit f = otdFit(kind, scheme);
      assertTrue(f.slope() < -0.8 * scheme.order(), kind + " " + scheme + ": " + f);
    }
  }

  private static SlopeFit otdFit(ProbeField kind, Scheme scheme) {
    List<Integer> steps = kind == ProbeField.CONV ? STEPS.subList(0, 6) : STEPS;
    List<GradientConsistency.Point> ps = new GradientConsistency(kind, scheme, 3).sweep(steps);
    assertTrue(ps.get(0).otdError() > 0.1, "OTD is inconsistent at N_t = 1: " + ps.get(0));
    SlopeFit f =
        SlopeFit.fit(
            steps, ps.stream().map(GradientConsistency.Point::otdError).toList(), 4, 1e-11);
    assertNotNull(f);
    return f;
  }
}
