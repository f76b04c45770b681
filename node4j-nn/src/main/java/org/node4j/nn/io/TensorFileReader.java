package org.node4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.node4j.nn.io.TensorFileException.Problem;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Reads the layout of {@link TensorFile}: the envelope (magic, version, length, checksum) first,
 * then the entries, each bounds-checked, so that no damaged file yields tensors.
 */
final class TensorFileReader {
  private final Path file;
  private final ByteBuffer b;

  private TensorFileReader(Path file, byte[] bytes) {
    this.file = file;
    this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  static Map<String, Tensor> read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Format.MAX_FILE_BYTES) {
      throw new TensorFileException(file, Problem.ABSURD_SIZE, "file has " + size + " bytes");
    }
    TensorFileReader r = new TensorFileReader(file, Files.readAllBytes(file));
    long count = r.checkEnvelope();
    return r.entries(count);
  }

  /** Checks magic, version, declared length and checksum; returns the tensor count. */
  private long checkEnvelope() throws TensorFileException {
    int n = b.limit();
    byte[] head = Arrays.copyOf(b.array(), Math.min(n, Format.MAGIC.length));
    if (!Arrays.equals(head, Arrays.copyOf(Format.MAGIC, head.length))) {
      throw fail(Problem.BAD_MAGIC, "");
    }
    if (n < Format.HEADER_BYTES) {
      throw fail(
          Problem.TRUNCATED,
          n + " bytes, shorter than the " + Format.HEADER_BYTES + "-byte header");
    }
    int version = b.getInt(8);
    if (version != TensorFile.VERSION) {
      throw fail(
          Problem.UNSUPPORTED_VERSION,
          "file has version "
              + Integer.toUnsignedString(version)
              + ", this build reads "
              + TensorFile.VERSION);
    }
    long payload = b.getLong(16);
    if (payload < 0 || payload > Format.MAX_FILE_BYTES) {
      throw fail(
          Problem.ABSURD_SIZE, "declared payload of " + Long.toUnsignedString(payload) + " bytes");
    }
    long expected = Format.HEADER_BYTES + payload + Format.TRAILER_BYTES;
    if (n < expected) {
      throw fail(Problem.TRUNCATED, "header declares " + expected + " bytes, file has " + n);
    }
    if (n > expected) {
      throw fail(Problem.CORRUPT, (n - expected) + " bytes after the checksum");
    }
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, n - Format.TRAILER_BYTES);
    int stored = b.getInt(n - Format.TRAILER_BYTES);
    if (stored != (int) crc.getValue()) {
      throw fail(
          Problem.BAD_CHECKSUM,
          String.format("stored %08x, computed %08x", stored, (int) crc.getValue()));
    }
    long count = Integer.toUnsignedLong(b.getInt(12));
    if (count > payload / Format.MIN_ENTRY_BYTES) {
      throw fail(Problem.CORRUPT, count + " tensors cannot fit in " + payload + " bytes");
    }
    b.position(Format.HEADER_BYTES).limit(n - Format.TRAILER_BYTES);
    return count;
  }

  private Map<String, Tensor> entries(long count) throws TensorFileException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (long i = 0; i < count; i++) {
      String name = name(i);
      Tensor t = tensor(name);
      if (out.put(name, t) != null) {
        throw fail(Problem.CORRUPT, "tensor name '" + name + "' appears twice");
      }
    }
    if (b.hasRemaining()) {
      throw fail(
          Problem.CORRUPT, b.remaining() + " unread payload bytes after " + count + " tensors");
    }
    return out;
  }

  private String name(long index) throws TensorFileException {
    need(4, "name length of tensor " + index);
    int len = b.getInt();
    if (len <= 0 || len > Format.MAX_NAME_BYTES) {
      throw fail(
          Problem.CORRUPT,
          "tensor " + index + " has a name of " + Integer.toUnsignedString(len) + " bytes");
    }
    need(len, "name of tensor " + index);
    ByteBuffer slice = b.slice().limit(len);
    b.position(b.position() + len);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw fail(Problem.CORRUPT, "tensor " + index + " has a name that is not UTF-8");
    }
  }

  private Tensor tensor(String name) throws TensorFileException {
    need(2, "dtype and rank of '" + name + "'");
    int code = b.get();
    DType dtype = Format.dtype(code);
    int rank = Byte.toUnsignedInt(b.get());
    if (dtype == null || rank > Format.MAX_RANK) {
      throw fail(Problem.CORRUPT, "'" + name + "' has dtype code " + code + " and rank " + rank);
    }
    need(4L * rank, "shape of '" + name + "'");
    int[] shape = new int[rank];
    long elements = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = b.getInt();
      elements *= Math.max(shape[d], 0);
      if (shape[d] < 0 || elements > Format.MAX_FILE_BYTES) {
        throw fail(
            Problem.ABSURD_SIZE,
            "'" + name + "' declares shape dimension " + Integer.toUnsignedString(shape[d]));
      }
    }
    need(elements * dtype.bytes(), "data of '" + name + "' " + Arrays.toString(shape));
    Tensor t = Tensor.zeros(dtype, shape);
    if (dtype == DType.FLOAT32) {
      b.asFloatBuffer().get(t.floats());
    } else {
      b.asDoubleBuffer().get(t.doubles());
    }
    b.position(b.position() + (int) t.bytes());
    return t;
  }

  private void need(long bytes, String what) throws TensorFileException {
    if (bytes > b.remaining()) {
      throw fail(Problem.CORRUPT, what + " runs past the end of the payload");
    }
  }

  private TensorFileException fail(Problem problem, String detail) {
    return new TensorFileException(file, problem, detail);
  }
}
