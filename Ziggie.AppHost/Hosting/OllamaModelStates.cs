namespace Aspire.Hosting.ApplicationModel;

/// <summary>The dashboard states of a model resource besides Aspire's own (Waiting, Running); docs/ollama.md explains each.</summary>
internal static class OllamaModelStates
{
    public const string ResourceType = "OllamaModel";
    public const string FailedToDownload = "Failed to download";
    public const string FailedToCheck = "Failed to check";
    public const string NotDownloaded = "Not downloaded";

    public static string Checking(string model) => $"Checking {model}";

    public static string Downloading(string model, long? percent = null) =>
        percent is { } value ? $"Downloading {model} {value} percent" : $"Downloading {model}";

    public static bool IsBusy(string? state) =>
        state is null || state == KnownResourceStates.Waiting || state.StartsWith("Checking ", StringComparison.Ordinal)
        || state.StartsWith("Downloading ", StringComparison.Ordinal);
}
