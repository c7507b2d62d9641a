using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

/// <summary>What generate and chat check before producing a token: the failure knob, then the model.</summary>
internal static class CompletionGuard
{
    /// <summary>The local model to run, or null after answering with the error Ollama would send.</summary>
    public static async Task<FakeModel?> ResolveModelAsync(FakeExchange exchange, string? requested)
    {
        var name = requested ?? "";
        if (exchange.Settings.FailStatus is int status)
        {
            await exchange.WriteErrorAsync(status, exchange.Settings.FailMessage ?? DefaultFailure(status, name));
            return null;
        }

        var model = exchange.Fake.LocalModels.Find(name);
        if (model is null)
        {
            // Ollama 0.12 answers this before scheduling a runner, quoting the name exactly as requested.
            await exchange.WriteErrorAsync(StatusCodes.Status404NotFound, $"model '{name}' not found");
        }
        return model;
    }

    /// <summary>What Ollama says with each failure status.</summary>
    internal static string DefaultFailure(int status, string model) => status switch
    {
        StatusCodes.Status404NotFound => $"model '{model}' not found",
        StatusCodes.Status503ServiceUnavailable => "server busy, please try again.  maximum pending requests exceeded",
        _ => "llama runner process has terminated: exit status 2",
    };
}
