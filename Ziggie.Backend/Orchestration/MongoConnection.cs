using MongoDB.Driver;

namespace Ziggie.Backend.Orchestration;

/// <summary><c>ConnectionStrings:ziggiedb</c>: a MongoDB URI with the database in its path.</summary>
public static class MongoConnection
{
    public static bool TryRead(string? connectionString, out MongoUrl url, out string error)
    {
        url = null!;
        try
        {
            url = MongoUrl.Create(connectionString);
        }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            error = $"not a MongoDB URI ({ex.Message})";
            return false;
        }

        if (string.IsNullOrEmpty(url.DatabaseName))
        {
            error = "the URI names no database; expected mongodb://host:port/ziggie";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>The host list of the URI, for logs and status pages: never the credentials.</summary>
    public static string DescribeServers(MongoUrl url) => string.Join(",", url.Servers.Select(s => $"{s.Host}:{s.Port}"));
}
