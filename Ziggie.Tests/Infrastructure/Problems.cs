using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ziggie.Tests.Infrastructure;

public static class Problems
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Asserts the status and the ProblemDetails media type, and returns the problem, whose detail must say what to do.</summary>
    public static async Task<ProblemDetails> ReadAsync(HttpResponseMessage response, int status)
    {
        var body = await AssertStatusAsync(response, status);
        var problem = JsonSerializer.Deserialize<ProblemDetails>(body, Web)!;
        Assert.Equal(status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), body);
        return problem;
    }

    public static async Task<HttpValidationProblemDetails> ReadValidationAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<HttpValidationProblemDetails>(await AssertStatusAsync(response, 400), Web)!;

    private static async Task<string> AssertStatusAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }
}
