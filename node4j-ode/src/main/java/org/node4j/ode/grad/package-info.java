/**
 * Gradients through ODE solves: the {@link org.node4j.ode.grad.DifferentiableField} contract
 * (evaluation, vector-Jacobian product, optional evaluation records) and the {@link
 * org.node4j.ode.grad.GradientMethod} strategies, each usable with any solver and step-size
 * controller of the core unless it says otherwise.
 *
 * <table>
 *   <caption>The methods (N steps, s stages, B bytes per state)</caption>
 *   <tr><th>method</th><th>gradient</th><th>memory held</th></tr>
 *   <tr><td>{@link org.node4j.ode.grad.StoredStages}</td><td>exact (discrete)</td>
 *       <td>O(N s) records</td></tr>
 *   <tr><td>{@link org.node4j.ode.grad.Checkpointed#every(int) Checkpointed.every(k)}</td>
 *       <td>exact (discrete)</td><td>O(N/k) states + O(k s) records</td></tr>
 *   <tr><td>{@link org.node4j.ode.grad.Checkpointed#binomial(long) Checkpointed.binomial}</td>
 *       <td>exact (discrete)</td><td>budget / B states + one step's records</td></tr>
 *   <tr><td>{@link org.node4j.ode.grad.ContinuousAdjoint}</td><td>approximate, O(h^p)</td>
 *       <td>O(1): z(t1)</td></tr>
 *   <tr><td>{@link org.node4j.ode.grad.MemoryFree}</td><td>approximate, O(1/N) Euler, higher
 *       for Heun</td><td>O(1): z(t1) + one step's records</td></tr>
 * </table>
 *
 * <p>A {@link org.node4j.ode.grad.GradProblem} holds the forward {@link
 * org.node4j.ode.integrate.SolveSetup} and an output policy: with {@link
 * org.node4j.ode.SaveAt#times} the loss reads the states at several times and the backward pass
 * takes one cotangent per time. Every method supports it: the discrete ones add each cotangent
 * where their reverse sweep crosses its time (on a step boundary as a jump of dL/dy1, inside a step
 * through the VJP of the solver's interpolant, whose end derivative is the next step's first
 * stage), the continuous adjoint adds it to a at its time. {@link
 * org.node4j.ode.grad.GradientMethod#check} tells, without allocating, whether a method accepts a
 * setup.
 *
 * <p>The records a discrete method keeps are pooled per pass and reused by the next iteration; the
 * passes of a network's blocks share one {@link org.node4j.ode.grad.RecordPool} (given with {@link
 * org.node4j.ode.grad.GradProblem.Builder#records}) and hand the records of fields with equal
 * {@link org.node4j.ode.grad.DifferentiableField#recordKey} from block to block, so that ANODE's
 * checkpointing keeps one block's recomputed steps, O(L) + O(N_t), not one set per block.
 *
 * <p>Usage, with the loss computed between the two phases:
 *
 * <pre>{@code
 * GradientPass<S, G> pass = StoredStages.create().prepare(problem); // once, reused
 * S zT = pass.forward(z0);
 * S dLdzT = ...;                                                      // the loss's gradient
 * GradientReport r = pass.backward(dLdzT, dLdz0, gradAcc);            // adds into gradAcc
 * // With SaveAt.times(ts): read pass.saved() and pass one cotangent per time.
 * GradientReport r2 = pass.backward(List.of(dLdz1, dLdz2), dLdz0, gradAcc);
 * }</pre>
 */
package org.node4j.ode.grad;
