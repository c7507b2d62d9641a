using System.Reflection;
using System.Text.RegularExpressions;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Docs;

/// <summary>docs/security.md cites a test for every row; each cited test must exist, so the table cannot drift from the evidence.</summary>
public partial class SecurityDocTests
{
    [Fact]
    public async Task Every_test_the_security_doc_cites_exists()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "security.md"), TestContext.Current.CancellationToken);
        var cited = Cited().Matches(doc).Select(m => (Type: $"Ziggie.Tests.{m.Groups[1].Value}.{m.Groups[2].Value}", Method: m.Groups[3].Value)).Distinct().ToArray();

        Assert.True(cited.Length >= 30, $"only {cited.Length} tests cited");
        var missing = cited.Where(c => Type.GetType(c.Type)?.GetMethod(c.Method, BindingFlags.Public | BindingFlags.Instance) is not { } method
                || !method.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .Select(c => $"{c.Type}.{c.Method}")
            .ToArray();
        Assert.Empty(missing);
    }

    [GeneratedRegex(@"`([A-Za-z]+)\.([A-Za-z]+Tests)\.([A-Za-z_0-9]+)`")]
    private static partial Regex Cited();
}
