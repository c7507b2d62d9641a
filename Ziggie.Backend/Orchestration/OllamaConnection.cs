using System.Data.Common;

namespace Ziggie.Backend.Orchestration;

/// <summary>
/// <c>ConnectionStrings:ollama</c> in the CommunityToolkit format: <c>Endpoint=http://host:port</c>,
/// optionally <c>;Model=name</c> when it comes from a model resource.
/// </summary>
public sealed record OllamaConnection(Uri Endpoint, string? Model)
{
    /// <summary>The endpoint as people and logs see it: without a user name or password the URL might carry.</summary>
    public string Shown { get; } = new UriBuilder(Endpoint) { UserName = "", Password = "" }.Uri.ToString();

    public static bool TryRead(string? connectionString, out OllamaConnection connection, out string error)
    {
        connection = null!;
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException ex)
        {
            error = $"not a connection string ({ex.Message}); expected Endpoint=http://host:port";
            return false;
        }

        if (!builder.TryGetValue("Endpoint", out var endpoint) || endpoint is not string text
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = "expected Endpoint=http://host:port (an absolute http or https URL)";
            return false;
        }

        var model = builder.TryGetValue("Model", out var m) && m is string name && name.Length > 0 ? name : null;
        // A trailing slash keeps relative routes such as "api/chat" under a base path, if there is one.
        connection = new OllamaConnection(uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"), model);
        error = "";
        return true;
    }

    public static OllamaConnection Parse(string? connectionString) =>
        TryRead(connectionString, out var connection, out var error)
            ? connection
            : throw new InvalidOperationException($"{RequiredConfiguration.OllamaKey}: {error}");
}
