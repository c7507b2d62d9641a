using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;
using OpenTelemetry.Trace;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Health;
using Ziggie.Backend.Orchestration;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Usage;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.Data;

public static class MongoRegistration
{
    /// <summary>How long an operation waits for a reachable server before it fails (the driver's default is 30 s).</summary>
    private static readonly TimeSpan ServerSelectionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One <see cref="IMongoClient"/> for the process and the <see cref="IMongoDatabase"/> named in
    /// <c>ConnectionStrings:ziggiedb</c>, with the driver's logs in ILogger and its spans in the traces
    /// (shaped like Aspire.MongoDB.Driver, which is not served here); the stores over it; the index
    /// initializer; 503 for database routes while MongoDB is down.
    /// </summary>
    /// <summary>The MongoDB driver's built-in activity source.</summary>
    public const string MongoDriverActivitySource = "MongoDB.Driver";

    public static IHostApplicationBuilder AddMongoDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => MongoUrl.Create(sp.GetRequiredService<IConfiguration>()[RequiredConfiguration.MongoKey]));
        builder.Services.AddSingleton<IMongoClient>(sp =>
        {
            var settings = MongoClientSettings.FromUrl(sp.GetRequiredService<MongoUrl>());
            settings.LoggingSettings = new LoggingSettings(sp.GetRequiredService<ILoggerFactory>());
            settings.ServerSelectionTimeout = ServerSelectionTimeout;
            return new MongoClient(settings);
        });
        builder.Services.AddSingleton(sp =>
            sp.GetRequiredService<IMongoClient>().GetDatabase(sp.GetRequiredService<MongoUrl>().DatabaseName));

        // The driver's own spans: only the backend talks to MongoDB, so the source is added here, not in the service defaults.
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(MongoDriverActivitySource));

        builder.Services.AddSingleton<IDatabaseStatus, MongoDatabaseStatus>();
        builder.Services.AddSingleton<IUserStore, MongoUserStore>();
        builder.Services.AddSingleton<IConversationStore, MongoConversationStore>();
        builder.Services.AddSingleton<IGenerationLog, MongoGenerationLog>();
        builder.Services.AddSingleton<IApiKeyStore, MongoApiKeyStore>();
        builder.Services.AddSingleton<IQuotaCounters, MongoQuotaCounters>();

        builder.Services.AddSingleton<MongoIndexInitializer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MongoIndexInitializer>());
        builder.Services.AddExceptionHandler<MongoUnavailableExceptionHandler>();

        builder.Services.AddHealthChecks()
            .AddCheck<MongoHealthCheck>("mongodb", HealthStatus.Degraded, [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<MongoIndexInitializer>("mongodb-indexes", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
