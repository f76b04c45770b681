package org.node4j.nn.ops;

import java.util.Arrays;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Shape and dtype checks shared by the operations, state operations and layers.
 *
 * <p>Every check throws an {@link IllegalArgumentException} whose message names both shapes (or
 * both dtypes) and the role of the offending argument, so that a wrong wiring of a network fails
 * with a message that says where to look.
 */
public final class Shapes {
  private Shapes() {}

  /** Returns {@code "[2, 3] FLOAT32"}-style text for a tensor. */
  public static String describe(Tensor t) {
    return Arrays.toString(t.shape()) + " " + t.dtype();
  }

  /** Returns whether {@code a} and {@code b} have the same shape and dtype. */
  public static boolean same(Tensor a, Tensor b) {
    return a.sameShape(b) && a.dtype() == b.dtype();
  }

  /**
   * Checks that {@code actual} has the shape and dtype of {@code expected}.
   *
   * @param what the role of {@code actual}, e.g. {@code "dy"}
   * @throws IllegalArgumentException naming both shapes and dtypes when they differ
   */
  public static void requireSame(String what, Tensor expected, Tensor actual) {
    if (!same(expected, actual)) {
      throw new IllegalArgumentException(
          what
              + ": expected shape "
              + describe(expected)
              + " but got "
              + describe(actual)
              + "; allocate it with zerosLike() of the expected tensor");
    }
  }

  /**
   * Checks that {@code actual} has exactly the shape {@code shape} and the dtype {@code dtype}.
   *
   * @param what the role of {@code actual}, e.g. {@code "input"}
   * @throws IllegalArgumentException naming both shapes and dtypes when they differ
   */
  public static void requireShape(String what, int[] shape, DType dtype, Tensor actual) {
    if (!hasShape(actual, shape, dtype)) {
      throw mismatch(what, shape, dtype, actual);
    }
  }

  /**
   * Returns {@code true} when {@code t} has exactly {@code shape} and {@code dtype}; no garbage.
   */
  public static boolean hasShape(Tensor t, int[] shape, DType dtype) {
    if (t.dtype() != dtype || t.rank() != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (t.dim(i) != shape[i]) {
        return false;
      }
    }
    return true;
  }

  /** Returns the exception {@link #requireShape} throws, for callers that check lazily. */
  public static IllegalArgumentException mismatch(
      String what, int[] shape, DType dtype, Tensor actual) {
    return new IllegalArgumentException(
        what
            + ": expected shape "
            + Arrays.toString(shape)
            + " "
            + dtype
            + " but got "
            + describe(actual));
  }

  /** Returns the product of the dimensions of {@code shape} from index {@code from} on. */
  public static int sizeFrom(int[] shape, int from) {
    int n = 1;
    for (int i = from; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }
}
