using System.Text.Json.Nodes;
using Ziggie.Backend.Gateway.OpenAi;

namespace Ziggie.Tests.Gateway;

/// <summary>OpenAI's requests as Ollama's: what each field becomes, without HTTP.</summary>
public class OpenAiRequestsTests
{
    [Fact]
    public void A_chat_request_becomes_ollamas_chat_with_its_options_images_and_format()
    {
        var body = JsonNode.Parse("""
            {"model":"llava","stream":true,"stream_options":{"include_usage":true},
             "temperature":0.3,"top_p":0.9,"seed":7,"max_completion_tokens":50,"stop":"END",
             "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},
             "messages":[{"role":"developer","content":"Be brief."},
                         {"role":"user","content":[{"type":"text","text":"What is "},{"type":"text","text":"this?"},
                                                   {"type":"image_url","image_url":{"url":"data:image/png;base64,aGk="}}]}]}
            """)!.AsObject();

        var (call, problem) = OpenAiRequests.Chat(body);

        Assert.Null(problem);
        var ollama = call!.Ollama;
        Assert.Equal(("llava", true, true, 50), (call.Model, call.Stream, call.IncludeUsage, call.MaxTokens));
        Assert.Equal("system", ollama["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("What is this?", ollama["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal("aGk=", ollama["messages"]![1]!["images"]![0]!.GetValue<string>());
        Assert.Equal(50, ollama["options"]!["num_predict"]!.GetValue<int>());
        Assert.Equal(0.9, ollama["options"]!["top_p"]!.GetValue<double>());
        Assert.Equal("END", ollama["options"]!["stop"]![0]!.GetValue<string>());
        Assert.Equal("object", ollama["format"]!["type"]!.GetValue<string>());
        Assert.True(ollama["stream"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"model":"llama3.2","messages":[]}""", "messages is required")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model is required")]
    [InlineData("""{"model":"llama3.2","n":2,"messages":[{"role":"user","content":"hi"}]}""", "n must be 1")]
    [InlineData("""{"model":"llama3.2","tools":[{"type":"function"}],"messages":[{"role":"user","content":"hi"}]}""", "/ollama/api/chat")]
    [InlineData("""{"model":"llama3.2","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/cat.png"}}]}]}""", "data: URLs")]
    public void What_has_no_faithful_translation_is_refused_with_a_reason(string json, string says)
    {
        var (call, problem) = OpenAiRequests.Chat(JsonNode.Parse(json)!.AsObject());

        Assert.Null(call);
        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains(says, problem.ProblemDetails.Detail);
    }

    [Fact]
    public void A_json_object_response_format_asks_ollama_for_json_and_a_stream_is_off_unless_asked()
    {
        var (call, _) = OpenAiRequests.Completion(JsonNode.Parse("""{"model":"llama3.2","prompt":["one"],"response_format":{"type":"json_object"}}""")!.AsObject());

        Assert.Equal("json", call!.Ollama["format"]!.GetValue<string>());
        Assert.Equal("one", call.Ollama["prompt"]!.GetValue<string>());
        Assert.False(call.Stream);
    }
}
