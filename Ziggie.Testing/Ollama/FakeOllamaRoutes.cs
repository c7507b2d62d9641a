using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Ziggie.Testing.Ollama;

/// <summary>The fake's route table: the subset of Ollama's REST API that Ziggie and its clients use.</summary>
internal static class FakeOllamaRoutes
{
    public static void MapFakeOllamaApi(this IEndpointRouteBuilder routes, FakeOllama fake)
    {
        string[] getOrHead = ["GET", "HEAD"];
        routes.MapMethods("/", getOrHead, FakeExchange.Handle(fake, FakeStatusApi.RootAsync));
        routes.MapMethods("/api/version", getOrHead, FakeExchange.Handle(fake, FakeStatusApi.VersionAsync));

        routes.MapMethods("/api/tags", getOrHead, FakeExchange.Handle(fake, FakeModelApi.TagsAsync));
        routes.MapPost("/api/show", FakeExchange.Handle(fake, FakeModelApi.ShowAsync));
        routes.MapGet("/api/ps", FakeExchange.Handle(fake, FakeModelApi.PsAsync));
        routes.MapDelete("/api/delete", FakeExchange.Handle(fake, FakeModelApi.DeleteAsync));
        routes.MapPost("/api/copy", FakeExchange.Handle(fake, FakeModelApi.CopyAsync));
        routes.MapPost("/api/pull", FakeExchange.Handle(fake, FakePullApi.PullAsync));

        routes.MapPost("/api/generate", FakeExchange.Handle(fake, FakeGenerateApi.GenerateAsync));
        routes.MapPost("/api/chat", FakeExchange.Handle(fake, FakeChatApi.ChatAsync));
        routes.MapPost("/api/embed", FakeExchange.Handle(fake, FakeEmbedApi.EmbedAsync));
        routes.MapPost("/api/embeddings", FakeExchange.Handle(fake, FakeEmbedApi.EmbeddingsAsync));

        // Ollama's own OpenAI-compatible chat: what a client calling Ollama directly at /v1 gets (the bench's baseline).
        routes.MapPost("/v1/chat/completions", FakeExchange.Handle(fake, FakeOpenAiChatApi.ChatCompletionsAsync));
    }
}
