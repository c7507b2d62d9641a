using System.Net.Http.Json;
using System.Text;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>
/// Every body type, sent with nulls where objects belong and in shapes that are no object at all: 400 in the
/// API's words (the field, what was expected), never a 500 and never the framework's wording or a C# type name.
/// </summary>
public class BodyShapeTests(SharedBackend shared) : IClassFixture<SharedBackend>
{
    private const string AnyId = "0123456789abcdef01234567";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Request(string method, string path, string? body, string mediaType = "application/json") => new(new HttpMethod(method), path)
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType),
    };

    [Theory]
    [InlineData("""{"model":"llama3.2","messages":[null]}""", "messages[0]")]
    [InlineData("""{"model":"llama3.2","messages":[{"role":"user","content":"hi"},null]}""", "messages[1]")]
    [InlineData("""{"model":"llama3.2","messages":null}""", "messages")]
    [InlineData("""{"model":"llama3.2","messages":[{"role":null,"content":"hi"}]}""", "messages[0].role")]
    public async Task A_chat_with_null_where_a_message_belongs_answers_400_naming_it(string body, string field)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.SendAsync(Request("POST", "/api/llm/chat", body), Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Contains(field, problem.Detail);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/chat");
    }

    // Each body type of the API with JSON null for the whole body and for its required fields.
    [Theory]
    [InlineData("POST", "/api/llm/generate", """{"model":null,"prompt":null}""", "model")]
    [InlineData("POST", "/api/auth/login", """{"username":null,"password":null}""", "username")]
    [InlineData("POST", "/api/auth/change-password", """{"current_password":null,"new_password":null}""", "new_password")]
    [InlineData("POST", "/api/auth/users", """{"username":null,"password":null,"role":null}""", "role")]
    [InlineData("PATCH", "/api/conversations/" + AnyId, """{"title":null}""", "title")]
    public async Task Null_required_fields_answer_400_naming_them(string method, string path, string body, string field)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Admin.SendAsync(Request(method, path, body), Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains(field, problem.Errors.Keys);
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "/api/llm/generate" },
        { "POST", "/api/llm/chat" },
        { "POST", "/api/llm/models/pull" },
        { "POST", "/api/auth/login" },
        { "PUT", "/api/auth/me" },
        { "POST", "/api/auth/change-password" },
        { "POST", "/api/auth/users" },
        { "PUT", "/api/auth/users/" + AnyId },
        { "POST", "/api/conversations" },
        { "PATCH", "/api/conversations/" + AnyId },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_empty_or_null_body_answers_400_saying_a_json_object_is_expected(string method, string path)
    {
        var ziggie = shared.Ziggie;

        foreach (var body in new[] { null, "", "null" })
        {
            var response = await ziggie.Admin.SendAsync(Request(method, path, body), Cancel);

            var problem = await Problems.ReadAsync(response, 400);
            Assert.Contains("The request body is empty", problem.Detail);
            AssertInTheApisWords(problem.Detail!);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_body_that_is_no_object_answers_400_saying_an_object_is_expected(string method, string path)
    {
        var ziggie = shared.Ziggie;

        foreach (var body in new[] { "[]", "[null]", "\"text\"", "42", "true" })
        {
            var response = await ziggie.Admin.SendAsync(Request(method, path, body), Cancel);

            var problem = await Problems.ReadAsync(response, 400);
            Assert.Contains("must be one JSON object", problem.Detail);
            AssertInTheApisWords(problem.Detail!);
        }
    }

    [Theory]
    [InlineData("""{"model":"llama3.2","prompt":{}}""", "prompt")]
    [InlineData("""{"model":"llama3.2","prompt":"hi","temperature":"warm"}""", "temperature")]
    [InlineData("""{"model":["llama3.2"],"prompt":"hi"}""", "model")]
    public async Task A_field_of_the_wrong_json_type_answers_400_naming_the_field(string body, string field)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.SendAsync(Request("POST", "/api/llm/generate", body), Cancel);

        var problem = await Problems.ReadAsync(response, 400);
        Assert.Contains($"'{field}'", problem.Detail);
        AssertInTheApisWords(problem.Detail!);
    }

    [Fact]
    public async Task A_body_that_is_not_json_media_answers_saying_to_send_json()
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.SendAsync(Request("POST", "/api/llm/generate", "model=llama3.2", "text/plain"), Cancel);

        var problem = await Problems.ReadAsync(response, 415);
        Assert.Contains("Content-Type: application/json", problem.Detail);
        AssertInTheApisWords(problem.Detail!);
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_answers_400_naming_it()
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.GetAsync("/api/usage/llm?all=maybe", Cancel);

        var problem = await Problems.ReadAsync(response, 400);
        Assert.Contains("'all'", problem.Detail);
        AssertInTheApisWords(problem.Detail!);
    }

    private static void AssertInTheApisWords(string detail)
    {
        foreach (var framework in new[] { "Ziggie.", "System.", "Implicit body", "Did you mean", "Required parameter", "Failed to bind", "could not be converted", "Path: $" })
        {
            Assert.DoesNotContain(framework, detail);
        }
    }
}
