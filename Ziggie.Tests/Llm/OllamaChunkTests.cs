using System.Buffers;
using System.Text;
using System.Text.Json;
using Ziggie.Backend.Llm;

namespace Ziggie.Tests.Llm;

public class OllamaChunkTests
{
    private static OllamaChunk Read(string line, bool captureText = true) =>
        OllamaChunk.Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line)), captureText);

    [Fact]
    public void A_generate_chunk_gives_its_text_and_is_not_done() =>
        Assert.Equal(new OllamaChunk(false, null, "Hel\"lo", null, null, null),
            Read("""{"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","response":"Hel\"lo","done":false}"""));

    [Fact]
    public void A_chat_chunk_gives_the_message_content() =>
        Assert.Equal("world", Read("""{"message":{"role":"assistant","content":"world","images":null},"done":false}""").Text);

    [Fact]
    public void The_last_chunk_gives_the_statistics() =>
        Assert.Equal(new OllamaChunk(true, null, "", "stop", 12, 7),
            Read("""{"response":"","done":true,"done_reason":"stop","context":[1,2,3],"prompt_eval_count":7,"eval_count":12,"total_duration":5}"""));

    [Fact]
    public void An_error_line_gives_the_error() =>
        Assert.Equal("model runner crashed", Read("""{"error":"model runner crashed"}""").Error);

    [Fact]
    public void Text_is_left_alone_when_not_asked_for() =>
        Assert.Null(Read("""{"response":"Hello","done":false}""", captureText: false).Text);

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"response":"cut""")]
    public void A_line_that_is_not_a_json_object_is_refused(string line) =>
        Assert.ThrowsAny<JsonException>(() => Read(line));
}
