package org.node4j.lab.experiment.anode;

import java.awt.BasicStroke;
import java.util.Arrays;
import java.util.function.Function;

/** Small helpers the experiment's enums and plots share. */
final class Ids {
  private Ids() {}

  /**
   * Returns the value of {@code values} whose id is {@code id}.
   *
   * @throws IllegalArgumentException naming {@code what} and the valid ids when there is none
   */
  static <E> E byId(E[] values, Function<E, String> idOf, String what, String id) {
    return Arrays.stream(values)
        .filter(v -> idOf.apply(v).equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown "
                        + what
                        + " '"
                        + id
                        + "'; valid: "
                        + String.join(", ", Arrays.stream(values).map(idOf).toList())));
  }

  /** A dashed line of the given width. */
  static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }
}
