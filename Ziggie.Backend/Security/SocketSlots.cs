using Microsoft.Extensions.Options;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Security;

/// <summary>Open <c>/ws</c> sockets per user, so that one token cannot hold hundreds of them.</summary>
public sealed class SocketSlots(IOptions<LimitOptions> options, SharedStore store, SlotLeases leases)
    : UserSlots(() => options.Value.SocketsPerUser, "socket", Setting, store, leases)
{
    public const string Setting = $"{LimitOptions.Section}:{nameof(LimitOptions.SocketsPerUser)}";
}
