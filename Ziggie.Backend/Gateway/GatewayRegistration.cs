using Ziggie.Backend.Gateway.Ollama;
using Ziggie.Backend.Gateway.OpenAi;

namespace Ziggie.Backend.Gateway;

/// <summary>The doors other tools use: Ollama's API at <c>/ollama/</c>, the OpenAI-compatible API at <c>/v1/</c>.</summary>
public static class GatewayRegistration
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        // First in line: the problem details service asks its writers in registration order, and the default
        // writer (added by AddProblemDetails) would take every request.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, DoorProblemWriter>());
        builder.Services.AddSingleton<EmbedCall>();
        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder app)
    {
        app.MapOllamaDoor();
        app.MapOpenAiDoor();
        return app;
    }
}
