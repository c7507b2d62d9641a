using System.Text.Json;
using Ziggie.Tests.Deployment;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>The azd manifest, exported the way README says.</summary>
public class ManifestTests
{
    // The resource types azd's manifest loader reads (Azure/azure-dev, cli/azd/pkg/apphost/generate.go). annotated.string
    // (mongodb-password-uri-encoded, the password escaped for the connection string's URI) needs azd 1.20.3 or later.
    private static readonly string[] TypesAzdReads =
        ["container.v0", "container.v1", "project.v0", "project.v1", "dockerfile.v0", "parameter.v0", "value.v0", "annotated.string"];

    private static async Task<JsonDocument> ExportManifestAsync(params string[] configuration)
    {
        var output = Directory.CreateTempSubdirectory("ziggie-manifest-");
        var path = Path.Combine(output.FullName, "aspire-manifest.json");
        try
        {
            var (exitCode, log) = await DotnetProcess.RunAsync(
                RepositoryPaths.AppHostDll, ["--publisher", "manifest", "--output-path", path, .. configuration], [], TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, log);
            return JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Manifest_passes_the_ingress_rules_azd_applies_to_container_apps_and_has_no_fixed_http_port()
    {
        using var manifest = await ExportManifestAsync();

        var checkedResources = 0;
        foreach (var resource in manifest.RootElement.GetProperty("resources").EnumerateObject())
        {
            Assert.Contains(resource.Value.GetProperty("type").GetString(), TypesAzdReads);
            if (!resource.Value.TryGetProperty("bindings", out var bindings)) continue;

            checkedResources++;
            Assert.Empty(AzdIngressRules.Violations(resource.Name, bindings));
            foreach (var binding in bindings.EnumerateObject().Where(b => b.Value.GetProperty("scheme").GetString() == "http"))
            {
                Assert.False(binding.Value.TryGetProperty("port", out var port), $"{resource.Name}.{binding.Name} has the fixed port {port}");
            }
        }

        Assert.Equal(4, checkedResources); // mongodb, ollama, backend, frontend
    }

    [Fact]
    public async Task With_two_backend_replicas_the_manifest_still_passes_the_ingress_rules_and_keeps_redis_internal()
    {
        using var manifest = await ExportManifestAsync("Ziggie:Backend:Replicas=2");

        var resources = manifest.RootElement.GetProperty("resources");
        foreach (var resource in resources.EnumerateObject())
        {
            Assert.Contains(resource.Value.GetProperty("type").GetString(), TypesAzdReads);
            if (resource.Value.TryGetProperty("bindings", out var bindings)) Assert.Empty(AzdIngressRules.Violations(resource.Name, bindings));
        }

        var cache = resources.GetProperty("cache");
        Assert.DoesNotContain(cache.GetProperty("bindings").EnumerateObject(), b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
        Assert.Contains("cache", resources.GetProperty("backend").GetProperty("env").GetProperty("ConnectionStrings__cache").GetString());
    }

    [Fact]
    public void The_ingress_rules_reject_what_azd_rejects()
    {
        static JsonElement Bindings(string json) => JsonDocument.Parse(json).RootElement;

        // The backend's binding as it was: azd stopped with exactly this.
        Assert.Contains("Binding http can't be mapped to main ingress because it has port 54112 defined",
            Assert.Single(AzdIngressRules.Violations("backend", Bindings("""{"http":{"scheme":"http","port":54112,"external":true},"https":{"scheme":"https","external":true}}"""))));
        Assert.Contains("Multiple external endpoints", Assert.Single(AzdIngressRules.Violations("x", Bindings(
            """{"a":{"scheme":"http","targetPort":80,"external":true},"b":{"scheme":"http","targetPort":81,"external":true}}"""))));
        Assert.Contains("no container port", Assert.Single(AzdIngressRules.Violations("x", Bindings("""{"t":{"scheme":"tcp"}}"""))));
        Assert.Empty(AzdIngressRules.Violations("x", Bindings("""{"http":{"scheme":"http","port":80,"targetPort":8080,"external":true}}""")));
    }

    [Fact]
    public async Task Published_projects_do_not_trust_forwarded_headers_from_everyone()
    {
        using var manifest = await ExportManifestAsync();

        var env = manifest.RootElement.GetProperty("resources").GetProperty("backend").GetProperty("env");
        Assert.False(env.TryGetProperty("ASPNETCORE_FORWARDEDHEADERS_ENABLED", out _));
    }

    [Fact]
    public async Task Manifest_lists_the_containers_volumes_secret_and_the_backend_wired_by_connection_strings()
    {
        using var manifest = await ExportManifestAsync();
        {
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
    }

    /// <summary>Published, the Vite app is the Dockerfile's nginx image; its template reads exactly the variables the manifest sets.</summary>
    private static void AssertFrontendIsTheStaticSiteBehindItsProxy(JsonElement frontend)
    {
        Assert.StartsWith("container.v", frontend.GetProperty("type").GetString());
        var dockerfile = frontend.GetProperty("build").GetProperty("dockerfile").GetString()!;
        Assert.EndsWith("Ziggie.Frontend/Dockerfile", dockerfile.Replace('\\', '/'));
        var http = frontend.GetProperty("bindings").GetProperty("http");
        Assert.True(http.GetProperty("external").GetBoolean());
        // nginx listens on PORT, which is the binding's target port: the port the ingress forwards to.
        Assert.Equal(8080, http.GetProperty("targetPort").GetInt32());

        var env = frontend.GetProperty("env");
        Assert.Equal("{backend.bindings.http.url}", env.GetProperty("BACKEND_URL").GetString());
        Assert.Equal("{frontend.bindings.http.targetPort}", env.GetProperty("PORT").GetString());

        var template = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend", "nginx.conf.template"));
        var variables = System.Text.RegularExpressions.Regex.Matches(template, @"\$\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().Order();
        // NGINX_LOCAL_RESOLVERS comes from the image's own entrypoint (NGINX_ENTRYPOINT_LOCAL_RESOLVERS in the Dockerfile).
        Assert.Equal(["BACKEND_URL", "NGINX_LOCAL_RESOLVERS", "PORT"], variables);
        Assert.Contains("proxy_buffering off", template);
    }
}
