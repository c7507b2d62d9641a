using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

// Mirrors Aspire.Hosting.MongoDB (not served here): same namespaces, names and defaults, so the official
// package can replace these files without changing AppHost.cs.
namespace Aspire.Hosting;

/// <summary>
/// Adds MongoDB servers and databases to the application model, shaped like Aspire.Hosting.MongoDB.
/// </summary>
public static class MongoDBHostingExtensions
{
    private const string Image = "library/mongo";
    private const string Tag = "8.2";
    private const string Registry = "docker.io";
    private const int ContainerPort = 27017;

    /// <summary>
    /// Adds a MongoDB server container (<c>docker.io/library/mongo:8.2</c>) with a root user, a <c>tcp</c>
    /// endpoint and a health check that pings the server.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The name of the resource.</param>
    /// <param name="port">The host port, or <see langword="null"/> for one chosen by Aspire.</param>
    /// <param name="userName">The root user name, or <see langword="null"/> for <c>admin</c>.</param>
    /// <param name="password">The root password, or <see langword="null"/> for a generated
    /// <c>{name}-password</c> parameter.</param>
    public static IResourceBuilder<MongoDBServerResource> AddMongoDB(
        this IDistributedApplicationBuilder builder,
        string name,
        int? port = null,
        IResourceBuilder<ParameterResource>? userName = null,
        IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var passwordParameter = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var server = new MongoDBServerResource(name, userName?.Resource, passwordParameter);

        string? connectionString = null;
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new MongoDBHealthCheck(() => connectionString));

        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: ContainerPort, name: MongoDBServerResource.PrimaryEndpointName)
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["MONGO_INITDB_ROOT_USERNAME"] = server.UserNameReference;
                context.EnvironmentVariables["MONGO_INITDB_ROOT_PASSWORD"] = server.PasswordParameter;
            })
            .OnConnectionStringAvailable(async (resource, _, cancellationToken) =>
                connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken))
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds a database to a MongoDB server. Its connection string names the database in the path.
    /// </summary>
    /// <param name="builder">The MongoDB server.</param>
    /// <param name="name">The name of the resource, and the connection string name of those that reference it.</param>
    /// <param name="databaseName">The database name; defaults to <paramref name="name"/>.</param>
    public static IResourceBuilder<MongoDBDatabaseResource> AddDatabase(
        this IResourceBuilder<MongoDBServerResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        databaseName ??= name;
        builder.Resource.AddDatabase(name, databaseName);
        return builder.ApplicationBuilder.AddResource(new MongoDBDatabaseResource(name, databaseName, builder.Resource));
    }

    /// <summary>
    /// Keeps the server's data (<c>/data/db</c>) in a named volume across container restarts.
    /// </summary>
    /// <param name="builder">The MongoDB server.</param>
    /// <param name="name">The volume name; defaults to one derived from the AppHost and resource names.</param>
    public static IResourceBuilder<MongoDBServerResource> WithDataVolume(
        this IResourceBuilder<MongoDBServerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), "/data/db");
    }
}
