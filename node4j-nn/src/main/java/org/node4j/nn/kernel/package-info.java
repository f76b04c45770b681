/**
 * The compute kernels of the tensor engine: general matrix products ({@link
 * org.node4j.nn.kernel.Gemm}) on matrix views ({@link org.node4j.nn.kernel.Mat} over a tensor,
 * {@link org.node4j.nn.kernel.MatF64} and {@link org.node4j.nn.kernel.MatF32} over arrays, and the
 * re-pointable {@link org.node4j.nn.kernel.MatViewF64} and {@link org.node4j.nn.kernel.MatViewF32}
 * that code multiplying in a loop owns and reuses), the vectorised element-wise functions, and the
 * engine's thread pool ({@link org.node4j.nn.kernel.Parallel}).
 *
 * <p>Each float type has its own monomorphic path: the public products dispatch on the dtype once,
 * then run a driver and a block kernel written for that type, with the Vector API species a static
 * final constant. Only the float64 sources are written by hand; their float32 twins ({@code *F32})
 * are generated from them at build time by the node4j-nn POM, as EJML generates its float code from
 * its double code, so the two types cannot drift apart.
 *
 * <p>{@link org.node4j.nn.kernel.Parallel} splits work at boundaries that depend on the problem
 * only, so that results do not depend on the thread count. Only the {@code Vector*} classes refer
 * to the incubating {@code jdk.incubator.vector} module.
 */
package org.node4j.nn.kernel;
