using System.Net;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// A socket listening on a TCP port of this machine, and the process that holds it when that can be read.
/// </summary>
/// <param name="Port">The TCP port.</param>
/// <param name="Address">The local address it listens on: 0.0.0.0 or :: for every address.</param>
/// <param name="ProcessId">The owner's process id, or <see langword="null"/> when this user cannot see the owner.</param>
/// <param name="ProcessName">The owner's process name, when readable.</param>
/// <param name="CommandLine">The owner's command line, when readable.</param>
internal sealed record PortListener(int Port, IPAddress Address, int? ProcessId = null, string? ProcessName = null, string? CommandLine = null)
{
    public string Endpoint => new IPEndPoint(Address, Port).ToString();
}
