package org.node4j.nn.layer;

/**
 * The sizes of one pass of the Winograd convolution ({@link WinogradF64}): input planes h x w,
 * output planes ho x wo, zero padding ph and pw, and the tiles (2x2 output blocks) that cover the
 * output.
 *
 * @param h input height
 * @param w input width
 * @param ho output height
 * @param wo output width
 * @param ph padding above and below
 * @param pw padding left and right
 */
record WinogradPlane(int h, int w, int ho, int wo, int ph, int pw) {
  /** Tile rows: ceil(ho / 2). */
  int tilesH() {
    return (ho + 1) / 2;
  }

  /** Tile columns: ceil(wo / 2). */
  int tilesW() {
    return (wo + 1) / 2;
  }

  /** Tiles per image. */
  int tiles() {
    return tilesH() * tilesW();
  }
}
