package dev.vigil.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The lines of an event file, decoded one by one, so that a line that cannot be read is reported and skipped
 * while the lines around it are read: gzip is unpacked transparently, UTF-8 is read with or without its byte
 * order mark, UTF-16 when a byte order mark says so. A line is ended by {@code \n}, {@code \r\n} or the end of
 * the file, and the line ends are not part of it. A line with invalid UTF-8 or a NUL byte, or one longer than the
 * limit, becomes an {@link Line#unreadable} line that says why and where.
 *
 * <p>What is not text at all (a binary file) is refused when it is opened, by
 * {@link NotTextException}: one message for the file, not one per line.
 */
abstract sealed class TextLines {
  /** The longest line read unless configured otherwise, in bytes of UTF-8 (a longer one is reported and skipped). */
  static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  private static final int SNIFF_BYTES = 4096;

  /**
   * One line: its text, or why it cannot be read ({@link #unreadable}) and its bytes when they were kept (not for
   * a line over the limit), and its number from 1.
   */
  record Line(String text, long number, String unreadable, byte[] undecoded) {
    static Line of(String text, long number) {
      return new Line(text, number, null, null);
    }

    static Line unreadable(long number, String why, byte[] undecoded) {
      return new Line(null, number, why, undecoded);
    }

    boolean readable() {
      return unreadable == null;
    }
  }

  /** A file that is not text: what it seems to be instead. */
  static final class NotTextException extends IOException {
    NotTextException(String message) {
      super(message);
    }
  }

  /** Lines returned so far. */
  long number;

  /** The next line, or null at the end of the input. */
  abstract Line next() throws IOException;

  /**
   * The lines of {@code raw}, which is read to its end but not closed.
   *
   * @throws NotTextException when the input is neither text nor gzip-compressed text
   */
  static TextLines of(InputStream raw, int maxLineBytes) throws IOException {
    return of(raw, maxLineBytes, 0);
  }

  /** As {@link #of(InputStream, int)}, for input that starts after {@code linesBefore} lines of its file. */
  static TextLines of(InputStream raw, int maxLineBytes, long linesBefore) throws IOException {
    TextLines lines = open(raw, maxLineBytes);
    lines.number = linesBefore;
    return lines;
  }

  private static TextLines open(InputStream raw, int maxLineBytes) throws IOException {
    // EventReader has already buffered the input to look for an .evtx signature: one buffer is enough.
    BufferedInputStream in = raw instanceof BufferedInputStream buffered ? buffered
        : new BufferedInputStream(raw, 1 << 16);
    byte[] head = peek(in, SNIFF_BYTES);
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      try {
        return open(new GZIPInputStream(in, 1 << 16), maxLineBytes);
      } catch (ZipException | EOFException e) {
        throw new NotTextException("a damaged gzip file (" + e.getMessage() + ")");
      }
    }
    if (startsWith(head, 0xfe, 0xff) || startsWith(head, 0xff, 0xfe)) {
      Charset charset = head[0] == (byte) 0xfe ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
      in.skipNBytes(2);
      return new Utf16(new BufferedReader(new InputStreamReader(in, charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))),
          maxLineBytes / 2);
    }
    if (startsWith(head, 0xef, 0xbb, 0xbf)) {
      in.skipNBytes(3);
    } else if (looksBinary(head)) {
      throw new NotTextException("not text: NUL bytes and no byte order mark in its first "
          + head.length + " bytes (a binary file, or UTF-16 without a byte order mark)");
    }
    return new Utf8(in, maxLineBytes);
  }

  private static byte[] peek(BufferedInputStream in, int bytes) throws IOException {
    in.mark(bytes);
    byte[] head = in.readNBytes(bytes);
    in.reset();
    return head;
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Text has no NUL bytes; a few in the first block make a file binary, one alone is a bad line. */
  private static boolean looksBinary(byte[] head) {
    int nuls = 0;
    for (byte b : head) {
      if (b == 0) {
        nuls++;
      }
    }
    return nuls > 1 && nuls * 16 > head.length / 64;
  }

  /** UTF-8, read as bytes up to each line end and decoded line by line. */
  private static final class Utf8 extends TextLines {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    Utf8(InputStream in, int maxLineBytes) {
      this.in = in;
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    Line next() throws IOException {
      int length = 0;
      long bytes = 0;
      boolean ended = false;
      while (!ended) {
        if (position == limit && !fill()) {
          if (bytes == 0) {
            return null;
          }
          break;
        }
        int end = position;
        while (end < limit && buffer[end] != '\n') {
          end++;
        }
        ended = end < limit;
        int piece = end - position;
        if (length + (long) piece <= maxLineBytes) {
          if (length + piece > line.length) {
            line = Arrays.copyOf(line, Math.max(length + piece, Math.min(maxLineBytes, line.length * 2)));
          }
          System.arraycopy(buffer, position, line, length, piece);
          length += piece;
        }
        bytes += piece;
        position = ended ? end + 1 : end;
      }
      number++;
      if (bytes > maxLineBytes) {
        return Line.unreadable(number, "line of " + bytes + " bytes, longer than the limit of " + maxLineBytes, null);
      }
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      return decode(length);
    }

    private boolean fill() throws IOException {
      int read = in.read(buffer);
      if (read <= 0) {
        return false;
      }
      position = 0;
      limit = read;
      return true;
    }

    private Line decode(int length) {
      boolean ascii = true;
      for (int i = 0; i < length; i++) {
        byte b = line[i];
        if (b == 0) {
          return Line.unreadable(number, "NUL byte at byte " + (i + 1) + " of the line", Arrays.copyOf(line, length));
        }
        ascii &= b > 0;
      }
      if (ascii) {
        return Line.of(new String(line, 0, length, StandardCharsets.ISO_8859_1), number);
      }
      ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
      CharBuffer chars = CharBuffer.allocate(length);
      decoder.reset();
      CoderResult result = decoder.decode(bytes, chars, true);
      if (!result.isError()) {
        result = decoder.flush(chars);
      }
      if (result.isError()) {
        return Line.unreadable(number, "invalid UTF-8 at byte " + (bytes.position() + 1) + " of the line (0x"
            + HexFormat.of().toHexDigits(line[bytes.position()]) + "); is the file in another encoding?",
            Arrays.copyOf(line, length));
      }
      return Line.of(chars.flip().toString(), number);
    }
  }

  /** UTF-16 with a byte order mark, decoded by the JDK; invalid UTF-16 ends the file with one message. */
  private static final class Utf16 extends TextLines {
    private final Reader in;
    private final int maxLineChars;
    private final StringBuilder line = new StringBuilder();
    private boolean atEnd;

    Utf16(Reader in, int maxLineChars) {
      this.in = in;
      this.maxLineChars = maxLineChars;
    }

    @Override
    Line next() throws IOException {
      if (atEnd) {
        return null;
      }
      line.setLength(0);
      long chars = 0;
      int c;
      try {
        while ((c = in.read()) >= 0 && c != '\n') {
          if (chars++ < maxLineChars) {
            line.append((char) c);
          }
        }
      } catch (CharacterCodingException e) {
        atEnd = true;
        return Line.unreadable(++number, "invalid UTF-16 in this line; the rest of the file is not read", null);
      }
      if (c < 0) {
        atEnd = true;
        if (chars == 0) {
          return null;
        }
      }
      number++;
      if (chars > maxLineChars) {
        return Line.unreadable(number, "line of " + chars + " characters, longer than the limit of " + maxLineChars,
            null);
      }
      if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
        line.setLength(line.length() - 1);
      }
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == 0) {
          return Line.unreadable(number, "NUL character at character " + (i + 1) + " of the line",
              line.toString().getBytes(StandardCharsets.UTF_8));
        }
      }
      return Line.of(line.toString(), number);
    }
  }
}
