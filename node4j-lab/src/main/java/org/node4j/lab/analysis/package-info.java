/**
 * Small numerical analyses that experiment reports share, such as the least-squares slope of a rate
 * on log-log axes with its coefficient of determination.
 */
package org.node4j.lab.analysis;
