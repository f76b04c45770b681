/**
 * Grids of independent runs: an experiment describes its sweep as a list of {@link
 * org.node4j.lab.grid.CellSpec cells} (a configuration and a seed, serialised as JSON), each of
 * which trains and evaluates into a run directory of its own and marks it done. The experiment's
 * report is then built from the run directories alone, so the same report comes out whichever
 * {@link org.node4j.lab.grid.GridEngine engine} ran the cells: this JVM ({@link
 * org.node4j.lab.grid.LocalEngine}) or a cluster. A cell that finds its run directory done is
 * skipped; one that finds checkpoints resumes from them, so a killed sweep continues where it
 * stopped.
 */
package org.node4j.lab.grid;
