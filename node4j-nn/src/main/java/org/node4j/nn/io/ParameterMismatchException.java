package org.node4j.nn.io;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Stored tensors that do not fit a model's parameters. It lists every mismatch, not just the first,
 * so one failed load shows everything that has to be fixed. The parameters are unchanged.
 */
public final class ParameterMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The kind of a single mismatch. */
  public enum Kind {
    /** The model has a parameter the source lacks. */
    MISSING,
    /** The source has a tensor the model has no parameter for. */
    UNEXPECTED,
    /** Same name, different shapes. */
    SHAPE,
    /** Same name and shape, different dtypes. */
    DTYPE
  }

  /**
   * One mismatch.
   *
   * @param kind what kind of mismatch
   * @param name the parameter or tensor name
   * @param detail a human description naming both sides where there are two
   */
  public record Mismatch(Kind kind, String name, String detail) {}

  private final transient List<Mismatch> mismatches;

  ParameterMismatchException(String source, List<Mismatch> mismatches) {
    super(
        source
            + " does not fit the parameters: "
            + mismatches.stream().map(Mismatch::detail).collect(Collectors.joining("; ")));
    this.mismatches = List.copyOf(mismatches);
  }

  /** Returns every mismatch found, in parameter order, then unexpected names. */
  public List<Mismatch> mismatches() {
    return mismatches;
  }
}
