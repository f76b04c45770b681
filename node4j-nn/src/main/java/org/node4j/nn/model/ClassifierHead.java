package org.node4j.nn.model;

import org.node4j.nn.layer.Flatten;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.tensor.DType;

/**
 * The decision layer f_d of Ott et al. (ICLR 2021, §2): flatten, then one Linear layer to the class
 * scores; the softmax lives in the cross-entropy loss.
 */
public final class ClassifierHead {
  private ClassifierHead() {}

  /**
   * Flatten + Linear(prod(sampleShape), classes), parameters {@code head.weight}, {@code
   * head.bias}.
   *
   * @param sampleShape the shape of one ODE output sample (without the batch dimension)
   */
  public static Sequential of(int[] sampleShape, int classes, DType dtype) {
    int features = 1;
    for (int d : sampleShape) {
      features *= d;
    }
    if (features < 1 || classes < 1) {
      throw new IllegalArgumentException(
          "a head needs a non-empty sample and classes >= 1, got "
              + java.util.Arrays.toString(sampleShape)
              + " and "
              + classes);
    }
    return Sequential.of(
        new Flatten(), Linear.builder(features, classes).name("head").dtype(dtype).build());
  }
}
