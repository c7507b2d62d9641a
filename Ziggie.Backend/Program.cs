using Ziggie.Backend.Api;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Gateway;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Orchestration;
using Ziggie.Backend.SystemInfo;
using Ziggie.Backend.Usage;

// The container health probe: checks the running instance and exits, before anything here starts a second one.
if (HealthProbe.IsRequested(args)) return await HealthProbe.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

if (RequiredConfiguration.FindProblem(app.Configuration) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

app.UseApplicationPipeline();
app.MapDefaultEndpoints();
app.MapLlmApi();
app.MapGateway();
app.MapAuthApi();
app.MapConversationsApi();
app.MapUsageApi();
app.MapSystemApi();

app.Run();
return 0;
