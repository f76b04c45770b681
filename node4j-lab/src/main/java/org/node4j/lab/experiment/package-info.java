/**
 * The project's main job, Ott et al.'s "ResNet after all?" protocol (ICLR 2021, §2.4, §3, Fig. 1,
 * Fig. 4 and Table 1) as one command: train neural ODE classifiers with Euler at several step
 * counts, test each with Euler, midpoint and the 3/8-rule RK4 at many step counts, train with
 * step-size adaptation, then write {@code results.csv}, plots (XChart, PNG and SVG) and {@code
 * report.md}/{@code report.html}. {@link org.node4j.lab.experiment.ResnetAfterAll} runs it; {@link
 * org.node4j.lab.experiment.ResnetAfterAllSettings} says how big it is.
 */
package org.node4j.lab.experiment;
