using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>The azd manifest, exported the way README says.</summary>
public class ManifestTests
{
    [Fact]
    public async Task Manifest_lists_the_containers_volumes_secret_and_the_backend_wired_by_connection_strings()
    {
        var output = Directory.CreateTempSubdirectory("ziggie-manifest-");
        var path = Path.Combine(output.FullName, "aspire-manifest.json");
        try
        {
            var (exitCode, log) = await DotnetProcess.RunAsync(
                RepositoryPaths.AppHostDll, ["--publisher", "manifest", "--output-path", path], [], TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, log);

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
            var resources = manifest.RootElement.GetProperty("resources");

            var mongo = resources.GetProperty("mongodb");
            Assert.Equal("container.v0", mongo.GetProperty("type").GetString());
            Assert.StartsWith("docker.io/library/mongo:", mongo.GetProperty("image").GetString());
            Assert.Contains(mongo.GetProperty("volumes").EnumerateArray(), v => v.GetProperty("target").GetString() == "/data/db");
            Assert.Equal("{mongodb-password.value}", mongo.GetProperty("env").GetProperty("MONGO_INITDB_ROOT_PASSWORD").GetString());

            var password = resources.GetProperty("mongodb-password");
            Assert.Equal("parameter.v0", password.GetProperty("type").GetString());
            Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());

            Assert.Contains("/ziggie?", resources.GetProperty("ziggiedb").GetProperty("connectionString").GetString());

            var ollama = resources.GetProperty("ollama");
            Assert.Equal("container.v0", ollama.GetProperty("type").GetString());
            Assert.Contains(ollama.GetProperty("volumes").EnumerateArray(), v => v.GetProperty("target").GetString() == "/root/.ollama");

            var backend = resources.GetProperty("backend");
            Assert.Equal("project.v0", backend.GetProperty("type").GetString());
            var env = backend.GetProperty("env");
            Assert.Equal("{ziggiedb.connectionString}", env.GetProperty("ConnectionStrings__ziggiedb").GetString());
            Assert.Equal("{ollama.connectionString}", env.GetProperty("ConnectionStrings__ollama").GetString());

            AssertFrontendIsTheStaticSiteBehindItsProxy(resources.GetProperty("frontend"));

            foreach (var (parameter, variable) in new[] { ("admin-password", "Ziggie__Admin__Password"), ("jwt-signing-key", "Ziggie__Jwt__SigningKey") })
            {
                var input = resources.GetProperty(parameter).GetProperty("inputs").GetProperty("value");
                Assert.True(input.GetProperty("secret").GetBoolean(), parameter);
                Assert.True(input.GetProperty("default").TryGetProperty("generate", out _), $"{parameter} is generated when not set");
                Assert.Equal($"{{{parameter}.value}}", env.GetProperty(variable).GetString());
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>Published, the Vite app is the Dockerfile's nginx image; its template reads exactly the variables the manifest sets.</summary>
    static void AssertFrontendIsTheStaticSiteBehindItsProxy(JsonElement frontend)
    {
        Assert.StartsWith("container.v", frontend.GetProperty("type").GetString());
        var dockerfile = frontend.GetProperty("build").GetProperty("dockerfile").GetString()!;
        Assert.EndsWith("Ziggie.Frontend/Dockerfile", dockerfile.Replace('\\', '/'));
        Assert.True(frontend.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());

        var env = frontend.GetProperty("env");
        Assert.Equal("{backend.bindings.http.url}", env.GetProperty("BACKEND_URL").GetString());
        Assert.Equal("{frontend.bindings.http.targetPort}", env.GetProperty("PORT").GetString());

        var template = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend", "nginx.conf.template"));
        var variables = System.Text.RegularExpressions.Regex.Matches(template, @"\$\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().Order();
        Assert.Equal(["BACKEND_URL", "PORT"], variables);
        Assert.Contains("proxy_buffering off", template);
    }
}
