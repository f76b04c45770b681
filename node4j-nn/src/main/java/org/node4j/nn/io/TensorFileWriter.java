package org.node4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Writes the layout of {@link TensorFile} through a temporary file and an atomic rename. */
final class TensorFileWriter {
  private static final int BUFFER_BYTES = 1 << 17; // holds the largest entry header

  private final WritableByteChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32 crc = new CRC32();

  private TensorFileWriter(WritableByteChannel channel) {
    this.channel = channel;
  }

  static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    List<byte[]> names = encodeNames(tensors);
    long payload = 0;
    int k = 0;
    for (Tensor t : tensors.values()) {
      payload += 4L + names.get(k++).length + 2 + 4L * t.rank() + t.bytes();
    }
    long payloadBytes = payload;
    AtomicFiles.write(
        file,
        out -> {
          TensorFileWriter w = new TensorFileWriter(Channels.newChannel(out));
          w.header(tensors.size(), payloadBytes);
          int i = 0;
          for (Tensor t : tensors.values()) {
            w.entry(names.get(i++), t);
          }
          w.finish();
        });
  }

  private static List<byte[]> encodeNames(Map<String, Tensor> tensors) {
    List<byte[]> names = new ArrayList<>(tensors.size());
    for (String name : tensors.keySet()) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      if (utf8.length == 0 || utf8.length > Format.MAX_NAME_BYTES) {
        throw new IllegalArgumentException(
            "tensor names must have 1 to "
                + Format.MAX_NAME_BYTES
                + " UTF-8 bytes, got "
                + utf8.length);
      }
      if (tensors.get(name).rank() > Format.MAX_RANK) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has rank above " + Format.MAX_RANK);
      }
      names.add(utf8);
    }
    return names;
  }

  private void header(int count, long payload) throws IOException {
    ensure(Format.HEADER_BYTES);
    buf.put(Format.MAGIC).putInt(TensorFile.VERSION).putInt(count).putLong(payload);
  }

  private void entry(byte[] name, Tensor t) throws IOException {
    ensure(4 + name.length + 2 + 4 * t.rank());
    buf.putInt(name.length).put(name).put(Format.code(t.dtype())).put((byte) t.rank());
    for (int d : t.shape()) {
      buf.putInt(d);
    }
    if (t.dtype() == DType.FLOAT32) {
      for (float v : t.floats()) {
        ensure(4);
        buf.putFloat(v);
      }
    } else {
      for (double v : t.doubles()) {
        ensure(8);
        buf.putDouble(v);
      }
    }
  }

  private void finish() throws IOException {
    flush();
    buf.putInt((int) crc.getValue());
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  private void ensure(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buf.flip();
    crc.update(buf.array(), 0, buf.limit());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }
}
