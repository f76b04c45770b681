package org.node4j.lab.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A probe that answers with scripted accuracies and evaluation counts and records each question.
 */
final class ScriptedProbe implements BatchProbe {
  private static final int COUNT = 1000;
  private final Deque<TrainableModel.EvalStats> answers = new ArrayDeque<>();
  final List<Integration> asked = new ArrayList<>();

  /** Queues an answer: accuracy (to 1/1000) and forward evaluations. */
  ScriptedProbe then(double accuracy, long evaluations) {
    answers.add(
        new TrainableModel.EvalStats((int) Math.round(accuracy * COUNT), COUNT, evaluations));
    return this;
  }

  /** Queues an answer with 0 evaluations. */
  ScriptedProbe then(double accuracy) {
    return then(accuracy, 0);
  }

  @Override
  public TrainableModel.EvalStats evaluate(Integration integration) {
    asked.add(integration);
    if (answers.isEmpty()) {
      throw new AssertionError("unexpected probe call with " + integration.label());
    }
    return answers.poll();
  }

  boolean exhausted() {
    return answers.isEmpty();
  }
}
