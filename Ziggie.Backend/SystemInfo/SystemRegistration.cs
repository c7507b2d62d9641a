using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Ziggie.Backend.SystemInfo;

public static class SystemRegistration
{
    public const string SocketPath = "/ws";

    public static IHostApplicationBuilder AddSystemInfo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SystemOptions>().BindConfiguration(SystemOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CpuMeter>();
        builder.Services.AddSingleton<DiskMeter>();
        builder.Services.AddSingleton<SystemStatsReader>();
        builder.Services.AddSingleton<ServiceDirectory>();

        // A browser cannot set headers on a WebSocket, so /ws (and nothing else) takes the token from the
        // subprotocol list (`new WebSocket(url, ["bearer", token])`, what the control center sends: the URL stays
        // clean, so a failed connection's console line shows no token) or, for older clients, from ?access_token=.
        // Everywhere else a token in the URL would end up in logs and histories.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            bearer.Events ??= new JwtBearerEvents();
            var previous = bearer.Events.OnMessageReceived;
            bearer.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                if (context.Token is null && context.HttpContext.Request.Path.Equals(SocketPath, StringComparison.OrdinalIgnoreCase))
                {
                    context.Token = StatsSocket.TokenFromProtocols(context.HttpContext)
                        ?? (context.Request.Query["access_token"] is [{ Length: > 0 } token] ? token : null);
                }
            };
        });
        return builder;
    }
}
