namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A MongoDB server running in a container.
/// </summary>
/// <param name="name">The name of the resource.</param>
/// <param name="userNameParameter">The root user name, or <see langword="null"/> for <c>admin</c>.</param>
/// <param name="passwordParameter">The root password.</param>
public class MongoDBServerResource(string name, ParameterResource? userNameParameter, ParameterResource passwordParameter)
    : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    private const string DefaultUserName = "admin";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);
    private EndpointReference? _primaryEndpoint;

    /// <summary>Gets the endpoint clients connect to.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>Gets the parameter that holds the root user name, if one was given.</summary>
    public ParameterResource? UserNameParameter { get; } = userNameParameter;

    /// <summary>Gets the parameter that holds the root password.</summary>
    public ParameterResource PasswordParameter { get; } = passwordParameter;

    /// <summary>Gets the root user name: the parameter when given, else <c>admin</c>.</summary>
    public ReferenceExpression UserNameReference => UserNameParameter is null
        ? ReferenceExpression.Create($"{DefaultUserName}")
        : ReferenceExpression.Create($"{UserNameParameter}");

    /// <summary>
    /// Gets the server's connection string:
    /// <c>mongodb://{user}:{password}@{host}:{port}/?authSource=admin&amp;authMechanism=SCRAM-SHA-256</c>.
    /// </summary>
    public ReferenceExpression ConnectionStringExpression => BuildConnectionString(databaseName: null);

    /// <summary>Gets the databases added with <c>AddDatabase</c>, keyed by resource name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    internal void AddDatabase(string name, string databaseName) => _databases.TryAdd(name, databaseName);

    internal ReferenceExpression BuildConnectionString(string? databaseName)
    {
        var builder = new ReferenceExpressionBuilder();
        builder.AppendLiteral("mongodb://");
        if (UserNameParameter is null)
        {
            builder.AppendLiteral(DefaultUserName);
        }
        else
        {
            builder.Append($"{UserNameParameter:uri}");
        }
        builder.Append($":{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}/");
        if (databaseName is not null)
        {
            builder.AppendLiteral(Uri.EscapeDataString(databaseName));
        }
        builder.AppendLiteral("?authSource=admin&authMechanism=SCRAM-SHA-256");
        return builder.Build();
    }
}
