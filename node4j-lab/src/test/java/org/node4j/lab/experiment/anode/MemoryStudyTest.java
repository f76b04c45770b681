package org.node4j.lab.experiment.anode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Each method's accounting grows as ANODE states when L and N_t double. */
class MemoryStudyTest {

  private static long peak(MemoryMethod m, int blocks, int steps) {
    return MemoryStudy.measure(m, blocks, steps, false, false).peakBytesHeld();
  }

  @Test
  void backpropGrowsWithLTimesNt() {
    long base = peak(MemoryMethod.BACKPROP, 1, 2);
    assertEquals(2.0, (double) peak(MemoryMethod.BACKPROP, 2, 2) / base, 1e-9);
    assertEquals(2.0, (double) peak(MemoryMethod.BACKPROP, 1, 4) / base, 1e-9);
    assertEquals(4.0, (double) peak(MemoryMethod.BACKPROP, 2, 4) / base, 1e-9);
  }

  @Test
  void otdIsLinearInLAndFlatInNt() {
    long base = peak(MemoryMethod.OTD, 1, 2);
    assertEquals(2 * base, peak(MemoryMethod.OTD, 2, 2));
    assertEquals(base, peak(MemoryMethod.OTD, 1, 8));
    assertEquals(2 * base, peak(MemoryMethod.OTD, 2, 8));
  }

  /** O(L) + O(N_t): the increments in L and in N_t add up, with no L * N_t term. */
  @Test
  void anodeIsLinearInLPlusLinearInNt() {
    MemoryMethod m = MemoryMethod.ANODE;
    long a = peak(m, 2, 4);
    long dl = peak(m, 4, 4) - a;
    long dn = peak(m, 2, 8) - a;
    long both = peak(m, 4, 8) - a;
    assertTrue(dl > 0 && dn > 0, "grows with L and N_t: " + dl + ", " + dn);
    // The step grid (16 bytes per step and block) is the only L * N_t term.
    assertEquals(dl + dn, both, 16.0 * 2 * 4 + 1, "separable");
    // Far below backprop's product when both double.
    assertTrue(peak(m, 4, 8) < 2.5 * a, "not O(L N_t): " + peak(m, 4, 8) + " vs " + a);
  }

  /**
   * The records the network keeps between iterations: ANODE's blocks share one block's recomputed
   * steps (no L·N_t term), backprop's keep every block's steps.
   */
  @Test
  void recordsKeptAreSeparableForAnodeAndAProductForBackprop() {
    for (MemoryMethod m : new MemoryMethod[] {MemoryMethod.ANODE, MemoryMethod.BACKPROP}) {
      long a = records(m, 2, 4);
      long mixed = records(m, 4, 8) - records(m, 4, 4) - records(m, 2, 8) + a;
      if (m == MemoryMethod.ANODE) {
        assertEquals(0, mixed, "anode: no L * N_t term");
      } else {
        assertTrue(mixed > a / 2, "backprop: the L * N_t term " + mixed + " vs " + a);
      }
    }
  }

  /**
   * Peak resident memory in a child JVM: at L = 4 and N_t = 16, backprop's exceeds ANODE's by at
   * least half the difference of the records they keep. Each figure is the smaller of two child
   * JVMs: garbage that a young collection promotes before it dies only ever raises a child's peak,
   * and by a different amount from one JVM to the next (ANODE's figure ranged over 37-55 MB on JDK
   * 25), so the smaller of two is the closer bound on what the method holds.
   */
  @Test
  void peakRssSeparatesBackpropFromAnode() {
    assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status")));
    long bp = smallerOfTwo(MemoryMethod.BACKPROP);
    long an = smallerOfTwo(MemoryMethod.ANODE);
    long records = records(MemoryMethod.BACKPROP, 4, 16) - records(MemoryMethod.ANODE, 4, 16);
    assertTrue(
        bp - an > records / 2, "RSS backprop " + bp + ", anode " + an + ", records " + records);
  }

  private static long smallerOfTwo(MemoryMethod m) {
    return Math.min(RssProbe.measureInChild(m, 4, 16), RssProbe.measureInChild(m, 4, 16));
  }

  private static long records(MemoryMethod m, int blocks, int steps) {
    return MemoryStudy.measure(m, blocks, steps, false, false).recordBytes();
  }

  /** Within a block's budget, the checkpoints do not grow with N_t; they grow with L. */
  @Test
  void binomialIsBoundedByTheBudgetPerBlock() {
    MemoryMethod m = MemoryMethod.BINOMIAL;
    long a = peak(m, 2, 8);
    long grid = 16L * 2 * 8;
    assertTrue(peak(m, 2, 16) - a <= grid + 1, "flat in N_t: " + a + " vs " + peak(m, 2, 16));
    long perBlock = a - peak(m, 1, 8);
    assertTrue(perBlock > 0, "grows with L");
    assertEquals(2 * perBlock, peak(m, 4, 8) - a, 1.0, "linear in L");
  }
}
