using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Orchestration;

/// <summary>
/// The settings only the AppHost provides. The backend has no fallback for any of them: the old
/// backend fell back to the host name "ollama" and six stray copies answered for days in place of
/// the real one. A copy started by hand must refuse to start, loudly.
/// </summary>
public static class RequiredConfiguration
{
    public const string MongoKey = "ConnectionStrings:ziggiedb";
    public const string OllamaKey = "ConnectionStrings:ollama";
    public const string SigningKeyKey = "Ziggie:Jwt:SigningKey";
    public const string AdminPasswordKey = "Ziggie:Admin:Password";
    public const string StartCommand = "dotnet run --project Ziggie.AppHost";

    private static readonly string[] Keys = [MongoKey, OllamaKey, SigningKeyKey, AdminPasswordKey];

    /// <summary>Returns why the backend cannot start, or null when everything it needs is there.</summary>
    public static string? FindProblem(IConfiguration configuration)
    {
        var missing = Keys.Where(key => string.IsNullOrWhiteSpace(configuration[key])).ToArray();
        if (missing.Length > 0)
        {
            return $"""
                Ziggie.Backend cannot start: missing configuration {string.Join(", ", missing)}.
                The AppHost injects these; the backend has no fallback addresses, so that a copy started by hand
                can never answer in place of the real one. Start Ziggie with:
                    {StartCommand}
                """;
        }

        var invalid = new[]
        {
            OllamaNodes.TryRead(configuration, out _, out var ollamaError) ? null : ollamaError,
            MongoConnection.TryRead(configuration[MongoKey], out _, out var mongoError) ? null : $"{MongoKey}: {mongoError}",
            configuration[SigningKeyKey]!.Length >= 32 ? null : $"{SigningKeyKey}: shorter than 32 characters (256 bits); the AppHost generates a long one",
        }.OfType<string>().ToArray();

        return invalid.Length == 0
            ? null
            : $"""
                Ziggie.Backend cannot start: invalid configuration.
                    {string.Join(Environment.NewLine + "    ", invalid)}
                These values come from the AppHost; start Ziggie with:
                    {StartCommand}
                """;
    }
}
