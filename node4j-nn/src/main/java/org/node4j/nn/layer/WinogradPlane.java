package org.node4j.nn.layer;

/**
 * The sizes of one pass of the Winograd convolution ({@link WinogradF64}): input planes h x w,
 * output planes ho x wo, zero padding ph and pw, and the tiles (m x m output blocks) that cover the
 * output.
 *
 * @param h input height
 * @param w input width
 * @param ho output height
 * @param wo output width
 * @param ph padding above and below
 * @param pw padding left and right
 * @param m the tile's output size: 2 for F(2x2, 3x3), 4 for F(4x4, 3x3)
 */
record WinogradPlane(int h, int w, int ho, int wo, int ph, int pw, int m) {
  WinogradPlane {
    if (m != 2 && m != 4) {
      throw new IllegalArgumentException("Winograd tiles are 2x2 or 4x4 outputs, got " + m);
    }
  }

  /** Tile rows: ceil(ho / m). */
  int tilesH() {
    return (ho + m - 1) / m;
  }

  /** Tile columns: ceil(wo / m). */
  int tilesW() {
    return (wo + m - 1) / m;
  }

  /** Tiles per image. */
  int tiles() {
    return tilesH() * tilesW();
  }

  /** The input window's side: m + 2. */
  int window() {
    return m + 2;
  }

  /** The transformed planes per tile, (m + 2)^2: the products one tile block runs. */
  int planes() {
    return window() * window();
  }

  /** Rows of the zero-padded input that covers every tile's window: m * tilesH + 2. */
  int paddedH() {
    return m * tilesH() + 2;
  }

  /**
   * Columns of the zero-padded input, stored by column phase ({@link WinogradF64#padInput}): m
   * phases of {@link #phase} columns each, at least m * tilesW + 2 in all.
   */
  int paddedW() {
    return m * phase();
  }

  /** The columns of one phase of a padded row: tilesW + 1. */
  int phase() {
    return tilesW() + 1;
  }
}
