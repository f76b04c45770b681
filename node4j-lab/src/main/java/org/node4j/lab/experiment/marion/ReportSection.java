package org.node4j.lab.experiment.marion;

import java.nio.file.Path;
import org.node4j.lab.experiment.ReportDoc;

/**
 * What every group of report sections works with: the settings, the finished runs, and the three
 * outputs (document, results table, plot directory).
 */
abstract class ReportSection {
  final MarionSettings s;
  final RunData data;
  final ReportDoc doc;
  final MarionReport.ResultsCsv csv;
  final Path out;

  ReportSection(
      MarionSettings s, RunData data, ReportDoc doc, MarionReport.ResultsCsv csv, Path out) {
    this.s = s;
    this.data = data;
    this.doc = doc;
    this.csv = csv;
    this.out = out;
  }
}
