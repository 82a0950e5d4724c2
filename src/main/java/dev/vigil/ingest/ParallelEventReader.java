package dev.vigil.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads event files as {@link EventReader} does, parsing on several threads: the calling thread cuts the file into
 * batches of event texts, workers parse and map them and hand the events to the sink, which must therefore be
 * thread-safe. Problems and progress are reported on the calling thread, in file order; events reach the sink in
 * no particular order. At most a few batches per worker are in memory at once.
 */
public final class ParallelEventReader implements AutoCloseable {
  private static final int EVENTS_PER_BATCH = 256;
  private final int eventsPerBatch;
  private final int maxLineBytes;

  /** Called after each batch with the bytes of the file read so far and the events mapped so far. */
  public interface Progress {
    void advanced(long bytesRead, long events);
  }

  private final ExecutorService workers;
  private final int batchesInFlight;
  private final ThreadLocal<EventParser> parsers;

  /** @param clock what now is: an event more than two days after it is refused */
  public ParallelEventReader(int threads, Clock clock) {
    this(threads, clock, TextLines.DEFAULT_MAX_LINE_BYTES);
  }

  /** @param maxLineBytes the longest line (or pretty-printed object) read; a longer one is reported and skipped */
  public ParallelEventReader(int threads, Clock clock, int maxLineBytes) {
    this(threads, clock, maxLineBytes, EVENTS_PER_BATCH);
  }

  ParallelEventReader(int threads, Clock clock, int maxLineBytes, int eventsPerBatch) {
    this.eventsPerBatch = eventsPerBatch;
    this.maxLineBytes = maxLineBytes;
    this.parsers = ThreadLocal.withInitial(() -> new EventParser(clock));
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    AtomicInteger number = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "vigil-ingest-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.batchesInFlight = 2 * threads;
  }

  /**
   * Reads a file to its end, as {@link EventReader} does.
   *
   * @throws IOException when the file cannot be opened; bad content, and a read that fails half-way, are
   *                     reported to {@code problems}
   */
  public ReadSummary read(Path file, Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems,
                          Progress progress) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
         InputStream in = Channels.newInputStream(channel)) {
      return read(file.toString(), file.getFileName().toString(), in, () -> position(channel), sink, problems,
          progress);
    }
  }

  /**
   * Reads a stream to its end (standard input, say), as {@link #read(Path, Consumer, Consumer, Progress)} reads a
   * file.
   *
   * @param name      the input as problems name it
   * @param source    CIM events' default {@code source} (a file's name)
   * @param bytesRead how far into the input reading is, for progress
   */
  public ReadSummary read(String name, String source, InputStream in, LongSupplier bytesRead,
                          Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems, Progress progress)
      throws IOException {
    Tally total = new Tally();
    Deque<Future<Parsed>> pending = new ArrayDeque<>();
    List<EventText> batch = new ArrayList<>(eventsPerBatch);
    Runnable report = () -> progress.advanced(bytesRead.getAsLong(), total.events());
    try {
      EventReader.split(in, maxLineBytes, 0, total, text -> {
        batch.add(text);
        if (batch.size() == eventsPerBatch) {
          pending.add(submit(List.copyOf(batch), name, source, sink));
          batch.clear();
          while (pending.size() > batchesInFlight) {
            collect(pending.poll(), total, problems);
            report.run();
          }
        }
      });
      pending.add(submit(List.copyOf(batch), name, source, sink));
      while (!pending.isEmpty()) {
        collect(pending.poll(), total, problems);
      }
      report.run();
      return total.summary();
    } finally {
      // On failure, let the workers finish what they hold before the caller closes the sink.
      pending.forEach(ParallelEventReader::awaitQuietly);
    }
  }

  /** What a worker made of one batch. */
  private record Parsed(Tally tally, List<IngestProblem> problems) {}

  private Future<Parsed> submit(List<EventText> batch, String name, String source, Consumer<ProcessEvent> sink) {
    return workers.submit(() -> {
      EventParser parser = parsers.get();
      Tally tally = new Tally();
      List<IngestProblem> problems = new ArrayList<>();
      for (EventText text : batch) {
        parser.parseInto(text, name, source, tally, sink, problems::add);
      }
      return new Parsed(tally, problems);
    });
  }

  private static void collect(Future<Parsed> result, Tally total, Consumer<IngestProblem> problems)
      throws InterruptedIOException {
    Parsed parsed;
    try {
      parsed = result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading events");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
    total.add(parsed.tally());
    parsed.problems().forEach(problems);
  }

  private static void awaitQuietly(Future<Parsed> result) {
    try {
      result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The first failure is the one being reported.
    }
  }

  private static long position(FileChannel channel) {
    try {
      return channel.position();
    } catch (IOException e) {
      return 0L; // progress only
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
