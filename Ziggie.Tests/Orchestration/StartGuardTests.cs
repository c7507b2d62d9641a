using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Orchestration;

/// <summary>The built backend, started by hand the way the stray copies of the old incident were.</summary>
public class StartGuardTests
{
    [Fact]
    public async Task Backend_without_configuration_exits_nonzero_naming_the_keys_and_the_AppHost()
    {
        var (exitCode, output) = await RunBackendAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:ziggiedb", output);
        Assert.Contains("ConnectionStrings:ollama", output);
        Assert.Contains("Ziggie:Jwt:SigningKey", output);
        Assert.Contains("Ziggie:Admin:Password", output);
        Assert.Contains("dotnet run --project Ziggie.AppHost", output);
    }

    [Fact]
    public async Task Backend_without_an_admin_password_refuses_to_start_there_is_no_default()
    {
        var (exitCode, output) = await RunBackendAsync([.. Complete.Where(e => e.Name != "Ziggie__Admin__Password")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("missing configuration Ziggie:Admin:Password.", output);
    }

    [Fact]
    public async Task Backend_with_a_short_signing_key_refuses_to_start()
    {
        var (exitCode, output) = await RunBackendAsync([.. Complete.Where(e => e.Name != "Ziggie__Jwt__SigningKey"), ("Ziggie__Jwt__SigningKey", "too-short")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Ziggie:Jwt:SigningKey: shorter than 32 characters", output);
    }

    private static readonly (string Name, string Value)[] Complete =
    [
        ("ConnectionStrings__ziggiedb", "mongodb://127.0.0.1:1/ziggie"),
        ("ConnectionStrings__ollama", "Endpoint=http://127.0.0.1:1"),
        ("Ziggie__Jwt__SigningKey", new string('k', 40)),
        ("Ziggie__Admin__Password", "an-admin-password"),
    ];

    [Fact]
    public async Task Backend_with_only_one_connection_string_names_the_missing_one()
    {
        var (exitCode, output) = await RunBackendAsync([.. Complete.Where(e => e.Name != "ConnectionStrings__ollama")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("missing configuration ConnectionStrings:ollama.", output);
        Assert.DoesNotContain("ConnectionStrings:ziggiedb", output);
    }

    [Fact]
    public async Task Backend_with_an_ollama_address_that_is_not_a_url_refuses_to_start()
    {
        var (exitCode, output) = await RunBackendAsync([.. Complete.Where(e => e.Name != "ConnectionStrings__ollama"), ("ConnectionStrings__ollama", "Endpoint=ollama")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("invalid configuration", output);
        Assert.Contains("Endpoint=http://host:port", output);
    }

    [Fact]
    public async Task Backend_with_a_mongodb_uri_without_database_refuses_to_start()
    {
        var (exitCode, output) = await RunBackendAsync([.. Complete.Where(e => e.Name != "ConnectionStrings__ziggiedb"), ("ConnectionStrings__ziggiedb", "mongodb://127.0.0.1:1")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("names no database", output);
    }

    // The issue asks for "within 10 s"; a backend that started would never exit by itself.
    private static Task<(int ExitCode, string Output)> RunBackendAsync(params (string Name, string Value)[] environment) =>
        DotnetProcess.RunAsync(RepositoryPaths.BackendDll, [], [("ASPNETCORE_URLS", "http://127.0.0.1:0"), .. environment], TimeSpan.FromSeconds(10));
}
