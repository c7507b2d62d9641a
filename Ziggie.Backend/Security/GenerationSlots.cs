using Microsoft.Extensions.Options;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Security;

/// <summary>
/// Counts each user's running generate and chat calls, so one user cannot hold the GPU with many
/// streams at once. A slot is taken for the whole call and given back when it ends, however it ends.
/// </summary>
public sealed class GenerationSlots(IOptions<LimitOptions> options, SharedStore store, SlotLeases leases)
    : UserSlots(() => options.Value.ConcurrentGenerationsPerUser, "generation", Setting, store, leases)
{
    public const string Setting = $"{LimitOptions.Section}:{nameof(LimitOptions.ConcurrentGenerationsPerUser)}";
}
