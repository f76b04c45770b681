/**
 * Test support shared by the tests of every module through node4j-ode's test-jar: central finite
 * differences in float64 ({@link org.node4j.ode.testing.FiniteDifferences}) and the tolerances of
 * the gradient and integration tests ({@link org.node4j.ode.testing.Tolerances}).
 */
package org.node4j.ode.testing;
