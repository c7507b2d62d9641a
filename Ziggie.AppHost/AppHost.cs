using Microsoft.Extensions.Configuration;
using Ziggie.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: containers, or the developer's existing servers when configured.
var ziggiedb = builder.AddZiggieMongo();
var ollama = builder.AddZiggieOllama();
// Ziggie:Ollama:Models, pulled in the background once Ollama is up. Nothing waits for them: a 2 GB download
// must not keep the backend down, and the backend reports pulls itself.
ollama.AddConfiguredModels();

builder.AddProject<Projects.Ziggie_Backend>("backend")
    .WithHttpHostPort(builder.Configuration.GetValue("Ziggie:Ports:Backend", 54112))
    .WithExternalHttpEndpoints()
    .WithReference(ziggiedb).WaitForUnlessExisting(ziggiedb)
    .WithReference(ollama).WaitForUnlessExisting(ollama)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
