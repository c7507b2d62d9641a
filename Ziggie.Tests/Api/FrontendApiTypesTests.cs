using System.Diagnostics;
using Ziggie.Tests.Browser;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Api;

/// <summary>
/// The front end's API types (<c>Ziggie.Frontend/src/api/openapi.ts</c>) are generated from the backend's OpenAPI
/// document by openapi-typescript: a field added, renamed or removed in C# fails here until the file is regenerated,
/// and then <c>tsc</c> in <c>npm run build</c> fails wherever the front end uses a shape that no longer exists.
/// </summary>
public class FrontendApiTypesTests
{
    /// <summary>Set to 1 to write the regenerated file instead of comparing with it.</summary>
    public const string WriteVariable = "ZIGGIE_WRITE_API_TYPES";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_checked_in_api_types_are_what_openapi_typescript_makes_of_the_backends_document()
    {
        await FrontendBuild.EnsurePackagesAsync(); // the pinned openapi-typescript; a build may fail until the file is regenerated
        await using var ziggie = await TestBackend.StartAsync();
        var document = await ziggie.Client.GetStringAsync("/openapi/v1.json", Cancel);
        var folder = Directory.CreateTempSubdirectory("ziggie-api-types-");
        try
        {
            var json = Path.Combine(folder.FullName, "openapi.json");
            var generated = Path.Combine(folder.FullName, "openapi.ts");
            await File.WriteAllTextAsync(json, document, Cancel);

            var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npx.cmd" : "npx", ["--no-install", "openapi-typescript", json, "-o", generated])
            {
                WorkingDirectory = FrontendBuild.ProjectDirectory,
            };
            var result = await ChildProcess.TryRunAsync(start, TimeSpan.FromMinutes(2));
            Assert.True(result is { ExitCode: 0 }, $"openapi-typescript failed: {result?.Output ?? "npx was not found"}");

            var checkedIn = Path.Combine(FrontendBuild.ProjectDirectory, "src", "api", "openapi.ts");
            var fresh = await File.ReadAllTextAsync(generated, Cancel);
            if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            {
                await File.WriteAllTextAsync(checkedIn, fresh, Cancel);
            }

            Assert.True(File.Exists(checkedIn) && fresh == await File.ReadAllTextAsync(checkedIn, Cancel),
                $"Ziggie.Frontend/src/api/openapi.ts is not what the backend's OpenAPI document gives. Regenerate it with " +
                $"`{WriteVariable}=1 dotnet test --project Ziggie.Tests -- --filter-class \"*{nameof(FrontendApiTypesTests)}\"`, " +
                "then `npm run build` in Ziggie.Frontend shows what the front end must change.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
