using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Logging;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Holds [::1]:port for every external endpoint Aspire proxies, relaying to 127.0.0.1:port. DCP's proxy binds
/// 127.0.0.1 only, so without this a process started after Ziggie could take [::1]:54112, and clients that try
/// ::1 first for <c>localhost</c> (browsers, curl) would reach it instead of Ziggie: the port guard's incident,
/// after the guard has looked.
/// </summary>
internal sealed class LoopbackIPv6Relays(ILogger<LoopbackIPv6Relays> logger) : IDistributedApplicationEventingSubscriber, IAsyncDisposable
{
    private readonly List<TcpRelay> _relays = [];
    private readonly Lock _gate = new();
    private bool _ipv6Missing;

    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<ResourceEndpointsAllocatedEvent>(HoldAsync);
        }

        return Task.CompletedTask;
    }

    private async Task HoldAsync(ResourceEndpointsAllocatedEvent @event, CancellationToken cancellationToken)
    {
        var endpoints = @event.Resource.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.IsExternal && e.IsProxied && e.AllocatedEndpoint is not null);
        foreach (var endpoint in endpoints)
        {
            if (_ipv6Missing) return;
            var port = endpoint.AllocatedEndpoint!.Port;
            var purpose = $"resource \"{@event.Resource.Name}\", endpoint \"{endpoint.Name}\", on [::1]";
            try
            {
                var relay = TcpRelay.Start(new IPEndPoint(IPAddress.IPv6Loopback, port), new IPEndPoint(IPAddress.Loopback, port));
                lock (_gate) _relays.Add(relay);
                logger.LogDebug("[::1]:{Port} is relayed to 127.0.0.1:{Port} ({Purpose})", port, port, purpose);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
            {
                _ipv6Missing = true;
                logger.LogInformation("This machine has no IPv6 loopback ([::1]): Ziggie's ports are on 127.0.0.1 only ({Reason})", ex.Message);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse)
            {
                throw new PortsInUseException(PortGuardMessage.Format([new PinnedPort(port, purpose)], await OwnersAsync(port, cancellationToken), PortGuardMessage.CurrentOs));
            }
        }
    }

    // Only the IPv6 listeners: 127.0.0.1:port is Aspire's own proxy.
    private static async Task<IReadOnlyList<PortListener>> OwnersAsync(int port, CancellationToken cancellationToken)
    {
        var owners = (await PortListeners.FindAsync(new HashSet<int> { port }, cancellationToken: cancellationToken))
            .Where(l => l.Address.AddressFamily == AddressFamily.InterNetworkV6).ToList();
        return owners.Count > 0 ? owners : [new PortListener(port, IPAddress.IPv6Loopback)];
    }

    public async ValueTask DisposeAsync()
    {
        TcpRelay[] held;
        lock (_gate)
        {
            held = [.. _relays];
            _relays.Clear();
        }

        foreach (var relay in held) await relay.DisposeAsync();
    }
}
