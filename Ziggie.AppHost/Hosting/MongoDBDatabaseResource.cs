namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A database on a <see cref="MongoDBServerResource"/>. Its connection string names the database in the path:
/// <c>mongodb://{user}:{password}@{host}:{port}/{database}?authSource=admin&amp;authMechanism=SCRAM-SHA-256</c>.
/// </summary>
public class MongoDBDatabaseResource : Resource, IResourceWithParent<MongoDBServerResource>, IResourceWithConnectionString
{
    /// <param name="name">The name of the resource.</param>
    /// <param name="databaseName">The name of the database on the server.</param>
    /// <param name="parent">The server that holds the database.</param>
    public MongoDBDatabaseResource(string name, string databaseName, MongoDBServerResource parent) : base(name)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        ArgumentNullException.ThrowIfNull(parent);

        DatabaseName = databaseName;
        Parent = parent;
    }

    /// <summary>Gets the name of the database on the server.</summary>
    public string DatabaseName { get; }

    /// <summary>Gets the server that holds the database.</summary>
    public MongoDBServerResource Parent { get; }

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression => Parent.BuildConnectionString(DatabaseName);
}
