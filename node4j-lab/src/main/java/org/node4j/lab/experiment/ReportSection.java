package org.node4j.lab.experiment;

/** One section of the experiment's report, measured when built and written once. */
interface ReportSection {
  /** Appends the section (heading included) to {@code doc}; writes nothing when it has nothing. */
  void write(ReportDoc doc);
}
