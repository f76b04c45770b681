/**
 * The Apache Spark engine for the lab's grids ({@code --engine spark --master URL}): each cell of
 * an experiment's grid is one Spark task, run by the experiment's {@link
 * org.node4j.lab.grid.CellRunner} on an executor into a run directory every executor can reach.
 * Spark retries a failed task; the cell then resumes from its checkpoints. The driver prints each
 * cell's state as Spark reports it and builds the report from the run directories when the last
 * cell ends, exactly as with the local engine.
 */
package org.node4j.spark;
