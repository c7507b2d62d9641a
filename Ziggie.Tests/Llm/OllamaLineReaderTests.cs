using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Ziggie.Backend.Llm;

namespace Ziggie.Tests.Llm;

public class OllamaLineReaderTests
{
    [Fact]
    public async Task Lines_split_across_reads_come_out_whole_and_blank_lines_are_skipped()
    {
        var pipe = new Pipe();
        await using var reader = new OllamaLineReader(pipe.Reader.AsStream());
        var lines = new List<string>();

        await Write(pipe, "{\"a\":1}\n{\"b\"");
        lines.Add(await Next(reader));
        var pending = Next(reader);
        await Write(pipe, ":2}\n\n\r\n{\"c\":3}");
        lines.Add(await pending);
        await pipe.Writer.CompleteAsync();
        lines.Add(await Next(reader));

        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], lines);
        Assert.Null(await reader.ReadLineAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_cancelled_read_stops_at_once_while_nothing_arrives()
    {
        var pipe = new Pipe();
        await using var reader = new OllamaLineReader(pipe.Reader.AsStream());
        using var cancel = new CancellationTokenSource();

        var read = reader.ReadLineAsync(cancel.Token).AsTask();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_line_counts_as_buffered_only_when_it_came_with_the_last_one_and_is_not_blank()
    {
        var pipe = new Pipe();
        await using var reader = new OllamaLineReader(pipe.Reader.AsStream());

        await Write(pipe, "{\"a\":1}\n{\"b\":2}\n\r\n\n{\"c\"");
        await Next(reader);
        Assert.True(reader.HasLineBuffered); // b came in the same read: the relay flushes after b, not after a
        await Next(reader);
        Assert.False(reader.HasLineBuffered); // blank lines and half of c: reading c waits for Ollama, so flush now

        await pipe.Writer.CompleteAsync();
        Assert.False(reader.HasLineBuffered); // not read yet: the reader cannot know the body ended
        Assert.Equal("{\"c\"", await Next(reader));
        Assert.True(reader.HasLineBuffered); // the end is known: the next read answers at once
        Assert.Null(await reader.ReadLineAsync(TestContext.Current.CancellationToken));
    }

    private static async Task Write(Pipe pipe, string text) =>
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);

    private static async Task<string> Next(OllamaLineReader reader)
    {
        var line = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(line!.Value.ToArray());
    }
}
