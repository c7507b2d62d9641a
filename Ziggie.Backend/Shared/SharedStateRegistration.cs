using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.Shared;

public static class SharedStateRegistration
{
    /// <summary>
    /// The state replicas share (<see cref="SharedStore"/>): in Redis when <c>ConnectionStrings:cache</c> is set, which
    /// the AppHost does when it runs more than one backend; in process otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddSharedState(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SharedStore>();
        builder.Services.AddSingleton<SlotLeases>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SlotLeases>());
        builder.Services.AddSingleton<SharedPulls>();
        builder.Services.AddSingleton<SharedInvalidation>();
        builder.Services.AddExceptionHandler<SharedStateUnavailableHandler>();

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(SharedStore.ConnectionName)))
        {
            // Degraded, not unhealthy: everything but the limited routes keeps working while Redis is away.
            builder.Services.AddHealthChecks()
                .AddCheck<SharedStoreHealthCheck>(SharedStore.ConnectionName, HealthStatus.Degraded, [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }

        return builder;
    }
}
