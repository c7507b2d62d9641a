using Microsoft.Extensions.Options;

namespace Ziggie.Backend.Security;

/// <summary>Open <c>/ws</c> sockets per user, so that one token cannot hold hundreds of them.</summary>
public sealed class SocketSlots(IOptions<LimitOptions> options) : UserSlots(() => options.Value.SocketsPerUser);
