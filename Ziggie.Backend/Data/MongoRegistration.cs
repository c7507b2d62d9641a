using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;
using Ziggie.Backend.Health;
using Ziggie.Backend.Orchestration;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.Data;

public static class MongoRegistration
{
    /// <summary>
    /// One <see cref="IMongoClient"/> for the process and the <see cref="IMongoDatabase"/> named in
    /// <c>ConnectionStrings:ziggiedb</c>, with the driver's logs in ILogger and its spans in the traces
    /// (shaped like Aspire.MongoDB.Driver, which is not served here).
    /// </summary>
    public static IHostApplicationBuilder AddMongoDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => MongoUrl.Create(sp.GetRequiredService<IConfiguration>()[RequiredConfiguration.MongoKey]));
        builder.Services.AddSingleton<IMongoClient>(sp =>
        {
            var settings = MongoClientSettings.FromUrl(sp.GetRequiredService<MongoUrl>());
            settings.LoggingSettings = new LoggingSettings(sp.GetRequiredService<ILoggerFactory>());
            return new MongoClient(settings);
        });
        builder.Services.AddSingleton(sp =>
            sp.GetRequiredService<IMongoClient>().GetDatabase(sp.GetRequiredService<MongoUrl>().DatabaseName));

        builder.Services.AddHealthChecks()
            .AddCheck<MongoHealthCheck>("mongodb", HealthStatus.Degraded, [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }
}
