package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The optimisers of {@code org.node4j.nn.optim}, by their configuration names. */
public enum OptimizerName {
  /** Adam with L2 weight decay (the seeds' optimiser). */
  ADAM("adam"),
  /** Adam with decoupled weight decay. */
  ADAMW("adamw"),
  /** Stochastic gradient descent with optional (Nesterov) momentum. */
  SGD("sgd");

  private final String id;

  OptimizerName(String id) {
    this.id = id;
  }

  /** Returns the configuration name. */
  @JsonValue
  public String id() {
    return id;
  }
}
