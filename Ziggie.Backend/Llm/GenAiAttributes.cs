namespace Ziggie.Backend.Llm;

/// <summary>
/// OpenTelemetry's semantic-convention names for generative-AI calls, so the dashboard and any other
/// OpenTelemetry tool recognise Ziggie's spans and metrics without being told.
/// </summary>
public static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    /// <summary>The older name of <see cref="ProviderName"/>, still the one some tools look for.</summary>
    public const string System = "gen_ai.system";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    public const string Chat = "chat";
    public const string TextCompletion = "text_completion";
    public const string Ollama = "ollama";

    /// <summary>Ziggie's own tag on <c>ziggie.llm.requests</c>: ok, error, timeout or cancelled.</summary>
    public const string Outcome = "outcome";
}
