package org.node4j.ode.grad;

/** One accepted step as a discrete method keeps it: its start, size and stage records. */
final class RecordedStep {

  double t0;
  double h;
  final EvalRecord[] records;
  long bytes;

  RecordedStep(int stages) {
    this.records = new EvalRecord[stages];
  }
}
