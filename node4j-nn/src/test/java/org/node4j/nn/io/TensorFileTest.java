package org.node4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.nn.io.TensorFileException.Problem;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class TensorFileTest {
  @TempDir Path dir;

  static Map<String, Tensor> sample() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put(
        "z.weight",
        Tensor.wrap(new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, 3e38f, -7f}, 2, 3));
    m.put(
        "a.bias", Tensor.wrap(new double[] {Math.PI, Double.NEGATIVE_INFINITY, -0.0, 4.9e-324}, 4));
    m.put("conv.κ", Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 1, 2, 2));
    m.put("scalar", Tensor.zeros(DType.FLOAT64));
    m.put("empty", Tensor.zeros(DType.FLOAT32, 0, 5));
    return m;
  }

  private static void assertSameTensors(Map<String, Tensor> actual, Map<String, Tensor> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, t) -> {
          Tensor u = actual.get(name);
          assertThat(u.dtype()).as(name).isEqualTo(t.dtype());
          assertThat(u.shape()).as(name).isEqualTo(t.shape());
          for (int i = 0; i < t.size(); i++) {
            // bit patterns: NaN, -0 and subnormals survive
            assertThat(Double.doubleToRawLongBits(u.get(i)))
                .as(name + "[" + i + "]")
                .isEqualTo(Double.doubleToRawLongBits(t.get(i)));
          }
        });
  }

  private Path written() throws IOException {
    Path f = dir.resolve("t.n4j");
    TensorFile.write(f, sample());
    return f;
  }

  /** Rewrites the trailing CRC so that structural checks, not the checksum, are exercised. */
  private static byte[] withValidCrc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  private Problem problemOf(byte[] bytes) throws IOException {
    Path f = dir.resolve("bad.n4j");
    Files.write(f, bytes);
    try {
      TensorFile.read(f);
    } catch (TensorFileException e) {
      assertThat(e.file()).isEqualTo(f);
      assertThat(e).hasMessageStartingWith(f.toString());
      return e.problem();
    }
    throw new AssertionError("damaged file was read without error");
  }

  @Test
  void roundTripKeepsNamesOrderDtypesShapesAndBits() throws IOException {
    assertSameTensors(TensorFile.read(written()), sample());
  }

  @Test
  void headerIsTheDocumentedLittleEndianLayout() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(written())).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Arrays.copyOf(b.array(), 8)).isEqualTo(Format.MAGIC);
    assertThat(b.getInt(8)).isEqualTo(TensorFile.VERSION);
    assertThat(b.getInt(12)).isEqualTo(5);
    assertThat(b.getLong(16)).isEqualTo(b.limit() - 28L);
    assertThat(b.getInt(24)).isEqualTo("z.weight".length());
  }

  @Test
  void overwritingIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
    Path f = written();
    TensorFile.write(f, Map.of("only", Tensor.wrap(new float[] {9f}, 1)));
    assertThat(TensorFile.read(f)).containsOnlyKeys("only");
    Map<String, Tensor> badName = Map.of("", Tensor.zeros(DType.FLOAT32, 1));
    assertThatThrownBy(() -> TensorFile.write(f, badName))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TensorFile.read(f)).containsOnlyKeys("only");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void truncationAtAnyOffsetIsReportedAsTruncated() throws IOException {
    byte[] full = Files.readAllBytes(written());
    for (int len :
        new int[] {0, 3, 8, 12, 23, 24, 40, full.length / 2, full.length - 5, full.length - 1}) {
      assertThat(problemOf(Arrays.copyOf(full, len)))
          .as("length %d", len)
          .isEqualTo(Problem.TRUNCATED);
    }
  }

  @Test
  void aFlippedPayloadOrChecksumByteIsABadChecksum() throws IOException {
    byte[] full = Files.readAllBytes(written());
    for (int at : new int[] {24, 40, full.length / 2, full.length - 5, full.length - 1}) {
      byte[] b = full.clone();
      b[at] ^= 0x10;
      assertThat(problemOf(b)).as("byte %d", at).isEqualTo(Problem.BAD_CHECKSUM);
    }
  }

  @Test
  void everySingleByteFlipIsDetected() throws IOException {
    byte[] full = Files.readAllBytes(written());
    for (int at = 0; at < full.length; at++) {
      byte[] b = full.clone();
      b[at] ^= (byte) 0x01;
      assertThat(problemOf(b)).as("byte %d", at).isNotNull();
    }
  }

  @Test
  void wrongMagicAndFutureVersionAreNamed() throws IOException {
    assertThat(problemOf("hello world, not tensors at all".getBytes()))
        .isEqualTo(Problem.BAD_MAGIC);
    byte[] b = Files.readAllBytes(written());
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, TensorFile.VERSION + 1);
    assertThat(problemOf(withValidCrc(b))).isEqualTo(Problem.UNSUPPORTED_VERSION);
    Path f = dir.resolve("bad.n4j");
    assertThatThrownBy(() -> TensorFile.read(f))
        .hasMessageContaining("version 2, this build reads 1");
  }

  @Test
  void absurdSizesAndBrokenStructureAreRejectedEvenWithAValidChecksum() throws IOException {
    byte[] full = Files.readAllBytes(written());
    int firstDim = 24 + 4 + "z.weight".length() + 2;
    assertThat(problemOf(withValidCrc(patch(full, firstDim, Integer.MAX_VALUE))))
        .isEqualTo(Problem.ABSURD_SIZE);
    assertThat(problemOf(withValidCrc(patch(full, firstDim, -1)))).isEqualTo(Problem.ABSURD_SIZE);
    assertThat(problemOf(withValidCrc(patch(full, firstDim, 1))))
        .isIn(Problem.CORRUPT, Problem.ABSURD_SIZE); // the entries after it are misread
    assertThat(problemOf(withValidCrc(patch(full, 12, 1_000_000)))).isEqualTo(Problem.CORRUPT);
    assertThat(problemOf(withValidCrc(patch(full, 12, 4)))).isEqualTo(Problem.CORRUPT);
    assertThat(problemOf(withValidCrc(patch(full, 24, 1 << 20)))).isEqualTo(Problem.CORRUPT);
    byte[] dtype = full.clone();
    dtype[firstDim - 2] = 9;
    assertThat(problemOf(withValidCrc(dtype))).isEqualTo(Problem.CORRUPT);
    byte[] huge = full.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(16, Long.MAX_VALUE);
    assertThat(problemOf(huge)).isEqualTo(Problem.ABSURD_SIZE);
    byte[] trailing = Arrays.copyOf(full, full.length + 3);
    assertThat(problemOf(trailing)).isEqualTo(Problem.CORRUPT);
  }

  @Test
  void duplicateNamesInAFileAreCorrupt() throws IOException {
    Path f = dir.resolve("dup.n4j");
    Map<String, Tensor> two = new LinkedHashMap<>();
    two.put("ab", Tensor.zeros(DType.FLOAT32, 1));
    two.put("ac", Tensor.zeros(DType.FLOAT32, 1));
    TensorFile.write(f, two);
    byte[] b = Files.readAllBytes(f);
    int second = 24 + (4 + 2 + 2 + 4 + 4);
    b[second + 4 + 1] = 'b';
    assertThat(problemOf(withValidCrc(b))).isEqualTo(Problem.CORRUPT);
  }

  @Test
  void aMissingFileIsAPlainIoError() {
    assertThatThrownBy(() -> TensorFile.read(dir.resolve("nope.n4j")))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static byte[] patch(byte[] bytes, int at, int value) {
    byte[] b = bytes.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    return b;
  }
}
