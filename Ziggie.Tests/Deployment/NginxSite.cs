using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// The front end's <c>nginx.conf.template</c> rendered the way the nginx image's entrypoint renders it (each
/// <c>${VARIABLE}</c> of the environment filled in) and run by a real nginx on loopback. Differences from the image,
/// all outside the template: the page root is a temporary folder, and the main <c>nginx.conf</c> is a minimal one
/// that keeps every file in that folder (one process, no daemon, so no user switch and nothing left behind).
/// </summary>
public sealed class NginxSite : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private const string ImageRoot = "/usr/share/nginx/html";

    private readonly DirectoryInfo _folder;
    private Process? _process;

    private NginxSite(DirectoryInfo folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string Root => Path.Combine(_folder.FullName, "html");
    public string ConfigPath => Path.Combine(_folder.FullName, "nginx.conf");

    public static string? Unavailable => File.Exists(Binary) ? null
        : $"No nginx at {Binary}: `apt-get install -y nginx-light` (.ci/run does) to check the front end's nginx configuration.";

    /// <summary>Renders the template and the main configuration; <see cref="StartAsync"/> serves them.</summary>
    public static async Task<NginxSite> RenderAsync(string backendUrl, string resolver = "127.0.0.1")
    {
        var site = new NginxSite(Directory.CreateTempSubdirectory("ziggie-nginx-"), FreePort());
        Directory.CreateDirectory(site.Root);
        var template = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend", "nginx.conf.template"));
        var rendered = template
            .Replace("${PORT}", $"127.0.0.1:{site.Port}", StringComparison.Ordinal)
            .Replace("${BACKEND_URL}", backendUrl, StringComparison.Ordinal)
            .Replace("${NGINX_LOCAL_RESOLVERS}", resolver, StringComparison.Ordinal)
            .Replace(ImageRoot, site.Root, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(site._folder.FullName, "default.conf"), rendered);

        var dir = site._folder.FullName;
        await File.WriteAllTextAsync(site.ConfigPath, $$"""
            daemon off;
            master_process off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events {}
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{dir}}/client_body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                include {{dir}}/default.conf;
            }
            """);
        return site;
    }

    public Task<(int ExitCode, string Output)?> TestConfigAsync() =>
        ChildProcess.TryRunAsync(new ProcessStartInfo(Binary, ["-t", "-p", _folder.FullName, "-c", ConfigPath]), TimeSpan.FromSeconds(30));

    /// <summary>Starts nginx and returns once it accepts connections (bounded retry).</summary>
    public async Task<HttpClient> StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Binary, ["-p", _folder.FullName, "-c", ConfigPath]) { RedirectStandardError = true })!;
        for (var attempt = 0; ; attempt++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(5));
                break;
            }
            catch (SocketException) when (attempt < 100 && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"nginx did not listen on {Port}: {(_process.HasExited ? await _process.StandardError.ReadToEndAsync() : "still starting")}");
            }
        }

        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Delete(recursive: true);
    }
}
