package org.node4j.lab.train;

/** Gives tests in other packages the test-only model factories of this package. */
public final class TestModels {
  private TestModels() {}

  /** Returns the factory of {@link ToyFlowClassifier}. */
  public static ModelFactory toyFlow() {
    return ToyFlowClassifier.factory();
  }
}
