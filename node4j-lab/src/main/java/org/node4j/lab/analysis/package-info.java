/**
 * Small analyses shared by the experiments' reports: least-squares line fits, in particular the
 * log-log slope with its fit range and R² by which a report states a measured rate next to a
 * paper's claimed one.
 */
package org.node4j.lab.analysis;
