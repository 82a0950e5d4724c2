package dev.vigil.store;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Zstandard for blocks of stored fields: a block is written as its compressed length and one Zstandard frame with
 * a checksum of its content.
 * Level 1 compresses event text as well as Deflate at level 6 (Lucene's best compression) at about seven times
 * its speed, and a stored field is compressed again at every merge (docs/performance.md).
 */
final class ZstdCompressionMode extends CompressionMode {
  private final int level;

  ZstdCompressionMode(int level) {
    this.level = level;
  }

  @Override
  public Compressor newCompressor() {
    return new ZstdCompressor(level);
  }

  @Override
  public Decompressor newDecompressor() {
    return new ZstdDecompressor();
  }

  @Override
  public String toString() {
    return "zstd(level=" + level + ")";
  }

  private static final class ZstdCompressor extends Compressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();
    private byte[] input = BytesRef.EMPTY_BYTES;
    private byte[] output = BytesRef.EMPTY_BYTES;

    ZstdCompressor(int level) {
      context.setLevel(level);
      // Four bytes a block, so that a damaged block is an error rather than other text.
      context.setChecksum(true);
    }

    @Override
    public void compress(ByteBuffersDataInput buffersInput, DataOutput out) throws IOException {
      int length = Math.toIntExact(buffersInput.length());
      input = ArrayUtil.growNoCopy(input, length);
      buffersInput.readBytes(input, 0, length);
      output = ArrayUtil.growNoCopy(output, Math.toIntExact(Zstd.compressBound(length)));
      int compressed = context.compressByteArray(output, 0, output.length, input, 0, length);
      out.writeVInt(compressed);
      out.writeBytes(output, 0, compressed);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  private static final class ZstdDecompressor extends Decompressor {
    private byte[] compressed = BytesRef.EMPTY_BYTES;

    @Override
    public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
        throws IOException {
      int compressedLength = in.readVInt();
      compressed = ArrayUtil.growNoCopy(compressed, compressedLength);
      in.readBytes(compressed, 0, compressedLength);
      bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, originalLength);
      long decompressed;
      try {
        decompressed = Zstd.decompressByteArray(bytes.bytes, 0, originalLength, compressed, 0, compressedLength);
      } catch (ZstdException e) {
        throw new CorruptIndexException("a block of stored fields does not decompress: " + e.getMessage(),
            in.toString(), e);
      }
      if (decompressed != originalLength) {
        throw new CorruptIndexException("a block of stored fields holds " + decompressed + " bytes, not "
            + originalLength, in.toString());
      }
      bytes.offset = offset;
      bytes.length = length;
    }

    @Override
    public Decompressor clone() {
      return new ZstdDecompressor();
    }
  }
}
