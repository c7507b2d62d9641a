using Microsoft.Extensions.Configuration;
using Ziggie.AppHost.Deployment;
using Ziggie.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Nothing starts while another process holds a port Ziggie pins (the old stray-copies incident).
builder.AddPortGuard();

// Infrastructure: containers, or the developer's existing servers when configured.
var ziggiedb = builder.AddZiggieMongo();
var ollama = builder.AddZiggieOllama();
// Ziggie:Ollama:Models, pulled in the background once Ollama is up. Nothing waits for them: a 2 GB download
// must not keep the backend down, and the backend reports pulls itself.
ollama.AddConfiguredModels();

var backend = builder.AddProject<Projects.Ziggie_Backend>("backend")
    .WithHttpHostPort(builder.Configuration.GetValue("Ziggie:Ports:Backend", 54112))
    .WithExternalHttpEndpoints()
    .WithPublicUrlIn("Ziggie__System__PublicUrl")
    .WithReference(ziggiedb).WaitForUnlessExisting(ziggiedb)
    .WithReference(ollama).WaitForUnlessExisting(ollama)
    .WithZiggieSecrets()
    .WithHttpHealthCheck("/health");

// Apps: the control center; its dev server proxies /api and /ws to the backend Aspire names for it.
builder.AddViteApp("frontend", "../Ziggie.Frontend")
    .WithNpmPackageInstallation()
    .WithHttpHostPort(builder.Configuration.GetValue("Ziggie:Ports:Frontend", 3001))
    .WithExternalHttpEndpoints()
    .WithReference(backend).WaitFor(backend)
    .WithHttpHealthCheck("/")
    .PublishAsStaticSite(backend.GetEndpoint("http"));

// Deployment: `--operation publish --step publish-compose` exports this model as a compose project.
builder.AddComposeExport();

return await builder.Build().RunToExitCodeAsync();
