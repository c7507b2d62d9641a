namespace Ziggie.Backend.Gateway;

/// <summary>The two doors other tools come in by, told apart by their path prefix.</summary>
public enum GatewayDoor { None, Ollama, OpenAi }

public static class GatewayDoors
{
    public const string OllamaPrefix = "/ollama";
    public const string OpenAiPrefix = "/v1";

    public static GatewayDoor Of(PathString path) =>
        path.StartsWithSegments(OllamaPrefix, StringComparison.OrdinalIgnoreCase) ? GatewayDoor.Ollama
        : path.StartsWithSegments(OpenAiPrefix, StringComparison.OrdinalIgnoreCase) ? GatewayDoor.OpenAi
        : GatewayDoor.None;
}
