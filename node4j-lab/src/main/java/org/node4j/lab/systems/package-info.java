/**
 * The built-in test systems of {@code ./node4j solve --system} (Lotka-Volterra, the harmonic
 * oscillator, Van der Pol, exponential decay) on {@code double[]}: demonstration problems of the
 * lab, kept out of the solver core that library users depend on.
 */
package org.node4j.lab.systems;
