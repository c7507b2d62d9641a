namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Thrown before any resource starts when another process listens on a port the AppHost pins. The message
/// names each port, address, process and the command that stops it.
/// </summary>
public sealed class PortsInUseException(string message) : DistributedApplicationException(message);
