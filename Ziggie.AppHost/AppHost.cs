using Microsoft.Extensions.Configuration;
using Ziggie.AppHost.Deployment;
using Ziggie.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Nothing starts while another process holds a port Ziggie pins (the old stray-copies incident).
builder.AddPortGuard();
// Ctrl+C while still starting (e.g. waiting for Docker) is the user's choice: one line, no stack trace.
builder.AddQuietStop();

// Infrastructure: containers, or the developer's existing servers when configured.
var ziggiedb = builder.AddZiggieMongo();
// Ollama: one node, or several (Ziggie:Ollama:Nodes:0, :1, … or Ziggie:Ollama:Containers; docs/scaling.md).
var ollama = builder.AddZiggieOllamaNodes();
// Ziggie:Ollama:Models on each node, pulled in the background once it is up. Nothing waits for them: a 2 GB download
// must not keep the backend down, and the backend reports pulls itself.
ollama.AddConfiguredModels();
// Redis, when Ziggie:Backend:Replicas asks for several backends (or ConnectionStrings:cache names one): they share
// their limits, slots and pulls there.
var cache = builder.AddZiggieCache();

var backend = builder.AddProject<Projects.Ziggie_Backend>("backend")
    .WithHttpHostPort(builder.Configuration.GetValue("Ziggie:Ports:Backend", 54112))
    .WithExternalHttpEndpoints()
    .WithPublicUrlIn("Ziggie__System__PublicUrl")
    .WithReference(ziggiedb).WaitForUnlessExisting(ziggiedb)
    .WithOllamaNodes(ollama)
    .WithZiggieSecrets()
    .WithReplicasSharing(cache)
    // The dashboard shows what /health says (degraded while MongoDB or Ollama is away), not only its 200.
    .WithHealthReportCheck("/health");

// Apps: the control center; its dev server proxies /api and /ws to the backend Aspire names for it.
builder.AddViteApp("frontend", "../Ziggie.Frontend")
    .WithNpmPackageInstallation()
    .WithHttpHostPort(builder.Configuration.GetValue("Ziggie:Ports:Frontend", 3001))
    .WithExternalHttpEndpoints()
    // Started with the backend, not once it is healthy: a degraded backend still serves, and the UI says what is missing.
    .WithReference(backend).WaitForStart(backend)
    .WithHttpHealthCheck("/")
    .PublishAsStaticSite(backend.GetEndpoint("http"));

// No Docker (containers in the model, runtime not answering): say so at once, with both ways out.
builder.AddContainerRuntimeCheck();

// Deployment: `--operation publish --step publish-compose` exports this model as a compose project.
builder.AddComposeExport();

return await builder.Build().RunToExitCodeAsync();
