using Microsoft.Extensions.Configuration;
using Ziggie.AppHost.Deployment;
using Ziggie.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Nothing starts while another process holds a port Ziggie pins (the old stray-copies incident).
builder.AddPortGuard();

// Infrastructure: containers, or the developer's existing servers when configured.
var ziggiedb = builder.AddZiggieMongo();
var ollama = builder.AddZiggieOllama();

builder.AddProject<Projects.Ziggie_Backend>("backend")
    .WithHttpHostPort(builder.Configuration.GetValue("Ziggie:Ports:Backend", 54112))
    .WithExternalHttpEndpoints()
    .WithReference(ziggiedb).WaitForUnlessExisting(ziggiedb)
    .WithReference(ollama).WaitForUnlessExisting(ollama)
    .WithZiggieSecrets()
    .WithHttpHealthCheck("/health");

// Deployment: `--operation publish --step publish-compose` exports this model as a compose project.
builder.AddComposeExport();

return await builder.Build().RunToExitCodeAsync();
